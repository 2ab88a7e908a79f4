package io.avrogate.console;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.VersionedSchema;
import io.avrogate.registry.client.SchemaReference;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClient.SubjectVersionRef;
import io.avrogate.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.avro.Schema;

/**
 * What the console knows about subjects, read through the registry's public REST API (our registry client): the
 * subject list, each subject's versions, its compatibility level, and the references in both directions. Schemas
 * with references are parsed with the referenced versions first, as the registry parses them.
 */
final class SubjectCatalog {
    /**
     * One row of the subject list.
     *
     * @param description the latest version's top-level {@code doc}, or empty
     * @param uses        the references of the latest version
     */
    record Summary(String subject, int latestVersion, int latestId, String level, int versionCount, String description,
                   List<SchemaReference> uses) {}

    private final SchemaRegistryClient registry;

    SubjectCatalog(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** The subjects the reader may see whose name contains {@code query} (any case), sorted. */
    List<String> subjects(Predicate<String> readable, String query) {
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        return registry.subjects().stream()
                .filter(readable)
                .filter(s -> needle.isEmpty() || s.toLowerCase(Locale.ROOT).contains(needle))
                .sorted()
                .toList();
    }

    Summary summary(String subject) {
        SubjectVersion latest = registry.latest(subject);
        List<Integer> versions = registry.versions(subject);
        return new Summary(subject, latest.version(), latest.id(), registry.compatibilityLevel(subject), versions.size(),
                describe(latest), latest.content().references());
    }

    List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    SubjectVersion version(String subject, String version) {
        return registry.version(subject, version);
    }

    String level(String subject) {
        return registry.compatibilityLevel(subject);
    }

    /** The (subject, version) pairs whose schemas reference this version: "used by". */
    List<SubjectVersionRef> usedBy(String subject, int version) {
        Set<SubjectVersionRef> out = new LinkedHashSet<>();
        for (int id : registry.referencedBy(subject, version)) out.addAll(registry.versionsOfId(id));
        return List.copyOf(out);
    }

    /** Every (subject, version) holding the schema id. */
    List<SubjectVersionRef> holdersOf(int id) {
        return registry.versionsOfId(id);
    }

    /** The version parsed as stored, its references resolved first. */
    Schema parse(SubjectVersion version) {
        return AvroSchemas.parse(version.content().schema(), referenceTexts(version.content().references()), false);
    }

    /** A proposed schema, parsed as a candidate (defaults validated) with the latest version's references known. */
    Schema parseCandidate(String text, SubjectVersion latest) {
        return AvroSchemas.parse(text, referenceTexts(latest.content().references()), true);
    }

    /** Every version of the subject, oldest first, parsed: the history a compatibility check walks. */
    List<VersionedSchema> history(String subject) {
        List<VersionedSchema> out = new ArrayList<>();
        for (int v : registry.versions(subject)) {
            out.add(new VersionedSchema(v, parse(registry.version(subject, Integer.toString(v)))));
        }
        return out;
    }

    /** The texts of the referenced versions, in dependency order (each after what it uses), once each. */
    private List<String> referenceTexts(List<SchemaReference> references) {
        Map<String, String> texts = new LinkedHashMap<>();
        collect(references, texts, 0);
        return List.copyOf(texts.values());
    }

    private void collect(List<SchemaReference> references, Map<String, String> into, int depth) {
        if (depth > 32) throw new IllegalStateException("references nested more than 32 levels deep");
        for (SchemaReference ref : references) {
            String key = ref.subject() + "@" + ref.version();
            if (into.containsKey(key)) continue;
            SubjectVersion used = registry.version(ref.subject(), Integer.toString(ref.version()));
            collect(used.content().references(), into, depth + 1);
            into.put(key, used.content().schema());
        }
    }

    private String describe(SubjectVersion latest) {
        try {
            String doc = parse(latest).getDoc();
            return doc == null ? "" : doc;
        } catch (RuntimeException e) {
            return ""; // a schema we cannot parse still gets a row; its page says why
        }
    }
}
