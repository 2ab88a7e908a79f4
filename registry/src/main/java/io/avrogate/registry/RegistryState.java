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
    private final Map<Integer, Set<String>> idUsers = new HashMap<>();
    private final Map<String, Integer> idByContent = new HashMap<>();
    private final Map<String, JsonNode> configs = new HashMap<>();
    private final Map<String, String> modes = new HashMap<>();
    private int maxId;

    private static final String GLOBAL = "\u0000global";

    public void apply(JsonNode key, JsonNode value) {
        if (key == null) return;
        lock.writeLock().lock();
        try {
            switch (key.path("keytype").asText()) {
                case "SCHEMA" -> applySchema(key, value);
                case "CONFIG" -> put(configs, subjectKey(key), value);
                case "MODE" -> {
                    String subject = subjectKey(key);
                    if (value == null) modes.remove(subject); else modes.put(subject, value.path("mode").asText());
                }
                case "ID_WATERMARK" -> { if (value != null) maxId = Math.max(maxId, value.path("maxId").asInt()); }
                case "DELETE_SUBJECT", "NOOP", "CLEAR_SUBJECT", "CONTEXT" -> { }
                default -> log.warn("ignoring a record of unknown key type {}", key);
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void applySchema(JsonNode key, JsonNode value) {
        String subject = key.path("subject").asText();
        int version = key.path("version").asInt();
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
        idUsers.computeIfAbsent(stored.id(), i -> new LinkedHashSet<>()).add(subject + '\u0000' + version);
        maxId = Math.max(maxId, stored.id());
    }

    private void release(StoredVersion old) {
        Set<String> users = idUsers.get(old.id());
        if (users == null) return;
        users.remove(old.subject() + '\u0000' + old.version());
        if (users.isEmpty()) {
            idUsers.remove(old.id());
            StoredVersion gone = byId.remove(old.id());
            if (gone != null) idByContent.remove(gone.contentKey());
        }
    }

    private static void put(Map<String, JsonNode> map, String key, JsonNode value) {
        if (value == null) map.remove(key); else map.put(key, value);
    }

    private static String subjectKey(JsonNode key) {
        JsonNode subject = key.get("subject");
        return subject == null || subject.isNull() ? GLOBAL : subject.asText();
    }

    // ---- reads -------------------------------------------------------------------------------------------------

    /** All versions of a subject, deleted ones included, by version number (a copy). */
    public TreeMap<Integer, StoredVersion> versions(String subject) {
        lock.readLock().lock();
        try {
            TreeMap<Integer, StoredVersion> v = subjects.get(subject);
            return v == null ? new TreeMap<>() : new TreeMap<>(v);
        } finally {
            lock.readLock().unlock();
        }
    }

    public List<String> subjectNames() {
        lock.readLock().lock();
        try {
            return new ArrayList<>(subjects.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<StoredVersion> byId(int id) {
        return Optional.ofNullable(byId.get(id));
    }

    public Optional<Integer> idOf(String contentKey) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(idByContent.get(contentKey));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every stored version (of any subject, deleted or not) that has this id. */
    public List<StoredVersion> usersOf(int id) {
        lock.readLock().lock();
        try {
            List<StoredVersion> out = new ArrayList<>();
            for (String user : idUsers.getOrDefault(id, Set.of())) {
                String[] parts = user.split("\u0000");
                StoredVersion v = subjects.getOrDefault(parts[0], new TreeMap<>()).get(Integer.parseInt(parts[1]));
                if (v != null) out.add(v);
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Every stored version whose references name {@code subject} at {@code version}. */
    public List<StoredVersion> referencing(String subject, int version) {
        lock.readLock().lock();
        try {
            List<StoredVersion> out = new ArrayList<>();
            for (TreeMap<Integer, StoredVersion> versions : subjects.values()) {
                for (StoredVersion v : versions.values()) {
                    for (SchemaReference r : v.references()) {
                        if (r.subject().equals(subject) && r.version() == version) out.add(v);
                    }
                }
            }
            out.sort(java.util.Comparator.comparingInt(StoredVersion::id));
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    public int maxId() {
        lock.readLock().lock();
        try {
            return maxId;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The subject's own config (null subject = global), or empty. */
    public Optional<JsonNode> config(String subject) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(configs.get(subject == null ? GLOBAL : subject));
        } finally {
            lock.readLock().unlock();
        }
    }

    public Optional<String> mode(String subject) {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(modes.get(subject == null ? GLOBAL : subject));
        } finally {
            lock.readLock().unlock();
        }
    }

    public int subjectCount() {
        lock.readLock().lock();
        try {
            return subjects.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    public int schemaCount() {
        lock.readLock().lock();
        try {
            return byId.size();
        } finally {
            lock.readLock().unlock();
        }
    }
}
