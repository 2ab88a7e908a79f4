package io.avrogate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a schemas/ tree of synthetic subjects in the layout {@code ./avrogate check} reads, so the whole CI check
 * (JVM start included) can be timed on a realistic size: {@code SchemaTreeGenerator DIR SUBJECTS VERSIONS LEVEL}.
 */
public final class SchemaTreeGenerator {
    private SchemaTreeGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: SchemaTreeGenerator DIR SUBJECTS VERSIONS LEVEL");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        int subjects = Integer.parseInt(args[1]);
        int versions = Integer.parseInt(args[2]);
        String level = args[3];
        for (int s = 0; s < subjects; s++) {
            String subject = SyntheticSchemas.subjectName(s);
            Path dir = root.resolve("subjects").resolve(subject);
            Files.createDirectories(dir);
            String topic = subject.substring(0, subject.length() - "-value".length());
            Files.writeString(dir.resolve("subject.yaml"),
                    "topic: " + topic + "\n"
                            + "role: value\n"
                            + "compatibility: " + level + "\n"
                            + "owner: bench\n"
                            + "description: Synthetic subject for the schema-check benchmark\n");
            for (int v = 1; v <= versions; v++) {
                Files.writeString(dir.resolve("v" + v + ".avsc"), SyntheticSchemas.schema(s, v));
            }
        }
        System.out.printf("wrote %d subjects x %d versions under %s%n", subjects, versions, root);
    }
}
