package io.avrogate.registry.client;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The in-JVM registry that {@code schema.registry.url=mock://<scope>} selects, for tests that need no server: every
 * client of the same scope name in the JVM sees one registry (Confluent's {@code MockSchemaRegistry.getClientForScope}
 * semantics), and a scope seen for the first time starts empty with ids at 1. {@link #dropScope(String)} forgets a
 * scope so a test can start fresh.
 *
 * <p>Kept like the real registry: global ids (the same content — text, type and references — gets the same id in
 * every subject, even after a soft delete), idempotent registration (a live version with the same content answers
 * its id and no new version is made), versions numbered max+1 counting soft-deleted ones, lookups with 40401/40403,
 * {@code latest}, soft and permanent deletes with their error codes, references that must exist and block deletes
 * (42206), compatibility level and mode per subject and global (READONLY refuses writes with 42205).
 *
 * <p><b>Known limitations of mock scopes</b> (the real registry has none of them):
 * <ul>
 *   <li><b>Compatibility is not enforced.</b> Registration never fails with 409 and both compatibility checks answer
 *       "compatible" (after validating the subject, version and references). This module has no Avro, and a second
 *       compatibility engine would be a second source of truth. Test compatibility against the real registry
 *       ({@code RegistryExtension} in testkit-registry).</li>
 *   <li><b>Schema text is kept exactly as given</b>: no parsing, no validation of Avro syntax, no canonical form;
 *       {@code normalize=true} changes nothing. Two texts differing only in whitespace are two schemas here, while the
 *       real registry stores Avro's compact form. Our serde always sends the compact form, so this does not show.</li>
 *   <li>Only {@code AVRO} is accepted as schema type (as by our server); IMPORT mode refuses registration (the
 *       interface has no way to pass an explicit id).</li>
 * </ul>
 */
public final class InMemorySchemaRegistryClient implements SchemaRegistryClient {
    private static final ConcurrentMap<String, InMemoryRegistry> SCOPES = new ConcurrentHashMap<>();

    private final String scope;
    private final InMemoryRegistry registry;

    private InMemorySchemaRegistryClient(String scope, InMemoryRegistry registry) {
        this.scope = scope;
        this.registry = registry;
    }

    /** A client of the JVM-wide registry of this scope, created empty on first use. */
    public static InMemorySchemaRegistryClient forScope(String scope) {
        Objects.requireNonNull(scope, "scope");
        return new InMemorySchemaRegistryClient(scope, SCOPES.computeIfAbsent(scope, s -> new InMemoryRegistry()));
    }

    /**
     * Forgets a scope: the next {@link #forScope} (or {@code mock://scope} client) starts empty, ids at 1. Clients
     * created before keep the old registry.
     */
    public static void dropScope(String scope) {
        SCOPES.remove(scope);
    }

    public String scope() {
        return scope;
    }

    @Override
    public SchemaContent schemaById(int id) {
        return registry.schemaById(id);
    }

    @Override
    public List<SubjectVersionRef> versionsOfId(int id) {
        return registry.versionsOfId(id);
    }

    @Override
    public List<String> schemaTypes() {
        return List.of(SchemaContent.AVRO);
    }

    @Override
    public int register(String subject, SchemaContent schema, boolean normalize) {
        return registry.register(subject, Objects.requireNonNull(schema, "schema"));
    }

    @Override
    public SubjectVersion lookup(String subject, SchemaContent schema, boolean normalize) {
        return registry.lookup(subject, Objects.requireNonNull(schema, "schema"));
    }

    @Override
    public List<String> subjects() {
        return registry.subjects();
    }

    @Override
    public List<Integer> versions(String subject) {
        return registry.versions(subject);
    }

    @Override
    public SubjectVersion version(String subject, String version) {
        return registry.version(subject, version);
    }

    @Override
    public SubjectVersion latest(String subject) {
        return registry.version(subject, "latest");
    }

    @Override
    public List<Integer> referencedBy(String subject, int version) {
        return registry.referencedBy(subject, version);
    }

    @Override
    public List<Integer> deleteSubject(String subject, boolean permanent) {
        return registry.deleteSubject(subject, permanent);
    }

    @Override
    public int deleteVersion(String subject, String version, boolean permanent) {
        return registry.deleteVersion(subject, version, permanent);
    }

    /** Always compatible in a mock scope (see the class comment); validates the schema's type and references. */
    @Override
    public CompatibilityVerdict checkCompatibility(String subject, SchemaContent schema, boolean verbose) {
        return registry.checkCompatibility(subject, null, Objects.requireNonNull(schema, "schema"));
    }

    /** Always compatible in a mock scope (see the class comment); 40402 if that version does not exist. */
    @Override
    public CompatibilityVerdict checkCompatibility(String subject, String version, SchemaContent schema, boolean verbose) {
        return registry.checkCompatibility(subject, Objects.requireNonNull(version, "version"),
                Objects.requireNonNull(schema, "schema"));
    }

    @Override
    public String compatibilityLevel(String subject) {
        return registry.compatibilityLevel(subject);
    }

    @Override
    public String subjectCompatibilityLevel(String subject) {
        return registry.subjectCompatibilityLevel(Objects.requireNonNull(subject, "subject"));
    }

    @Override
    public void setCompatibilityLevel(String subject, String level) {
        registry.setCompatibilityLevel(subject, level);
    }

    @Override
    public void deleteCompatibilityLevel(String subject) {
        registry.deleteCompatibilityLevel(subject);
    }

    @Override
    public String mode(String subject) {
        return registry.mode(subject);
    }

    @Override
    public void setMode(String subject, String mode, boolean force) {
        registry.setMode(subject, mode, force);
    }

    /** Nothing to release; the scope's registry lives on for other clients until {@link #dropScope}. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "mock://" + scope;
    }
}
