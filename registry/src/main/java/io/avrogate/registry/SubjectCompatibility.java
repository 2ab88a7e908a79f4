package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.*;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.core.CompatibilityChecker;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * Which versions a schema must be compatible with (all live ones, or those of its compatibility group) and the
 * check itself, for registration and for the {@code /compatibility} endpoints, with Confluent's messages.
 */
final class SubjectCompatibility {
    private final RegistryState state;
    private final SchemaParsing parsing;
    private final SubjectSettings settings;
    private final CompatibilityChecker checker = new CompatibilityChecker();

    SubjectCompatibility(RegistryState state, SchemaParsing parsing, SubjectSettings settings) {
        this.state = state;
        this.parsing = parsing;
        this.settings = settings;
    }

    /**
     * The versions a new one must be compatible with: all live ones, or, under a {@code compatibilityGroup}, those
     * whose metadata property of that name has the new version's value (absent equals absent).
     */
    List<StoredVersion> sameGroup(RegistryState current, String subject, List<StoredVersion> live, JsonNode metadata) {
        JsonNode group = settings.effectiveField(current, subject, "compatibilityGroup");
        if (group == null || group.asText().isEmpty()) return live;
        String value = DataContracts.property(metadata, group.asText());
        return live.stream().filter(v -> Objects.equals(value, DataContracts.property(v.metadata(), group.asText()))).toList();
    }

    /** Refuses a registration that is not compatible with {@code against} at the subject's level (409). */
    void requireCompatible(RegistryState at, String subject, Candidate c, List<StoredVersion> against) {
        CompatibilityLevel level = settings.effectiveLevel(at, subject);
        CompatibilityResult result = checker.check(c.parsed(), parsedHistory(against), level);
        if (!result.compatible()) {
            List<String> details = new ArrayList<>(result.messages());
            details.add(trailer(level));
            throw INCOMPATIBLE_SCHEMA.exception(subject, String.join(", ", details));
        }
    }

    /**
     * @param version null checks against every live version, as registration does; otherwise only that version
     *                (Confluent's single-version endpoint, transitive level or not)
     */
    SchemaRegistry.Verdict check(String subject, VersionId version, RegisterRequest request, boolean verbose,
                                 boolean normalize) {
        CompatibilityLevel level = settings.effectiveLevel(subject);
        TreeMap<Integer, StoredVersion> versions = state.versions(subject);
        List<StoredVersion> live = SchemaRegistry.live(versions);
        if (request.schemaType() != null && (request.schemaType().equals("JSON") || request.schemaType().equals("PROTOBUF"))) {
            if (live.isEmpty()) return new SchemaRegistry.Verdict(true, List.of());
            return new SchemaRegistry.Verdict(false, verbose ? List.of("Incompatible because of different schema type", trailer(level)) : null);
        }
        StoredVersion specific = null;
        if (version != null && !version.isLatest()) {
            specific = versions.get(version.number());
            if (specific == null || specific.deleted()) throw VERSION_NOT_FOUND.exception(version.number());
        }
        Candidate c;
        try {
            c = parsing.parse(request, settings.normalize(subject, normalize), Contexts.of(subject));
        } catch (RegistryException e) {
            // An invalid schema is an incompatible one for the verbose check, with the reason as its message.
            if (verbose && e.errorCode() == INVALID_SCHEMA.code()) return new SchemaRegistry.Verdict(false, List.of(e.getMessage()));
            throw e;
        }
        // Under a compatibilityGroup only the versions of the candidate's group count. The candidate's metadata is
        // what it sends (with the config's default and override), not inherited: Confluent checks it that way.
        JsonNode metadata = DataContracts.mergeMetadata(DataContracts.mergeMetadata(
                settings.effectiveField(state, subject, "defaultMetadata"), request.metadata()),
                settings.effectiveField(state, subject, "overrideMetadata"));
        List<StoredVersion> group = sameGroup(state, subject, live, metadata);
        List<StoredVersion> against;
        if (version == null) {
            against = group;
        } else if (version.isLatest()) {
            against = group.isEmpty() ? List.of() : List.of(group.get(group.size() - 1));
        } else {
            against = List.of(specific);
        }
        if (against.isEmpty()) return new SchemaRegistry.Verdict(true, verbose ? List.of() : null);
        CompatibilityResult result = checker.check(c.parsed(), parsedHistory(against), level);
        if (!verbose) return new SchemaRegistry.Verdict(result.compatible(), null);
        if (result.compatible()) return new SchemaRegistry.Verdict(true, List.of());
        List<String> messages = new ArrayList<>(result.messages());
        messages.add(trailer(level));
        return new SchemaRegistry.Verdict(false, messages);
    }

    private List<VersionedSchema> parsedHistory(List<StoredVersion> versions) {
        List<VersionedSchema> out = new ArrayList<>(versions.size());
        for (StoredVersion v : versions) {
            Schema parsed = parsing.parsed(v);
            out.add(new VersionedSchema(v.version(), parsed));
        }
        return out;
    }

    private static String trailer(CompatibilityLevel level) {
        return "{validateFields: 'false', compatibility: '" + level + "'}";
    }
}
