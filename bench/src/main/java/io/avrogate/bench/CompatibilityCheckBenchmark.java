package io.avrogate.bench;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.CompatibilityChecker;
import io.avrogate.core.CompatibilityLevel;
import io.avrogate.core.CompatibilityResult;
import io.avrogate.core.VersionedSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The CI check's hot loop: every subject's newest version against all its previous versions under a transitive
 * level. {@code allSubjects} checks 500 subjects x 10 versions (9 previous versions each, 4,500 reader/writer
 * pairs per direction); {@code onePair} isolates a single pair so the per-pair cost can be read directly.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class CompatibilityCheckBenchmark {

    @Param({"500"})
    int subjects;

    @Param({"10"})
    int versions;

    @Param({"BACKWARD_TRANSITIVE", "FULL_TRANSITIVE"})
    CompatibilityLevel level;

    private final CompatibilityChecker checker = new CompatibilityChecker();
    private List<Schema> candidates;
    private List<List<VersionedSchema>> histories;

    @Setup
    public void parseAll() {
        candidates = new ArrayList<>(subjects);
        histories = new ArrayList<>(subjects);
        for (int s = 0; s < subjects; s++) {
            List<VersionedSchema> history = new ArrayList<>(versions - 1);
            for (int v = 1; v < versions; v++) {
                history.add(new VersionedSchema(v, AvroSchemas.parseStored(SyntheticSchemas.schema(s, v))));
            }
            histories.add(history);
            candidates.add(AvroSchemas.parseCandidate(SyntheticSchemas.schema(s, versions)));
        }
        CompatibilityResult probe = checker.check(candidates.get(0), histories.get(0), level);
        if (!probe.compatible()) {
            throw new IllegalStateException("synthetic history must be compatible: " + probe.messages());
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public int allSubjects() {
        int compatible = 0;
        for (int s = 0; s < subjects; s++) {
            if (checker.check(candidates.get(s), histories.get(s), level).compatible()) compatible++;
        }
        return compatible;
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public CompatibilityResult onePair() {
        List<VersionedSchema> history = histories.get(0);
        return checker.check(candidates.get(0), history.subList(history.size() - 1, history.size()), level);
    }
}
