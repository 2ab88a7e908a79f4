package io.avrogate.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The HTTP client of the Confluent-compatible API (JDK {@code HttpClient} and Jackson), with failover across URLs,
 * retries, basic or bearer auth and TLS (see {@link RegistryTransport} and {@link RegistryClientConfig}).
 *
 * <p>Caches, all keyed by content (never by object identity) and bounded by {@code schema.cache.size}:
 * <ul>
 *   <li>id → schema, forever: ids are immutable;</li>
 *   <li>(subject, schema, normalize) → id from {@link #register}, and → version from {@link #lookup}: a warm
 *       serializer makes no HTTP call. Deletes through this client drop the subject's entries;</li>
 *   <li>subject → latest version for {@code latest.cache.ttl.sec} (-1: no expiry, 0: not cached); registering or
 *       deleting in the subject through this client drops it;</li>
 *   <li>404 answers for ids, lookups and versions for {@code missing.*.cache.ttl.sec} (0, the default: not cached).</li>
 * </ul>
 * Thread-safe: share one instance per application.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {
    /** Which (subject, schema, normalize) a cached id or version answers for. */
    private record ContentKey(String subject, SchemaContent content, boolean normalize) {}

    private record VersionKey(String subject, String version) {}

    private final RegistryTransport transport;
    private final BoundedCache<Integer, SchemaContent> schemasById;
    private final BoundedCache<ContentKey, Integer> registeredIds;
    private final BoundedCache<ContentKey, SubjectVersion> lookedUp;
    private final BoundedCache<String, SubjectVersion> latest;
    private final BoundedCache<Integer, RegistryClientException> missingIds;
    private final BoundedCache<ContentKey, RegistryClientException> missingSchemas;
    private final BoundedCache<VersionKey, RegistryClientException> missingVersions;
    private final boolean removeJavaProperties;

    public RestSchemaRegistryClient(Map<String, ?> configs) {
        this(new RegistryClientConfig(configs));
    }

    public RestSchemaRegistryClient(RegistryClientConfig config) {
        this.transport = new RegistryTransport(config);
        int size = config.getInt(RegistryClientConfig.SCHEMA_CACHE_SIZE);
        this.schemasById = new BoundedCache<>(size, 0);
        this.registeredIds = new BoundedCache<>(size, 0);
        this.lookedUp = new BoundedCache<>(size, 0);
        long latestTtl = config.getLong(RegistryClientConfig.LATEST_CACHE_TTL_SEC);
        this.latest = latestTtl == 0 ? null
                : new BoundedCache<>(config.getInt(RegistryClientConfig.LATEST_CACHE_SIZE), latestTtl < 0 ? 0 : latestTtl * 1000);
        int missingSize = config.getInt(RegistryClientConfig.MISSING_CACHE_SIZE);
        this.missingIds = negativeCache(missingSize, config.getLong(RegistryClientConfig.MISSING_ID_CACHE_TTL_SEC));
        this.missingSchemas = negativeCache(missingSize, config.getLong(RegistryClientConfig.MISSING_SCHEMA_CACHE_TTL_SEC));
        this.missingVersions = negativeCache(missingSize, config.getLong(RegistryClientConfig.MISSING_VERSION_CACHE_TTL_SEC));
        this.removeJavaProperties = config.getBoolean(RegistryClientConfig.AVRO_REMOVE_JAVA_PROPERTIES);
    }

    /** What register and lookup send: by default without the Java-only properties of generated classes. */
    private SchemaContent withoutJavaProperties(SchemaContent schema) {
        Objects.requireNonNull(schema, "schema");
        return removeJavaProperties ? JavaProperties.strip(schema) : schema;
    }

    private static <K> BoundedCache<K, RegistryClientException> negativeCache(int size, long ttlSeconds) {
        return ttlSeconds <= 0 ? null : new BoundedCache<>(size, ttlSeconds * 1000);
    }

    /** The configured base URLs, without credentials. */
    public List<String> baseUrls() {
        return transport.baseUrls();
    }

    // ---- schemas by id -----------------------------------------------------------------------------------------

    @Override
    public SchemaContent schemaById(int id) {
        SchemaContent cached = schemasById.get(id);
        if (cached != null) return cached;
        throwIfCached(missingIds, id);
        try {
            SchemaContent content = RegistryJson.content(transport.send("GET", "/schemas/ids/" + id, null));
            schemasById.put(id, content);
            return content;
        } catch (RegistryClientException e) {
            remember(missingIds, id, e);
            throw e;
        }
    }

    @Override
    public List<SubjectVersionRef> versionsOfId(int id) {
        return RegistryJson.refs(transport.send("GET", "/schemas/ids/" + id + "/versions", null));
    }

    @Override
    public List<String> schemaTypes() {
        return RegistryJson.strings(transport.send("GET", "/schemas/types", null));
    }

    // ---- subjects and versions ---------------------------------------------------------------------------------

    @Override
    public int register(String subject, SchemaContent schema, boolean normalize) {
        schema = withoutJavaProperties(schema);
        ContentKey key = new ContentKey(subject, Objects.requireNonNull(schema, "schema"), normalize);
        Integer cached = registeredIds.get(key);
        if (cached != null) return cached;
        int id = RegistryJson.id(transport.send("POST", subjectPath(subject) + "/versions" + normalize(normalize),
                RegistryJson.request(schema)));
        registeredIds.put(key, id);
        // The subject changed: what this client remembered as missing or latest there may be stale now.
        forgetMissing(subject);
        if (latest != null) latest.remove(subject);
        return id;
    }

    @Override
    public SubjectVersion lookup(String subject, SchemaContent schema, boolean normalize) {
        schema = withoutJavaProperties(schema);
        ContentKey key = new ContentKey(subject, Objects.requireNonNull(schema, "schema"), normalize);
        SubjectVersion cached = lookedUp.get(key);
        if (cached != null) return cached;
        throwIfCached(missingSchemas, key);
        try {
            SubjectVersion found = RegistryJson.subjectVersion(transport.send("POST", subjectPath(subject)
                    + normalize(normalize), RegistryJson.request(schema)));
            lookedUp.put(key, found);
            schemasById.put(found.id(), found.content());
            return found;
        } catch (RegistryClientException e) {
            remember(missingSchemas, key, e);
            throw e;
        }
    }

    @Override
    public List<String> subjects() {
        return RegistryJson.strings(transport.send("GET", "/subjects", null));
    }

    @Override
    public List<Integer> versions(String subject) {
        return RegistryJson.ints(transport.send("GET", subjectPath(subject) + "/versions", null));
    }

    @Override
    public SubjectVersion version(String subject, String version) {
        VersionKey key = new VersionKey(subject, Objects.requireNonNull(version, "version").trim());
        throwIfCached(missingVersions, key);
        try {
            SubjectVersion v = RegistryJson.subjectVersion(transport.send("GET", subjectPath(subject) + "/versions/"
                    + encode(key.version()), null));
            schemasById.put(v.id(), v.content());
            return v;
        } catch (RegistryClientException e) {
            remember(missingVersions, key, e);
            throw e;
        }
    }

    @Override
    public SubjectVersion latest(String subject) {
        if (latest == null) return version(subject, "latest");
        SubjectVersion cached = latest.get(subject);
        if (cached != null) return cached;
        SubjectVersion v = version(subject, "latest");
        latest.put(subject, v);
        return v;
    }

    @Override
    public List<Integer> referencedBy(String subject, int version) {
        return RegistryJson.ints(transport.send("GET", subjectPath(subject) + "/versions/" + version + "/referencedby", null));
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        try {
            return RegistryJson.ints(transport.send("DELETE", subjectPath(subject) + permanent(permanent), null));
        } finally {
            forgetSubject(subject);
        }
    }

    @Override
    public int deleteVersion(String subject, String version, boolean permanent) {
        try {
            JsonNode answer = transport.send("DELETE", subjectPath(subject) + "/versions/"
                    + encode(Objects.requireNonNull(version, "version").trim()) + permanent(permanent), null);
            return answer.asInt();
        } finally {
            forgetSubject(subject);
        }
    }

    // ---- compatibility -----------------------------------------------------------------------------------------

    @Override
    public CompatibilityVerdict checkCompatibility(String subject, SchemaContent schema, boolean verbose) {
        return RegistryJson.verdict(transport.send("POST", "/compatibility" + subjectPath(subject) + "/versions?verbose="
                + verbose, RegistryJson.request(Objects.requireNonNull(schema, "schema"))));
    }

    @Override
    public CompatibilityVerdict checkCompatibility(String subject, String version, SchemaContent schema, boolean verbose) {
        return RegistryJson.verdict(transport.send("POST", "/compatibility" + subjectPath(subject) + "/versions/"
                + encode(Objects.requireNonNull(version, "version").trim()) + "?verbose=" + verbose,
                RegistryJson.request(Objects.requireNonNull(schema, "schema"))));
    }

    // ---- config and mode ---------------------------------------------------------------------------------------

    @Override
    public String compatibilityLevel(String subject) {
        String path = subject == null ? "/config" : "/config/" + encode(subject) + "?defaultToGlobal=true";
        return RegistryJson.field(transport.send("GET", path, null), "compatibilityLevel");
    }

    @Override
    public String subjectCompatibilityLevel(String subject) {
        try {
            return RegistryJson.field(transport.send("GET", "/config/" + encode(Objects.requireNonNull(subject, "subject"))
                    + "?defaultToGlobal=false", null), "compatibilityLevel");
        } catch (RegistryClientException e) {
            if (e.isNotFound()) return null;
            throw e;
        }
    }

    @Override
    public void setCompatibilityLevel(String subject, String level) {
        ObjectNode body = RegistryTransport.JSON.createObjectNode().put("compatibility", Objects.requireNonNull(level, "level"));
        transport.send("PUT", subject == null ? "/config" : "/config/" + encode(subject), body);
    }

    @Override
    public void deleteCompatibilityLevel(String subject) {
        transport.send("DELETE", subject == null ? "/config" : "/config/" + encode(subject), null);
    }

    @Override
    public String mode(String subject) {
        String path = subject == null ? "/mode" : "/mode/" + encode(subject) + "?defaultToGlobal=true";
        return RegistryJson.field(transport.send("GET", path, null), "mode");
    }

    @Override
    public void setMode(String subject, String mode, boolean force) {
        ObjectNode body = RegistryTransport.JSON.createObjectNode().put("mode", Objects.requireNonNull(mode, "mode"));
        transport.send("PUT", (subject == null ? "/mode" : "/mode/" + encode(subject)) + (force ? "?force=true" : ""), body);
    }

    @Override
    public void close() {
        transport.close();
    }

    @Override
    public String toString() {
        return "RestSchemaRegistryClient" + baseUrls();
    }

    /** How many (subject, schema) → id answers are cached; for tests of the bound. */
    int cachedRegistrations() {
        return registeredIds.size();
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private void forgetSubject(String subject) {
        registeredIds.removeIf(k -> k.subject().equals(subject));
        lookedUp.removeIf(k -> k.subject().equals(subject));
        if (latest != null) latest.remove(subject);
        forgetMissing(subject);
    }

    private void forgetMissing(String subject) {
        if (missingSchemas != null) missingSchemas.removeIf(k -> k.subject().equals(subject));
        if (missingVersions != null) missingVersions.removeIf(k -> k.subject().equals(subject));
    }

    private static <K> void throwIfCached(BoundedCache<K, RegistryClientException> cache, K key) {
        if (cache == null) return;
        RegistryClientException missing = cache.get(key);
        if (missing != null) {
            // A fresh exception (with this caller's stack) carrying the remembered answer.
            throw new RegistryClientException(missing.status(), missing.errorCode(), message(missing));
        }
    }

    private static <K> void remember(BoundedCache<K, RegistryClientException> cache, K key, RegistryClientException e) {
        if (cache != null && e.isNotFound()) cache.put(key, e);
    }

    /** The registry's own message, without the "; error code" suffix the exception adds. */
    private static String message(RegistryClientException e) {
        String m = e.getMessage();
        String suffix = "; error code: " + e.errorCode();
        return m.endsWith(suffix) ? m.substring(0, m.length() - suffix.length()) : m;
    }

    private static String subjectPath(String subject) {
        return "/subjects/" + encode(Objects.requireNonNull(subject, "subject"));
    }

    /** Path-segment encoding, as Confluent's client does it: URL form encoding with spaces as %20. */
    static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String normalize(boolean normalize) {
        return normalize ? "?normalize=true" : "";
    }

    private static String permanent(boolean permanent) {
        return permanent ? "?permanent=true" : "";
    }
}
