package io.avrogate.console;

import io.avrogate.core.CompatibilityChecker;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.Incompatibility;
import io.avrogate.core.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Compatibility verdicts in plain words, from the registry's own engine (schema-core) and worded exactly as
 * {@code avrogate check} words them: {@code "v3 breaks BACKWARD: field 'x' was added without a default: ..."}.
 */
final class Verdicts {
    /** One level's answer: the lines are empty when compatible. */
    record LevelVerdict(CompatibilityLevel level, boolean compatible, List<String> lines) {}

    /** The levels a pair of versions can tell apart (transitive levels equal these for two versions; NONE passes). */
    static final List<CompatibilityLevel> PAIR_LEVELS =
            List.of(CompatibilityLevel.BACKWARD, CompatibilityLevel.FORWARD, CompatibilityLevel.FULL);

    private static final CompatibilityChecker CHECKER = new CompatibilityChecker();

    private Verdicts() {}

    /** {@code newer} (labelled {@code newerLabel}, e.g. "v3") as a change of {@code older} under each pair level. */
    static List<LevelVerdict> pair(VersionedSchema older, Schema newer, String newerLabel) {
        List<LevelVerdict> out = new ArrayList<>();
        for (CompatibilityLevel level : PAIR_LEVELS) out.add(judge(newer, List.of(older), level, newerLabel));
        return out;
    }

    /** A candidate against a subject's whole history, under every level. */
    static List<LevelVerdict> everyLevel(Schema candidate, List<VersionedSchema> history, String label) {
        List<LevelVerdict> out = new ArrayList<>();
        for (CompatibilityLevel level : CompatibilityLevel.values()) out.add(judge(candidate, history, level, label));
        return out;
    }

    static LevelVerdict judge(Schema candidate, List<VersionedSchema> history, CompatibilityLevel level, String label) {
        CompatibilityResult result = CHECKER.check(candidate, history, level);
        List<String> lines = new ArrayList<>();
        for (Incompatibility i : result.incompatibilities()) {
            lines.add(label + " breaks " + level + ": " + i.explanation());
        }
        return new LevelVerdict(level, result.compatible(), List.copyOf(lines));
    }

    /** What a level promises, for readers who do not know the registry's vocabulary. */
    static String meaning(CompatibilityLevel level) {
        return switch (level) {
            case NONE -> "no check: any change is accepted";
            case BACKWARD -> "consumers on the new schema can read what the latest version wrote";
            case BACKWARD_TRANSITIVE -> "consumers on the new schema can read what every earlier version wrote";
            case FORWARD -> "consumers still on the latest version can read what the new schema writes";
            case FORWARD_TRANSITIVE -> "consumers on any earlier version can read what the new schema writes";
            case FULL -> "both: new and latest readers can read each other's data";
            case FULL_TRANSITIVE -> "both ways, with every earlier version";
        };
    }
}
