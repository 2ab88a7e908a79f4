package io.avrogate.check;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Copies the latest version of every subject into a folder for code generation, named after the subject so that no
 * two files share a name (avro-maven-plugin matches files by name). Types other subjects reference go to
 * {@code imports/}, which the generator parses first; everything else to {@code sources/}.
 */
public final class LatestVersionStager {
    private LatestVersionStager() {}

    /** @return how many subjects were staged */
    public static int stage(Path schemasDir, Path outputDir) throws IOException {
        SchemaRepository repo = SchemaRepository.load(schemasDir);
        var firstError = repo.loadFindings().stream().filter(Finding::isError).findFirst();
        if (firstError.isPresent()) {
            throw new IllegalArgumentException("the schemas folder has structural errors; run the check: "
                    + firstError.get().file() + ": " + firstError.get().message());
        }
        Set<String> referenced = new HashSet<>();
        repo.subjects().values().forEach(s -> s.config().references().forEach(r -> referenced.add(r.subject())));
        Path imports = outputDir.resolve("imports");
        Path sources = outputDir.resolve("sources");
        Files.createDirectories(imports);
        Files.createDirectories(sources);
        for (Subject subject : repo.subjects().values()) {
            boolean shared = referenced.contains(subject.name()) || subject.config().role().equals("shared");
            Path target = (shared ? imports : sources).resolve(subject.name() + ".avsc");
            String text = subject.latest().text();
            // Rewriting an unchanged file would make the generator (and the compiler) redo their work.
            if (!Files.isRegularFile(target) || !Files.readString(target).equals(text)) {
                Files.writeString(target, text);
            }
        }
        return repo.subjects().size();
    }
}
