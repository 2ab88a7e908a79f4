package io.avrogate.registry.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.avrogate.registry.client.SchemaRegistryClient.SubjectVersionRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The state of one {@code mock://} scope: subjects, versions, global ids, config and mode, with the Confluent
 * registry's rules for ids, idempotent registration, version numbering, lookups and deletes. Every method is
 * synchronized: a scope is shared by every client of that scope in the JVM.
 *
 * <p>Schema text is stored as given and compared as JSON, whatever its layout and key order (this module has no
 * Avro): as with a real registry, which compares parsed schemas, the pretty-printed {@code .avsc} file CI registered
 * is found by the compact text of a generated class. Compatibility is not enforced (see
 * {@link InMemorySchemaRegistryClient}).
 */
final class InMemoryRegistry {
    /** Sorts map keys when writing: {@link #identity} of one schema does not depend on its key order. */
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();
    static final String DEFAULT_LEVEL = "BACKWARD";
    private static final Set<String> LEVELS = Set.of("NONE", "BACKWARD", "BACKWARD_TRANSITIVE", "FORWARD",
            "FORWARD_TRANSITIVE", "FULL", "FULL_TRANSITIVE");
    private static final Set<String> MODES = Set.of("READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT");

    private record Stored(String subject, int version, int id, SchemaContent content, boolean deleted) {
        Stored asDeleted() {
            return new Stored(subject, version, id, content, true);
        }

        SubjectVersion view() {
            return new SubjectVersion(subject, version, id, content);
        }
    }

    private final Map<String, TreeMap<Integer, Stored>> subjects = new LinkedHashMap<>();
    private final Map<Integer, SchemaContent> byId = new HashMap<>();
    private final Map<SchemaContent, Integer> idByContent = new HashMap<>();
    private final Map<String, String> levels = new HashMap<>();
    private final Map<String, String> modes = new HashMap<>();
    private String globalLevel;
    private String globalMode;
    private int maxId;

    // ---- schemas by id -----------------------------------------------------------------------------------------

    synchronized SchemaContent schemaById(int id) {
        SchemaContent content = byId.get(id);
        if (content == null) throw new RegistryClientException(404, 40403, "Schema " + id + " not found");
        return content;
    }

    synchronized List<SubjectVersionRef> versionsOfId(int id) {
        schemaById(id);
        List<SubjectVersionRef> out = new ArrayList<>();
        for (TreeMap<Integer, Stored> versions : subjects.values()) {
            for (Stored s : versions.values()) {
                if (s.id() == id && !s.deleted()) out.add(new SubjectVersionRef(s.subject(), s.version()));
            }
        }
        out.sort(java.util.Comparator.comparing(SubjectVersionRef::subject).thenComparingInt(SubjectVersionRef::version));
        return out;
    }

    // ---- registration and lookup -------------------------------------------------------------------------------

    synchronized int register(String subject, SchemaContent content) {
        validateSubject(subject);
        String mode = effectiveMode(subject);
        if (mode.startsWith("READONLY")) throw notPermitted("Subject " + subject + " is in read-only mode");
        if (mode.equals("IMPORT")) throw notPermitted("Subject " + subject + " is not in read-write mode");
        validate(content);
        TreeMap<Integer, Stored> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        for (Stored s : versions.values()) {
            // Idempotent: any live version with this content, the latest or an older one, answers its id.
            if (!s.deleted() && identity(s.content()).equals(identity(content))) return s.id();
        }
        // The same content anywhere (even soft-deleted) keeps its global id.
        int id = idByContent.computeIfAbsent(identity(content), c -> ++maxId);
        byId.putIfAbsent(id, content);
        int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        versions.values().removeIf(s -> s.deleted() && s.id() == id);
        versions.put(next, new Stored(subject, next, id, content, false));
        return id;
    }

    synchronized SubjectVersion lookup(String subject, SchemaContent content) {
        List<Stored> live = live(subject);
        if (live.isEmpty()) throw subjectNotFound(subject);
        for (Stored s : live) {
            if (identity(s.content()).equals(identity(content))) return s.view();
        }
        throw new RegistryClientException(404, 40403, "Schema not found");
    }

    /**
     * What makes two schemas the same here: the type, the references, and the schema as JSON with object keys in
     * sorted order and no layout. Text that is not JSON is compared as it is.
     */
    private static SchemaContent identity(SchemaContent content) {
        try {
            JsonNode tree = JSON.readTree(content.schema());
            return new SchemaContent(JSON.writeValueAsString(JSON.treeToValue(tree, Object.class)), content.schemaType(),
                    content.references());
        } catch (JsonProcessingException e) {
            return content;
        }
    }

    private void validate(SchemaContent content) {
        if (!content.schemaType().equals(SchemaContent.AVRO)) {
            throw new RegistryClientException(422, 42201, "Invalid schema type " + content.schemaType());
        }
        if (content.schema().isBlank()) throw new RegistryClientException(422, 42201, "Empty schema");
        for (SchemaReference ref : content.references()) {
            boolean found = ref.version() == -1 ? !live(ref.subject()).isEmpty()
                    : Optional.ofNullable(subjects.get(ref.subject())).map(v -> v.get(ref.version()))
                            .filter(s -> !s.deleted()).isPresent();
            if (!found) {
                throw new RegistryClientException(422, 42201, "Invalid schema: reference " + ref.name() + " to subject "
                        + ref.subject() + " version " + ref.version() + " is not registered");
            }
        }
    }

    // ---- subjects and versions ---------------------------------------------------------------------------------

    synchronized List<String> subjects() {
        List<String> out = new ArrayList<>();
        subjects.forEach((name, versions) -> {
            if (versions.values().stream().anyMatch(s -> !s.deleted())) out.add(name);
        });
        return out;
    }

    synchronized List<Integer> versions(String subject) {
        List<Integer> out = live(subject).stream().map(Stored::version).toList();
        if (out.isEmpty()) throw subjectNotFound(subject);
        return out;
    }

    synchronized SubjectVersion version(String subject, String version) {
        int number = parseVersion(version);
        List<Stored> live = live(subject);
        if (live.isEmpty()) throw subjectNotFound(subject);
        if (number == -1) return live.get(live.size() - 1).view();
        Stored s = subjects.get(subject).get(number);
        if (s == null || s.deleted()) throw versionNotFound(number);
        return s.view();
    }

    synchronized List<Integer> referencedBy(String subject, int version) {
        TreeMap<Integer, Stored> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) throw subjectNotFound(subject);
        if (!versions.containsKey(version)) throw versionNotFound(version);
        List<Integer> ids = new ArrayList<>();
        for (Stored s : referencing(subject, version)) {
            if (!ids.contains(s.id())) ids.add(s.id());
        }
        ids.sort(null);
        return ids;
    }

    private List<Stored> referencing(String subject, int version) {
        List<Stored> out = new ArrayList<>();
        int latest = live(subject).stream().mapToInt(Stored::version).max().orElse(-2);
        for (TreeMap<Integer, Stored> versions : subjects.values()) {
            for (Stored s : versions.values()) {
                for (SchemaReference r : s.content().references()) {
                    if (r.subject().equals(subject) && (r.version() == version || (r.version() == -1 && version == latest))) {
                        out.add(s);
                    }
                }
            }
        }
        return out;
    }

    // ---- deletes -----------------------------------------------------------------------------------------------

    synchronized List<Integer> deleteSubject(String subject, boolean permanent) {
        requireWritable(subject);
        TreeMap<Integer, Stored> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) throw subjectNotFound(subject);
        List<Stored> live = live(subject);
        List<Integer> deleted = new ArrayList<>();
        if (permanent) {
            if (!live.isEmpty()) {
                throw new RegistryClientException(404, 40405, "Subject '" + subject
                        + "' was not deleted first before being permanently deleted");
            }
            for (Stored s : versions.values()) requireUnreferenced(subject, s.version());
            for (Stored s : List.copyOf(versions.values())) {
                deleted.add(s.version());
                hardDelete(s);
            }
            subjects.remove(subject);
        } else {
            if (live.isEmpty()) {
                throw new RegistryClientException(404, 40404, "Subject '" + subject
                        + "' was soft deleted.Set permanent=true to delete permanently");
            }
            for (Stored s : live) requireUnreferenced(subject, s.version());
            for (Stored s : live) {
                versions.put(s.version(), s.asDeleted());
                deleted.add(s.version());
            }
            levels.remove(subject);
        }
        return deleted;
    }

    synchronized int deleteVersion(String subject, String version, boolean permanent) {
        int number = parseVersion(version);
        requireWritable(subject);
        TreeMap<Integer, Stored> versions = subjects.get(subject);
        if (versions == null || versions.isEmpty()) throw subjectNotFound(subject);
        Stored s;
        if (number == -1) {
            List<Stored> live = live(subject);
            if (live.isEmpty()) throw versionNotFound("latest");
            s = live.get(live.size() - 1);
        } else {
            s = versions.get(number);
            if (s == null) throw versionNotFound(number);
        }
        if (permanent && !s.deleted()) {
            throw new RegistryClientException(404, 40407, "Subject '" + subject + "' Version " + s.version()
                    + " was not deleted first before being permanently deleted");
        }
        if (!permanent && s.deleted()) {
            throw new RegistryClientException(404, 40406, "Subject '" + subject + "' Version " + s.version()
                    + " was soft deleted.Set permanent=true to delete permanently");
        }
        requireUnreferenced(subject, s.version());
        if (permanent) {
            hardDelete(s);
            if (versions.isEmpty()) subjects.remove(subject);
        } else {
            versions.put(s.version(), s.asDeleted());
        }
        return s.version();
    }

    private void hardDelete(Stored s) {
        subjects.get(s.subject()).remove(s.version());
        boolean stillUsed = subjects.values().stream().flatMap(v -> v.values().stream()).anyMatch(o -> o.id() == s.id());
        if (!stillUsed) {
            // Like the real registry: an id no version holds any more is gone; its content would get a new id.
            byId.remove(s.id());
            idByContent.remove(identity(s.content()));
        }
    }

    private void requireUnreferenced(String subject, int version) {
        if (!referencing(subject, version).isEmpty()) {
            throw new RegistryClientException(422, 42206, "One or more references exist to the schema {subject="
                    + subject + ",version=" + version + "}.");
        }
    }

    // ---- compatibility (not enforced, see the client's javadoc) ------------------------------------------------

    synchronized CompatibilityVerdict checkCompatibility(String subject, String version, SchemaContent content) {
        if (version != null) {
            int number = parseVersion(version);
            if (number != -1) {
                Stored s = Optional.ofNullable(subjects.get(subject)).map(v -> v.get(number)).orElse(null);
                if (s == null || s.deleted()) throw versionNotFound(number);
            }
        }
        validate(content);
        return new CompatibilityVerdict(true, List.of());
    }

    // ---- config and mode ---------------------------------------------------------------------------------------

    synchronized String compatibilityLevel(String subject) {
        String own = subject == null ? null : levels.get(subject);
        if (own != null) return own;
        return globalLevel != null ? globalLevel : DEFAULT_LEVEL;
    }

    synchronized String subjectCompatibilityLevel(String subject) {
        return levels.get(subject);
    }

    synchronized void setCompatibilityLevel(String subject, String level) {
        String normalized = level == null ? "" : level.trim().toUpperCase(Locale.ROOT);
        if (!LEVELS.contains(normalized)) {
            throw new RegistryClientException(422, 42203, "Invalid compatibility level. Valid values are none, backward,"
                    + " forward, full, backward_transitive, forward_transitive, and full_transitive");
        }
        if (subject == null) {
            globalLevel = normalized;
        } else {
            validateSubject(subject);
            requireWritable(subject);
            levels.put(subject, normalized);
        }
    }

    synchronized void deleteCompatibilityLevel(String subject) {
        if (subject == null) {
            globalLevel = null;
        } else if (levels.remove(subject) == null) {
            throw subjectNotFound(subject);
        }
    }

    synchronized String mode(String subject) {
        return effectiveMode(subject);
    }

    synchronized void setMode(String subject, String mode, boolean force) {
        String normalized = mode == null ? "" : mode.trim().toUpperCase(Locale.ROOT);
        if (!MODES.contains(normalized)) {
            throw new RegistryClientException(422, 42204, "Invalid mode. Valid values are READWRITE, READONLY, and IMPORT.");
        }
        if (normalized.equals("IMPORT") && !force) {
            boolean existing = subject == null ? !subjects.isEmpty() : subjects.containsKey(subject);
            if (existing) throw notPermitted("Cannot import since found existing subjects");
        }
        if (subject == null) {
            globalMode = normalized;
        } else {
            validateSubject(subject);
            modes.put(subject, normalized);
        }
    }

    private String effectiveMode(String subject) {
        String own = subject == null ? null : modes.get(subject);
        if (own != null) return own;
        return globalMode != null ? globalMode : "READWRITE";
    }

    private void requireWritable(String subject) {
        if (effectiveMode(subject).startsWith("READONLY")) throw notPermitted("Subject " + subject + " is in read-only mode");
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private List<Stored> live(String subject) {
        TreeMap<Integer, Stored> versions = subjects.get(subject);
        if (versions == null) return List.of();
        return versions.values().stream().filter(s -> !s.deleted()).toList();
    }

    /** A version identifier as the API accepts it: 1..2^31-1, "latest" or -1 (both answered as -1). */
    static int parseVersion(String version) {
        String t = version == null ? "" : version.trim();
        if (t.equalsIgnoreCase("latest")) return -1;
        try {
            int n = Integer.parseInt(t);
            if (n == -1 || n >= 1) return n;
        } catch (NumberFormatException e) {
            // falls through to the registry's error
        }
        throw new RegistryClientException(422, 42202, "The specified version '" + version + "' is not a valid version id."
                + " Allowed values are between [1, 2^31-1] and the string \"latest\"");
    }

    private static void validateSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
            throw new RegistryClientException(422, 42208, "The specified subject is not valid: '" + subject + "'");
        }
    }

    private static RegistryClientException subjectNotFound(String subject) {
        return new RegistryClientException(404, 40401, "Subject '" + subject + "' not found.");
    }

    private static RegistryClientException versionNotFound(Object version) {
        return new RegistryClientException(404, 40402, "Version " + version + " not found.");
    }

    private static RegistryClientException notPermitted(String message) {
        return new RegistryClientException(422, 42205, message);
    }
}
