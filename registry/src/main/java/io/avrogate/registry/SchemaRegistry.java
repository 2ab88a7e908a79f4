package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Schema registration, lookup, reads, deletes and compatibility checks with the Confluent registry's rules.
 * Every write is computed inside {@link KafkaLog#write} from up-to-date state and answered only once applied.
 */
public final class SchemaRegistry {
    private final RegistryState state;
    private final KafkaLog log;
    private final SchemaParsing parsing;
    private final SubjectSettings settings;
    private final SchemaListings listings;
    private final SubjectCompatibility compatibility;

    /** The outcome of a registration: the id, and the full version when Confluent answers with the whole object. */
    public record Registered(int id, StoredVersion full) {}

    /** A compatibility verdict and, when asked for, Confluent's messages. */
    public record Verdict(boolean compatible, List<String> messages) {}

    public SchemaRegistry(RegistryState state, KafkaLog log, RegistryConfig config) {
        this.state = state;
        this.log = log;
        this.parsing = new SchemaParsing(state, config.getInt(RegistryConfig.MAX_SCHEMA_BYTES));
        this.settings = new SubjectSettings(state, log, config.defaultLevel());
        this.listings = new SchemaListings(state);
        this.compatibility = new SubjectCompatibility(state, parsing, settings);
    }

    public SubjectSettings subjectSettings() {
        return settings;
    }

    public SchemaListings listings() {
        return listings;
    }

    // ---- registration ------------------------------------------------------------------------------------------

    public Registered register(String subject, RegisterRequest request, boolean normalize) {
        SubjectSettings.validateSubject(subject);
        boolean importing = settings.requireWritable(subject) == Mode.IMPORT;
        boolean explicitId = request.id() != null && request.id() >= 0;
        if (explicitId && !importing) throw SUBJECT_NOT_IN_IMPORT_MODE.exception(subject);
        if (importing && !explicitId) throw SUBJECT_NOT_IN_READWRITE_MODE.exception(subject);
        Candidate candidate = parsing.parse(request, settings.normalize(subject, normalize), Contexts.of(subject));
        return log.write(current -> importing ? importVersion(current, subject, candidate, request)
                : newVersion(current, subject, candidate, request));
    }

    /**
     * The metadata and rule set a registration stores, by Confluent's rules: what the request does not send is the
     * latest live version's, then the subject's (else the global) {@code defaultX} &lt; that &lt; {@code overrideX}.
     */
    private record Contract(JsonNode metadata, JsonNode ruleSet) {
        boolean sameAs(StoredVersion v) {
            return Objects.equals(withoutVersionProperty(metadata), withoutVersionProperty(v.metadata()))
                    && Objects.equals(ruleSet, v.ruleSet());
        }
    }

    private Contract contract(RegistryState current, String subject, RegisterRequest request, StoredVersion latest) {
        JsonNode metadata = request.metadata() != null ? request.metadata() : latest == null ? null : latest.metadata();
        JsonNode ruleSet = request.ruleSet() != null ? request.ruleSet() : latest == null ? null : latest.ruleSet();
        return new Contract(
                DataContracts.mergeMetadata(DataContracts.mergeMetadata(
                        settings.effectiveField(current, subject, "defaultMetadata"), metadata),
                        settings.effectiveField(current, subject, "overrideMetadata")),
                DataContracts.mergeRuleSets(DataContracts.mergeRuleSets(
                        settings.effectiveField(current, subject, "defaultRuleSet"), ruleSet),
                        settings.effectiveField(current, subject, "overrideRuleSet")));
    }

    private KafkaLog.Write<Registered> newVersion(RegistryState current, String subject, Candidate c, RegisterRequest request) {
        TreeMap<Integer, StoredVersion> versions = current.versions(subject);
        List<StoredVersion> live = live(versions);
        StoredVersion latest = live.isEmpty() ? null : live.get(live.size() - 1);
        Contract contract = contract(current, subject, request, latest);
        // Confluent answers with the whole version when it filled in metadata or rules the request did not send.
        boolean filledIn = !Objects.equals(contract.metadata(), request.metadata())
                || !Objects.equals(contract.ruleSet(), request.ruleSet());
        boolean forceNew = request.version() != null && request.version() == -1;
        if (forceNew) {
            // version -1 asks for a new latest version unless the latest already is this schema.
            if (latest != null && c.sameSchemaAs(latest)) return KafkaLog.Write.none(new Registered(latest.id(), null));
        } else {
            // Idempotent: the schema, with the same metadata and rules, is already a live version (the latest or an
            // older one) -> its id, no new version. Metadata is part of a schema's identity.
            for (StoredVersion v : live) {
                if (c.sameSchemaAs(v) && contract.sameAs(v)) return KafkaLog.Write.none(new Registered(v.id(), filledIn ? v : null));
            }
        }
        int next = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        if (request.version() != null && request.version() != -1 && request.version() != next) {
            throw VERSION_NOT_NEXT.exception();
        }
        boolean explicitVersion = request.version() != null;
        JsonNode metadata = contract.metadata();
        // confluent:version is kept in step with the version number once present, or when a version was asked for.
        if (explicitVersion || DataContracts.property(metadata, VERSION_PROPERTY) != null) {
            metadata = DataContracts.withProperty(metadata, VERSION_PROPERTY, String.valueOf(next));
        }

        compatibility.requireCompatible(current, subject, c, compatibility.sameGroup(current, subject, live, metadata));
        String context = Contexts.of(subject);
        String key = c.contentKey(metadata, contract.ruleSet());
        int id = current.idOf(context, key).orElse(current.maxId(context) + 1);
        StoredVersion stored = new StoredVersion(subject, next, id, c.schemaType(), c.references(), metadata,
                contract.ruleSet(), c.schema(), false);
        List<StoreRecords.Record> records = new ArrayList<>();
        records.add(StoreRecords.schema(stored));
        for (StoredVersion old : versions.values()) {
            // An older soft-deleted version holding the same id is superseded by the new one (Confluent tombstones it).
            if (old.deleted() && old.id() == id) records.add(StoreRecords.schemaTombstone(new SubjectVersion(subject, old.version())));
        }
        if (id > current.maxId(context)) records.add(StoreRecords.idWatermark(context, id));
        boolean full = explicitVersion || metadata != null || contract.ruleSet() != null;
        return new KafkaLog.Write<>(records, new Registered(id, full ? stored : null));
    }

    private KafkaLog.Write<Registered> importVersion(RegistryState current, String subject, Candidate c, RegisterRequest request) {
        int id = request.id();
        String context = Contexts.of(subject);
        current.byId(context, id).ifPresent(holder -> {
            if (!c.sameSchemaAs(holder)) {
                throw ID_HELD_BY_OTHER_SCHEMA.exception(id);
            }
        });
        TreeMap<Integer, StoredVersion> versions = current.versions(subject);
        for (StoredVersion v : live(versions)) {
            if (v.id() == id) return KafkaLog.Write.none(new Registered(id, null));
        }
        int version = request.version() != null && request.version() > 0 ? request.version()
                : (versions.isEmpty() ? 1 : versions.lastKey() + 1);
        StoredVersion existing = versions.get(version);
        if (existing != null && !existing.deleted()) {
            throw VERSION_ALREADY_EXISTS.exception(version, subject, existing.id());
        }
        StoredVersion stored = new StoredVersion(subject, version, id, c.schemaType(), c.references(), request.metadata(),
                request.ruleSet(), c.schema(), false);
        List<StoreRecords.Record> records = new ArrayList<>(List.of(StoreRecords.schema(stored)));
        if (id > current.maxId(context)) records.add(StoreRecords.idWatermark(context, id));
        return new KafkaLog.Write<>(records, new Registered(id, null));
    }

    private static final String VERSION_PROPERTY = "confluent:version";

    /** Metadata without {@code confluent:version}, which follows the version number and so is no part of identity. */
    private static JsonNode withoutVersionProperty(JsonNode metadata) {
        if (DataContracts.property(metadata, VERSION_PROPERTY) == null) return metadata;
        ObjectNode copy = ((ObjectNode) metadata).deepCopy();
        ObjectNode properties = (ObjectNode) copy.get("properties");
        properties.remove(VERSION_PROPERTY);
        if (properties.isEmpty()) copy.remove("properties");
        return copy;
    }

    // ---- lookup and reads --------------------------------------------------------------------------------------

    public StoredVersion lookup(String subject, RegisterRequest request, boolean normalize, boolean includeDeleted) {
        Candidate c = parsing.parse(request, settings.normalize(subject, normalize), Contexts.of(subject));
        TreeMap<Integer, StoredVersion> versions = state.versions(subject);
        List<StoredVersion> candidates = includeDeleted ? new ArrayList<>(versions.values()) : live(versions);
        if (candidates.isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
        // The latest version with this schema; metadata and rules, when sent, must match too.
        for (int i = candidates.size() - 1; i >= 0; i--) {
            StoredVersion v = candidates.get(i);
            if (c.sameSchemaAs(v) && (request.metadata() == null || request.metadata().equals(v.metadata()))
                    && (request.ruleSet() == null || request.ruleSet().equals(v.ruleSet()))) return v;
        }
        throw SCHEMA_NOT_FOUND.exception();
    }

    public StoredVersion version(String subject, VersionId id, boolean includeDeleted) {
        TreeMap<Integer, StoredVersion> versions = state.versions(subject);
        List<StoredVersion> live = live(versions);
        if (versions.isEmpty() || (!includeDeleted && live.isEmpty())) throw SUBJECT_NOT_FOUND.exception(subject);
        if (id.isLatest()) {
            if (live.isEmpty()) throw VERSION_NOT_FOUND.exception("latest");
            return live.get(live.size() - 1);
        }
        StoredVersion v = versions.get(id.number());
        if (v == null || (v.deleted() && !includeDeleted)) throw VERSION_NOT_FOUND.exception(id.number());
        return v;
    }

    public List<Integer> versionNumbers(String subject, boolean deleted, boolean deletedOnly) {
        TreeMap<Integer, StoredVersion> versions = state.versions(subject);
        if (versions.isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
        List<Integer> out = new ArrayList<>();
        for (StoredVersion v : versions.values()) {
            if (deletedOnly ? v.deleted() : deleted || !v.deleted()) out.add(v.version());
        }
        if (out.isEmpty() && !deleted && !deletedOnly) throw SUBJECT_NOT_FOUND.exception(subject);
        return out;
    }

    public List<String> subjects(String prefix, boolean deleted, boolean deletedOnly) {
        List<String> out = new ArrayList<>();
        for (String subject : state.subjectNames()) {
            if (!Contexts.matchesPrefix(subject, prefix)) continue;
            TreeMap<Integer, StoredVersion> versions = state.versions(subject);
            boolean hasLive = versions.values().stream().anyMatch(v -> !v.deleted());
            boolean hasDeleted = versions.values().stream().anyMatch(StoredVersion::deleted);
            if (deletedOnly ? !hasLive && hasDeleted : hasLive || (deleted && hasDeleted)) out.add(subject);
        }
        return out;
    }

    public int maxId(String context) {
        return state.maxId(context);
    }

    /** @param context the context of the request's {@code subject} parameter ({@link Contexts#of}) */
    public StoredVersion schemaById(String context, int id) {
        return state.byId(context, id).orElseThrow(() -> SCHEMA_ID_NOT_FOUND.exception(id));
    }

    /** Confluent's {@code format=resolved} text of a version: referenced types written out. */
    public String resolvedSchema(StoredVersion v) {
        return parsing.resolved(v);
    }

    /** Every stored version with this id in the context; soft-deleted ones only when asked for. */
    public List<StoredVersion> usersOfId(String context, int id, boolean includeDeleted) {
        List<StoredVersion> users = state.usersOf(context, id);
        if (users.isEmpty()) throw SCHEMA_NOT_FOUND.exception();
        List<StoredVersion> out = new ArrayList<>();
        for (StoredVersion v : users) {
            if (includeDeleted || !v.deleted()) out.add(v);
        }
        out.sort(java.util.Comparator.comparing(StoredVersion::subject).thenComparingInt(StoredVersion::version));
        return out;
    }

    public List<Integer> referencedBy(String subject, VersionId id) {
        StoredVersion target = version(subject, id, true);
        return state.referrers(subject, target.version());
    }

    // ---- deletes -----------------------------------------------------------------------------------------------

    public int deleteVersion(String subject, VersionId id, boolean permanent) {
        settings.requireWritable(subject);
        return log.write(current -> {
            TreeMap<Integer, StoredVersion> versions = current.versions(subject);
            if (versions.isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
            StoredVersion v;
            if (id.isLatest()) {
                List<StoredVersion> live = live(versions);
                if (live.isEmpty()) throw VERSION_NOT_FOUND.exception("latest");
                v = live.get(live.size() - 1);
            } else {
                v = versions.get(id.number());
                if (v == null) throw VERSION_NOT_FOUND.exception(id.number());
            }
            if (permanent && !v.deleted()) throw VERSION_NOT_SOFT_DELETED.exception(subject, v.version());
            if (!permanent && v.deleted()) throw VERSION_SOFT_DELETED.exception(subject, v.version());
            SubjectVersion at = new SubjectVersion(subject, v.version());
            requireUnreferenced(current, at);
            StoreRecords.Record record = permanent ? StoreRecords.schemaTombstone(at)
                    : StoreRecords.schema(v.withDeleted(true));
            return new KafkaLog.Write<>(List.of(record), v.version());
        });
    }

    public List<Integer> deleteSubject(String subject, boolean permanent) {
        settings.requireWritable(subject);
        return log.write(current -> {
            TreeMap<Integer, StoredVersion> versions = current.versions(subject);
            if (versions.isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
            List<StoredVersion> live = live(versions);
            List<StoreRecords.Record> records = new ArrayList<>();
            List<Integer> deleted = new ArrayList<>();
            if (permanent) {
                if (!live.isEmpty()) throw SUBJECT_NOT_SOFT_DELETED.exception(subject);
                for (StoredVersion v : versions.values()) {
                    SubjectVersion at = new SubjectVersion(subject, v.version());
                    requireUnreferenced(current, at);
                    records.add(StoreRecords.schemaTombstone(at));
                    deleted.add(v.version());
                }
            } else {
                if (live.isEmpty()) throw SUBJECT_SOFT_DELETED.exception(subject);
                for (StoredVersion v : live) {
                    requireUnreferenced(current, new SubjectVersion(subject, v.version()));
                    records.add(StoreRecords.schema(v.withDeleted(true)));
                    deleted.add(v.version());
                }
                records.add(StoreRecords.deleteSubject(subject, versions.lastKey()));
                // Confluent drops a subject's compatibility setting together with the subject.
                if (current.config(subject).isPresent()) records.add(StoreRecords.config(subject, null));
            }
            return new KafkaLog.Write<>(records, deleted);
        });
    }

    private static void requireUnreferenced(RegistryState current, SubjectVersion v) {
        if (!current.referrers(v.subject(), v.version()).isEmpty()) throw REFERENCE_EXISTS.exception(v.subject(), v.version());
    }

    // ---- compatibility -----------------------------------------------------------------------------------------

    /** @see SubjectCompatibility#check */
    public Verdict checkCompatibility(String subject, VersionId version, RegisterRequest request, boolean verbose,
                                      boolean normalize) {
        return compatibility.check(subject, version, request, verbose, normalize);
    }

    static List<StoredVersion> live(TreeMap<Integer, StoredVersion> versions) {
        List<StoredVersion> out = new ArrayList<>();
        for (StoredVersion v : versions.values()) if (!v.deleted()) out.add(v);
        return out;
    }
}
