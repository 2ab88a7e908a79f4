package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's whole state, rebuilt by applying the {@code _schemas} records in order. Every change goes through
 * {@link #apply}, at startup replay and after each write alike, so what a restarted instance sees is exactly what
 * the running one saw. Readers take the read lock; the log reader applies under the write lock.
 */
public final class RegistryState {
    private static final Logger log = LoggerFactory.getLogger(RegistryState.class);

    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, TreeMap<Integer, StoredVersion>> subjects = new TreeMap<>();
    /** The ids of each context ({@link Contexts}): every context has its own sequence, as Confluent's do. */
    private final Map<String, IdSpace> idSpaces = new java.util.concurrent.ConcurrentHashMap<>();
    private final IdSpace defaultIds = space(Contexts.DEFAULT);
    /**
     * For each referenced version, the ids of the schemas that reference it. Kept as Confluent keeps it: a soft
     * delete of any version holding an id removes that id, even if another subject registered the same schema.
     */
    private final Map<SubjectVersion, Set<Integer>> referrers = new HashMap<>();
    private final Map<String, JsonNode> configs = new HashMap<>();
    private final Map<String, Mode> modes = new HashMap<>();

    /** One context's ids: who holds each id, which id each content has, the highest id ever assigned. */
    private static final class IdSpace {
        /** Concurrent so that the hottest read, a schema by id, takes no lock (it is changed under the write lock). */
        final Map<Integer, StoredVersion> byId = new java.util.concurrent.ConcurrentHashMap<>();
        final Map<Integer, Set<SubjectVersion>> users = new HashMap<>();
        final Map<String, Integer> byContent = new HashMap<>();
        int maxId;
    }

    private IdSpace space(String context) {
        return idSpaces.computeIfAbsent(context, c -> new IdSpace());
    }

    private static final String GLOBAL = "\u0000global";

    public void apply(JsonNode key, JsonNode value) {
        if (key == null) return;
        Optional<StoreRecords.KeyType> type = StoreRecords.keyType(key);
        if (type.isEmpty()) {
            // A newer or foreign writer's record: skipping it keeps this instance serving what it understands.
            log.warn("ignoring a record of unknown key type {}", key);
            return;
        }
        lock.writeLock().lock();
        try {
            switch (type.get()) {
                case SCHEMA -> applySchema(key, value);
                case CONFIG -> put(configs, scopeKey(key), value);
                case MODE -> put(modes, scopeKey(key), value == null ? null : modeOf(value));
                case ID_WATERMARK -> {
                    if (value != null) {
                        // Written before contexts existed without a context: the default one.
                        IdSpace ids = space(key.path("context").asText(Contexts.DEFAULT));
                        ids.maxId = Math.max(ids.maxId, value.path("maxId").asInt());
                    }
                }
                case DELETE_SUBJECT, NOOP, CLEAR_SUBJECT, CONTEXT -> { }
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Only Confluent's four modes are ever written. Any other value (a foreign writer's) is read as READWRITE, which
     * is how it acted before modes were an enum: not read-only, not import.
     */
    private static Mode modeOf(JsonNode value) {
        String name = value.path("mode").asText();
        return Mode.named(name).orElseGet(() -> {
            log.warn("unknown mode {} in the store; treated as READWRITE", value);
            return Mode.READWRITE;
        });
    }

    private void applySchema(JsonNode key, JsonNode value) {
        String subject = key.path("subject").asText();
        int version = key.path("version").asInt();
        SubjectVersion at = new SubjectVersion(subject, version);
        TreeMap<Integer, StoredVersion> versions = subjects.computeIfAbsent(subject, s -> new TreeMap<>());
        StoredVersion previous = versions.remove(version);
        if (previous != null) {
            release(previous);
            if (value == null) removeReferrer(previous);
        }
        if (value == null) {
            if (versions.isEmpty()) subjects.remove(subject);
            return;
        }
        StoredVersion stored = StoreRecords.parseSchemaValue(value);
        IdSpace ids = space(stored.context());
        StoredVersion holder = ids.byId.get(stored.id());
        if (holder != null && !holder.contentKey().equals(stored.contentKey())) {
            // Two schemas claiming one id can only come from a foreign writer; keep the first, as Confluent does.
            log.error("record for {} v{} claims id {} held by a different schema; ignored", subject, version, stored.id());
            if (versions.isEmpty()) subjects.remove(subject);
            return;
        }
        versions.put(version, stored);
        ids.byId.putIfAbsent(stored.id(), stored);
        ids.byContent.putIfAbsent(stored.contentKey(), stored.id());
        ids.users.computeIfAbsent(stored.id(), i -> new LinkedHashSet<>()).add(at);
        ids.maxId = Math.max(ids.maxId, stored.id());
        if (stored.deleted()) removeReferrer(stored); else addReferrer(stored);
    }

    private void addReferrer(StoredVersion v) {
        for (SubjectVersion target : referenceTargets(v)) referrers.computeIfAbsent(target, t -> new java.util.TreeSet<>()).add(v.id());
    }

    private void removeReferrer(StoredVersion v) {
        for (SubjectVersion target : referenceTargets(v)) {
            Set<Integer> ids = referrers.get(target);
            if (ids != null && ids.remove(v.id()) && ids.isEmpty()) referrers.remove(target);
        }
    }

    /** The versions a schema references; a reference's subject is relative to the referrer's context. */
    static List<SubjectVersion> referenceTargets(StoredVersion v) {
        List<SubjectVersion> out = new ArrayList<>();
        for (SchemaReference r : v.references()) out.add(new SubjectVersion(Contexts.qualify(r.subject(), v.context()), r.version()));
        return out;
    }

    private void release(StoredVersion old) {
        IdSpace ids = space(old.context());
        Set<SubjectVersion> users = ids.users.get(old.id());
        if (users == null) return;
        users.remove(old.subjectVersion());
        if (users.isEmpty()) {
            ids.users.remove(old.id());
            StoredVersion gone = ids.byId.remove(old.id());
            if (gone != null) ids.byContent.remove(gone.contentKey());
        }
    }

    private static <V> void put(Map<String, V> map, String key, V value) {
        if (value == null) map.remove(key); else map.put(key, value);
    }

    /** Where a CONFIG or MODE record's value lives: its subject, or {@link #GLOBAL} for a null subject. */
    private static String scopeKey(JsonNode key) {
        JsonNode subject = key.get("subject");
        return subject == null || subject.isNull() ? GLOBAL : subject.asText();
    }

    private static String scopeKey(String subject) {
        return subject == null ? GLOBAL : subject;
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** Runs a read under the read lock, so it never sees a record half applied. */
    private <T> T read(Supplier<T> query) {
        lock.readLock().lock();
        try {
            return query.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    /** All versions of a subject, deleted ones included, by version number (a copy). */
    public TreeMap<Integer, StoredVersion> versions(String subject) {
        return read(() -> {
            TreeMap<Integer, StoredVersion> v = subjects.get(subject);
            return v == null ? new TreeMap<>() : new TreeMap<>(v);
        });
    }

    public List<String> subjectNames() {
        return read(() -> new ArrayList<>(subjects.keySet()));
    }

    /** The schema with this id in the default context. */
    public Optional<StoredVersion> byId(int id) {
        return Optional.ofNullable(defaultIds.byId.get(id));
    }

    public Optional<StoredVersion> byId(String context, int id) {
        IdSpace ids = idSpaces.get(context);
        return ids == null ? Optional.empty() : Optional.ofNullable(ids.byId.get(id));
    }

    public Optional<Integer> idOf(String context, String contentKey) {
        return read(() -> Optional.ofNullable(idSpaces.containsKey(context) ? idSpaces.get(context).byContent.get(contentKey) : null));
    }

    /** Every stored version (of any subject of the context, deleted or not) that has this id. */
    public List<StoredVersion> usersOf(String context, int id) {
        return read(() -> {
            List<StoredVersion> out = new ArrayList<>();
            IdSpace ids = idSpaces.get(context);
            for (SubjectVersion user : ids == null ? Set.<SubjectVersion>of() : ids.users.getOrDefault(id, Set.of())) {
                StoredVersion v = subjects.getOrDefault(user.subject(), new TreeMap<>()).get(user.version());
                if (v != null) out.add(v);
            }
            return out;
        });
    }

    /** In the default context. */
    public List<StoredVersion> usersOf(int id) {
        return usersOf(Contexts.DEFAULT, id);
    }

    /** The ids of the schemas that reference {@code subject} at {@code version}, ascending (soft-deleted ones not). */
    public List<Integer> referrers(String subject, int version) {
        return read(() -> new ArrayList<>(referrers.getOrDefault(new SubjectVersion(subject, version), Set.of())));
    }

    /** The highest id ever assigned in the default context. */
    public int maxId() {
        return maxId(Contexts.DEFAULT);
    }

    public int maxId(String context) {
        return read(() -> idSpaces.containsKey(context) ? idSpaces.get(context).maxId : 0);
    }

    /** Every context that has held a schema, the default one first (Confluent's order: sorted by name). */
    public List<String> contexts() {
        return read(() -> {
            java.util.TreeSet<String> out = new java.util.TreeSet<>();
            out.add(Contexts.DEFAULT);
            idSpaces.forEach((context, ids) -> { if (ids.maxId > 0) out.add(context); });
            return new ArrayList<>(out);
        });
    }

    /** The subject's own config (null subject = global), or empty. */
    public Optional<JsonNode> config(String subject) {
        return read(() -> Optional.ofNullable(configs.get(scopeKey(subject))));
    }

    /** The subject's own mode (null subject = global), or empty. */
    public Optional<Mode> mode(String subject) {
        return read(() -> Optional.ofNullable(modes.get(scopeKey(subject))));
    }

    public int subjectCount() {
        return read(subjects::size);
    }

    public int schemaCount() {
        return read(() -> idSpaces.values().stream().mapToInt(ids -> ids.byId.size()).sum());
    }
}
