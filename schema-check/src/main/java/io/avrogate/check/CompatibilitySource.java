package io.avrogate.check;

import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.VersionedSchema;
import java.util.List;
import org.apache.avro.Schema;

/**
 * Where a subject's newest version is checked: against its own history in git (offline, the default), or against
 * a live registry (which checks it against every registered version, as registration would). Both answer with
 * the same {@link CompatibilityResult}, so the report reads the same either way.
 */
public interface CompatibilitySource {

    /**
     * @param subject      the subject being checked
     * @param candidate    its newest local version, parsed with references
     * @param localHistory the local versions before it, oldest first
     * @param level        the level from subject.yaml
     */
    CompatibilityResult check(Subject subject, String candidateText, Schema candidate,
                              List<VersionedSchema> localHistory, CompatibilityLevel level);

    /** Names the source in reports, e.g. "git history" or a registry URL. */
    String describe();
}
