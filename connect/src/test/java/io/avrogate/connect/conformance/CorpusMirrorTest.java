package io.avrogate.connect.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The corpus this module replays is a byte-for-byte mirror of the shared one ({@code shared/conformance/connect},
 * README included), so that a re-recorded or extended corpus cannot silently go un-replayed. The shared folder is
 * found by walking up from the module (or given with {@code -Dconformance.connect.source=...}); where it is not
 * present (a source checkout without it) the check is skipped.
 */
class CorpusMirrorTest {
    private static final Path MIRROR = Paths.get("src/test/resources/conformance/connect");

    @Test
    void mirrorIsIdenticalToTheSharedCorpus() throws IOException {
        Path shared = sharedCorpus();
        Assumptions.assumeTrue(shared != null, "shared/conformance/connect not found above " + Paths.get("").toAbsolutePath());
        assertThat(fileNames(MIRROR)).as("files in " + MIRROR).isEqualTo(fileNames(shared));
        for (String name : fileNames(shared)) {
            assertThat(Files.readAllBytes(MIRROR.resolve(name))).as(name + " identical to " + shared.resolve(name))
                    .isEqualTo(Files.readAllBytes(shared.resolve(name)));
        }
        assertThat(fileNames(MIRROR)).contains("README.md", "cases.jsonl");
    }

    private static Path sharedCorpus() {
        String given = System.getProperty("conformance.connect.source");
        if (given != null) return Paths.get(given);
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/conformance/connect");
            if (Files.isDirectory(candidate)) return candidate;
        }
        return null;
    }

    private static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
