package io.avrogate.registry.client;

import java.util.List;

/**
 * A client of the Confluent-compatible Schema Registry REST API. Implementations: the HTTP client (with content-keyed
 * caches, failover across URLs, retries, basic auth and TLS) and the in-JVM registry that {@code mock://scope} URLs
 * select, as Confluent's clients do. Create one with {@code SchemaRegistryClients.create(configs)}.
 *
 * <p>Every method throws {@link RegistryClientException} with the registry's status and error code on failure.
 * Subject names are passed as they are; implementations URL-encode them.
 */
public interface SchemaRegistryClient extends AutoCloseable {

    // ---- schemas by id ----------------------------------------------------------------------------------------

    /** {@code GET /schemas/ids/{id}}. Ids are immutable, so implementations cache this forever. */
    SchemaContent schemaById(int id);

    /** {@code GET /schemas/ids/{id}/versions}: every (subject, version) that holds the id. */
    List<SubjectVersionRef> versionsOfId(int id);

    /** {@code GET /schemas/types}. */
    List<String> schemaTypes();

    // ---- subjects and versions --------------------------------------------------------------------------------

    /** {@code POST /subjects/{s}/versions}: registers (or finds, idempotently) the schema and answers its id. */
    int register(String subject, SchemaContent schema, boolean normalize);

    /** {@code POST /subjects/{s}}: the version of the subject that holds this schema; 404/40401 or 40403 if none. */
    SubjectVersion lookup(String subject, SchemaContent schema, boolean normalize);

    /** {@code GET /subjects}. */
    List<String> subjects();

    /** {@code GET /subjects/{s}/versions}. */
    List<Integer> versions(String subject);

    /** {@code GET /subjects/{s}/versions/{v}}; version may be a number, "latest" or "-1". */
    SubjectVersion version(String subject, String version);

    /** The subject's latest version; implementations may cache it for a short, configured time. */
    SubjectVersion latest(String subject);

    /** {@code GET /subjects/{s}/versions/{v}/referencedby}: ids of schemas that reference that version. */
    List<Integer> referencedBy(String subject, int version);

    /** {@code DELETE /subjects/{s}[?permanent=true]}: the versions deleted. */
    List<Integer> deleteSubject(String subject, boolean permanent);

    /** {@code DELETE /subjects/{s}/versions/{v}[?permanent=true]}: the version deleted. */
    int deleteVersion(String subject, String version, boolean permanent);

    // ---- compatibility ----------------------------------------------------------------------------------------

    /**
     * {@code POST /compatibility/subjects/{s}/versions?verbose=...}: checks against every version the subject's level
     * asks for (transitive levels: all of them), exactly as registration would. The form CI tools should use.
     */
    CompatibilityVerdict checkCompatibility(String subject, SchemaContent schema, boolean verbose);

    /** {@code POST /compatibility/subjects/{s}/versions/{v}}: against that one version only (Confluent's quirk). */
    CompatibilityVerdict checkCompatibility(String subject, String version, SchemaContent schema, boolean verbose);

    // ---- config and mode (subject null = global) --------------------------------------------------------------

    /** {@code GET /config[/{s}]?defaultToGlobal=true}: the effective compatibility level, e.g. "BACKWARD". */
    String compatibilityLevel(String subject);

    /**
     * {@code GET /config/{s}?defaultToGlobal=false}: the level set on the subject itself, or null when it has none
     * (the registry answers 404/40408, older ones 40401). Tools that pin each subject's level use this.
     */
    String subjectCompatibilityLevel(String subject);

    /** {@code PUT /config[/{s}]} with {@code {"compatibility": level}}. */
    void setCompatibilityLevel(String subject, String level);

    /** {@code DELETE /config[/{s}]}. */
    void deleteCompatibilityLevel(String subject);

    /** {@code GET /mode[/{s}]?defaultToGlobal=true}, e.g. "READWRITE". */
    String mode(String subject);

    /** {@code PUT /mode[/{s}][?force=true]}. */
    void setMode(String subject, String mode, boolean force);

    /** Releases connections; idempotent. */
    @Override
    void close();

    /** A (subject, version) pair as {@code /schemas/ids/{id}/versions} answers it. */
    record SubjectVersionRef(String subject, int version) {}
}
