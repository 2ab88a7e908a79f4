package io.avrogate.check;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.core.json.JsonConversionException;
import io.avrogate.core.json.JsonToAvro;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The sample records a person writes next to a mapping ({@code <mapping>.samples.json}) and how they become Avro.
 *
 * <p>A samples file is a JSON array; each element is a source record, or an object
 * {@code {"name": ..., "record": {...}, "expect": {...}}} where {@code expect} lists target fields and their expected
 * values (written like samples), or {@code "expect_error": "<target field>"} for a record that must go to the
 * dead-letter topic.
 *
 * <p>Records and expected values are converted by {@link #CONVERTER}: the ingest service's converter, so a bare value
 * lands in the same union branch and logical value as it would at ingest. Samples may also be written in Avro's JSON
 * encoding (tagged union branches, bytes as ISO-8859-1 characters), so its options are
 * {@link JsonToAvro.Options#AVRO_JSON_ENCODING}.
 */
public final class MigrationSamples {
    /** The converter of sample records and expected values. */
    public static final JsonToAvro CONVERTER = new JsonToAvro(JsonToAvro.Options.AVRO_JSON_ENCODING);

    private static final Set<String> WRAPPER_KEYS = Set.of("name", "record", "expect", "expect_error");

    /**
     * One sample.
     *
     * @param label       how findings name it: {@code sample #3 (name)}
     * @param record      the source record as written
     * @param expect      expected target field values, or null
     * @param expectError the target field whose translation must fail, or null
     */
    public record Sample(String label, JsonNode record, JsonNode expect, String expectError) {
        /** The source record in Avro. */
        public GenericRecord sourceRecord(Schema source) throws JsonConversionException {
            return CONVERTER.toRecord(record, source);
        }
    }

    private MigrationSamples() {}

    /** The samples file of a mapping file: {@code x.yaml} has {@code x.samples.json}. */
    public static Path fileOf(Path mappingFile) {
        String file = mappingFile.getFileName().toString();
        return mappingFile.resolveSibling(file.replaceFirst("\\.ya?ml$", "") + ".samples.json");
    }

    /**
     * The samples of a samples file's text, read exactly as the ingest service reads JSON (decimals keep their digits).
     *
     * @throws IllegalArgumentException when the text is not JSON or not an array; the message says which
     */
    public static List<Sample> parse(String text) {
        JsonNode root;
        try {
            root = JsonToAvro.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (root == null || !root.isArray()) throw new IllegalArgumentException("a samples file is a JSON array of records");
        List<Sample> samples = new ArrayList<>();
        for (JsonNode element : root) {
            boolean wrapped = element.isObject() && element.has("record") && wrapperKeysOnly(element);
            String label = "sample #" + (samples.size() + 1)
                    + (wrapped && element.hasNonNull("name") ? " (" + element.get("name").asText() + ")" : "");
            if (!wrapped) {
                samples.add(new Sample(label, element, null, null));
            } else {
                samples.add(new Sample(label, element.get("record"), element.get("expect"),
                        element.hasNonNull("expect_error") ? element.get("expect_error").asText() : null));
            }
        }
        return samples;
    }

    private static boolean wrapperKeysOnly(JsonNode element) {
        for (var names = element.fieldNames(); names.hasNext(); ) {
            if (!WRAPPER_KEYS.contains(names.next())) return false;
        }
        return true;
    }
}
