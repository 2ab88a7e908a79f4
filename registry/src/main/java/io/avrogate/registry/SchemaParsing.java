package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.*;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.InvalidSchemaException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;

/**
 * Turns request schemas into {@link Candidate}s (resolving references against the registry's state) and stored
 * versions back into parsed schemas, caching those by id: ids are immutable, so a parse is done once per id.
 */
final class SchemaParsing {
    private final RegistryState state;
    private final int maxSchemaBytes;
    /** Ids are per context, so the cache key is the context and the id. */
    private record ContextId(String context, int id) {}

    private final Map<ContextId, Schema> parsedById = new ConcurrentHashMap<>();

    SchemaParsing(RegistryState state, int maxSchemaBytes) {
        this.state = state;
        this.maxSchemaBytes = maxSchemaBytes;
    }

    /**
     * @param normalize Confluent's {@code normalize}: for Avro its normal form is the compact rendering every schema
     *                  is stored in anyway, and it keeps {@code avro.java.string} (recorded from Confluent 7.9.2), so
     *                  it changes nothing here; kept so that callers state what was asked for
     * @param context   the registering subject's context: references name subjects relative to it
     */
    Candidate parse(RegisterRequest request, boolean normalize, String context) {
        String type = request.schemaType();
        if (type != null && !type.equals("AVRO")) {
            throw INVALID_SCHEMA_TYPE.exception(type);
        }
        String text = request.schema();
        if (text == null || text.isEmpty()) throw EMPTY_SCHEMA.exception();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxSchemaBytes) throw SCHEMA_TOO_LARGE.exception(bytes, maxSchemaBytes);
        List<SchemaReference> resolved = new ArrayList<>();
        for (SchemaReference ref : request.references()) {
            resolved.add(resolve(ref, request, context));
        }
        List<String> referenceTexts = referenceTexts(resolved, request, context);
        try {
            Schema parsed = AvroSchemas.parse(text, referenceTexts, false);
            List<Schema> referenced = AvroSchemas.parseReferences(referenceTexts);
            return new Candidate(AvroSchemas.compactForm(parsed, referenced), null, List.copyOf(resolved), parsed);
        } catch (InvalidSchemaException e) {
            throw INVALID_SCHEMA.exception(e.getMessage() + describe(request, resolved));
        }
    }

    /** The parsed form of a stored version, for compatibility checks. */
    Schema parsed(StoredVersion v) {
        return parsedById.computeIfAbsent(new ContextId(v.context(), v.id()), id -> {
            List<String> refs = referenceTexts(v.references(), null, v.context());
            return AvroSchemas.parse(v.schema(), refs, false);
        });
    }

    /**
     * Confluent's {@code format=resolved}: the schema with every referenced type written out where it is first used
     * (Avro's own rendering of the parsed schema); a schema without references is its stored text.
     */
    String resolved(StoredVersion v) {
        return v.references().isEmpty() ? v.schema() : parsed(v).toString();
    }

    private SchemaReference resolve(SchemaReference ref, RegisterRequest request, String context) {
        TreeMap<Integer, StoredVersion> versions = state.versions(Contexts.qualify(ref.subject(), context));
        int version = ref.version();
        if (version == -1) {
            version = versions.descendingMap().values().stream().filter(v -> !v.deleted()).map(StoredVersion::version)
                    .findFirst().orElse(-1);
        }
        StoredVersion target = versions.get(version);
        if (target == null) {
            throw INVALID_SCHEMA.exception("reference " + ref + " names a subject or version that does not exist"
                    + describe(request, request.references()));
        }
        return new SchemaReference(ref.name(), ref.subject(), version);
    }

    /** Texts of the referenced schemas and of what they reference, dependencies first. */
    private List<String> referenceTexts(List<SchemaReference> refs, RegisterRequest request, String context) {
        List<String> out = new ArrayList<>();
        collect(refs, out, new HashSet<>(), 0, request, context);
        return out;
    }

    private void collect(List<SchemaReference> refs, List<String> out, Set<SubjectVersion> seen, int depth,
                         RegisterRequest request, String context) {
        if (depth > 32) throw INVALID_SCHEMA.exception("references nest too deeply");
        for (SchemaReference ref : refs) {
            String subject = Contexts.qualify(ref.subject(), context);
            StoredVersion target = state.versions(subject).get(ref.version());
            if (target == null) {
                throw INVALID_SCHEMA.exception("reference " + ref + " cannot be resolved"
                        + (request == null ? "" : describe(request, refs)));
            }
            if (seen.add(new SubjectVersion(subject, ref.version()))) {
                collect(target.references(), out, seen, depth + 1, request, context);
                out.add(target.schema());
            }
        }
    }

    private static String describe(RegisterRequest request, List<SchemaReference> refs) {
        String schema = request.schema() == null ? "" : request.schema();
        if (schema.length() > 200) schema = schema.substring(0, 200) + "...";
        return " {schemaType=AVRO, references=" + refs + ", schema=" + schema + "}";
    }
}
