package io.avrogate.core;

import java.util.List;

/**
 * The verdict of checking one candidate against a subject's history under one level.
 *
 * @param compatible        the verdict
 * @param level             the level that was applied
 * @param incompatibilities what breaks (empty when compatible); for transitive levels only the newest failing
 *                          version is described, as Confluent does
 * @param messages          the messages exactly as Confluent lists them in a 409 body or a verbose check
 *                          (incompatibilities, then {@code {oldSchemaVersion: n}} and {@code {oldSchema: '...'}}),
 *                          without the registry's final {@code {validateFields: ..., compatibility: ...}} line
 */
public record CompatibilityResult(
        boolean compatible,
        CompatibilityLevel level,
        List<Incompatibility> incompatibilities,
        List<String> messages) {

    public static CompatibilityResult ok(CompatibilityLevel level) {
        return new CompatibilityResult(true, level, List.of(), List.of());
    }
}
