package io.avrogate.check;

import io.avrogate.core.CompatibilityChecker;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.VersionedSchema;
import java.util.List;
import org.apache.avro.Schema;

/** The offline check: the newest version against the versions before it in the repository, with the registry's engine. */
public final class LocalCompatibilitySource implements CompatibilitySource {
    private final CompatibilityChecker checker = new CompatibilityChecker();

    @Override
    public CompatibilityResult check(Subject subject, String candidateText, Schema candidate,
                                     List<VersionedSchema> localHistory, CompatibilityLevel level) {
        return checker.check(candidate, localHistory, level);
    }

    @Override
    public String describe() {
        return "the subject's earlier versions in the repository";
    }
}
