package io.avrogate.producer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/** The real example schemas of this repository ({@code schemas/subjects}), parsed with their references. */
public final class TrackingSchemas {
    public static final Path SUBJECTS = locate();
    public static final String GEO_SUBJECT = "io.avrogate.example.tracking.common.GeoLocation";
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private TrackingSchemas() {}

    /** The text of {@code schemas/subjects/<subject>/v<version>.avsc}. */
    public static String text(String subject, int version) {
        try {
            return Files.readString(SUBJECTS.resolve(subject).resolve("v" + version + ".avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One version parsed, its references (from subject.yaml) parsed first. */
    public static Schema parse(String subject, int version) {
        Schema.Parser parser = new Schema.Parser();
        for (Reference reference : references(subject)) parser.parse(text(reference.subject(), reference.version()));
        return parser.parse(text(subject, version));
    }

    /** The references subject.yaml declares for the subject. */
    public static List<Reference> references(String subject) {
        try {
            JsonNode yaml = YAML.readTree(SUBJECTS.resolve(subject).resolve("subject.yaml").toFile());
            List<Reference> out = new ArrayList<>();
            for (JsonNode ref : yaml.path("references")) {
                out.add(new Reference(ref.get("name").asText(), ref.get("subject").asText(), ref.get("version").asInt()));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Reference(String name, String subject, int version) {}

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schemas/subjects");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("schemas/subjects not found above " + Path.of("").toAbsolutePath());
    }
}
