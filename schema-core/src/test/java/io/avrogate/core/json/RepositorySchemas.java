package io.avrogate.core.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.avrogate.core.AvroSchemas;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** Versions of this repository's example subjects ({@code schemas/subjects}, read from the repository root, above the module directory). */
final class RepositorySchemas {
    static final String GEO_SUBJECT = "io.avrogate.example.tracking.common.GeoLocation";
    private static final Path SUBJECTS = Path.of("..", "schemas", "subjects");

    private RepositorySchemas() {}

    /** {@code <subject>/v<version>.avsc} with the references its subject.yaml declares. */
    static Schema parse(String subject, int version) {
        try {
            List<String> references = new ArrayList<>();
            JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(SUBJECTS.resolve(subject).resolve("subject.yaml").toFile());
            for (JsonNode reference : yaml.path("references")) {
                references.add(avsc(reference.get("subject").asText(), reference.get("version").asInt()));
            }
            return AvroSchemas.parse(avsc(subject, version), references, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String avsc(String subject, int version) throws IOException {
        return Files.readString(SUBJECTS.resolve(subject).resolve("v" + version + ".avsc"));
    }
}
