package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
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
    /** Concurrent so that the hottest read, a schema by id, takes no lock (it is changed under the write lock). */
    private final Map<Integer, StoredVersion> byId = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, Set<SubjectVersion>> idUsers = new HashMap<>();
    private final Map<String, Integer> idByContent = new HashMap<>();
    private final Map<String, JsonNode> configs = new HashMap<>();
    private final Map<String, Mode> modes = new HashMap<>();
    private int maxId;

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
                case ID_WATERMARK -> { if (value != null) maxId = Math.max(maxId, value.path("maxId").asInt()); }
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
        if (previous != null) release(previous);
        if (value == null) {
            if (versions.isEmpty()) subjects.remove(subject);
            return;
        }
        StoredVersion stored = StoreRecords.parseSchemaValue(value);
        StoredVersion holder = byId.get(stored.id());
        if (holder != null && !holder.contentKey().equals(stored.contentKey())) {
            // Two schemas claiming one id can only come from a foreign writer; keep the first, as Confluent does.
            log.error("record for {} v{} claims id {} held by a different schema; ignored", subject, version, stored.id());
            if (versions.isEmpty()) subjects.remove(subject);
            return;
        }
        versions.put(version, stored);
        byId.putIfAbsent(stored.id(), stored);
        idByContent.putIfAbsent(stored.contentKey(), stored.id());
        idUsers.computeIfAbsent(stored.id(), i -> new LinkedHashSet<>()).add(at);
        maxId = Math.max(maxId, stored.id());
    }

    private void release(StoredVersion old) {
        Set<SubjectVersion> users = idUsers.get(old.id());
        if (users == null) return;
        users.remove(old.subjectVersion());
        if (users.isEmpty()) {
            idUsers.remove(old.id());
            StoredVersion gone = byId.remove(old.id());
            if (gone != null) idByContent.remove(gone.contentKey());
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

    public Optional<StoredVersion> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Integer> idOf(String contentKey) {
        return read(() -> Optional.ofNullable(idByContent.get(contentKey)));
    }

    /** Every stored version (of any subject, deleted or not) that has this id. */
    public List<StoredVersion> usersOf(int id) {
        return read(() -> {
            List<StoredVersion> out = new ArrayList<>();
            for (SubjectVersion user : idUsers.getOrDefault(id, Set.of())) {
                StoredVersion v = subjects.getOrDefault(user.subject(), new TreeMap<>()).get(user.version());
                if (v != null) out.add(v);
            }
            return out;
        });
    }

    /** Every stored version whose references name {@code subject} at {@code version}. */
    public List<StoredVersion> referencing(String subject, int version) {
        return read(() -> {
            List<StoredVersion> out = new ArrayList<>();
            for (TreeMap<Integer, StoredVersion> versions : subjects.values()) {
                for (StoredVersion v : versions.values()) {
                    for (SchemaReference r : v.references()) {
                        if (r.subject().equals(subject) && r.version() == version) out.add(v);
                    }
                }
            }
            out.sort(Comparator.comparingInt(StoredVersion::id));
            return out;
        });
    }

    public int maxId() {
        return read(() -> maxId);
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
        return read(byId::size);
    }
}
