package io.avrogate.check;

import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.VersionedSchema;
import io.avrogate.registry.client.CompatibilityVerdict;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The live check: each subject's newest local version against every version the registry holds, with
 * {@code POST /compatibility/subjects/{s}/versions?verbose=true} — exactly what registration would check, under the
 * level configured in the registry (transitive levels: all versions). Never the single-version endpoint, which
 * ignores transitive levels (Confluent #1682). A subject the registry does not know passes.
 *
 * <p>References are resolved locally: the candidate is sent self-contained (the referenced types inlined, as Avro
 * writes a parsed schema), so a check works even when a referenced version is new in the same change and not yet
 * registered. The registry compares parsed schemas, so the verdict is the same as with references.
 */
public final class RegistryCompatibilitySource implements CompatibilitySource {
    private final SchemaRegistryClient client;
    private final String registryName;

    /** @param registryName how reports name the registry, e.g. its URL */
    public RegistryCompatibilitySource(SchemaRegistryClient client, String registryName) {
        this.client = client;
        this.registryName = registryName;
    }

    @Override
    public CompatibilityResult check(Subject subject, String candidateText, Schema candidate,
                                     List<VersionedSchema> localHistory, CompatibilityLevel level) {
        CompatibilityVerdict verdict = client.checkCompatibility(subject.name(), SchemaContent.avro(candidate.toString()), true);
        if (verdict.compatible()) return CompatibilityResult.ok(level);
        // Report under the level the registry applied, which `avrogate register` sets from subject.yaml.
        CompatibilityLevel applied = RegistryMessages.level(verdict.messages())
                .flatMap(CompatibilityLevel::parse).orElse(level);
        List<String> lines = RegistryMessages.readable(verdict.messages());
        if (lines.isEmpty()) lines = List.of("the registry answered incompatible without details");
        if (applied != level) {
            // The registry judged under its current level; registering would first pin the declared one.
            String note = " (the registry applies " + applied + ", subject.yaml declares " + level
                    + "; avrogate register sets the declared level before registering)";
            lines = lines.stream().map(line -> line + note).toList();
        }
        return new CompatibilityResult(false, applied, List.of(), lines);
    }

    @Override
    public String describe() {
        return "every version registered in " + registryName;
    }
}
