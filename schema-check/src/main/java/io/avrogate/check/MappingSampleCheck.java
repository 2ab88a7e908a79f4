package io.avrogate.check;

import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.core.json.JsonConversionException;
import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.core.migration.RecordTranslator;
import io.avrogate.core.migration.TranslationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;

/**
 * Runs a complete mapping on data: the samples a person wrote next to it ({@link MigrationSamples}) and seeded
 * records generated from the source schema. Every translation must be a valid record of the target schema
 * ({@code GenericData.validate}) that survives an Avro binary round trip; a failure names the field.
 */
final class MappingSampleCheck {
    static final int GENERATED = 200;

    private final String name;
    private final String rel;
    private final List<Finding> out = new ArrayList<>();

    private MappingSampleCheck(String name, String rel) {
        this.name = name;
        this.rel = rel;
    }

    /**
     * @param repo for relative file names in findings
     * @return the findings; none when every sample and generated record translates into a valid target record
     */
    static List<Finding> check(SchemaRepository repo, Path mappingFile, MigrationMapping mapping, Schema source, Schema target) {
        MappingSampleCheck check = new MappingSampleCheck(mapping.name(), repo.relative(mappingFile));
        RecordTranslator translator = RecordTranslator.compile(mapping, source, target);
        Path samples = MigrationSamples.fileOf(mappingFile);
        if (Files.isRegularFile(samples)) {
            check.samples(repo.relative(samples), samples, translator, source, target);
        } else {
            check.out.add(Finding.warning("migration-samples", check.name, check.rel, "no sample records to test the mapping on",
                    "add " + repo.relative(samples) + " (see \"Sample records for a mapping\": avrogate help schemas)"));
        }
        check.generated(translator, mapping, source, target, mapping.name().hashCode());
        return check.out;
    }

    private void samples(String samplesRel, Path file, RecordTranslator translator, Schema source, Schema target) {
        List<MigrationSamples.Sample> samples;
        try {
            samples = MigrationSamples.parse(Files.readString(file));
        } catch (IOException e) {
            error(samplesRel, "cannot be read: " + e.getMessage());
            return;
        } catch (IllegalArgumentException e) {
            error(samplesRel, e.getMessage());
            return;
        }
        for (MigrationSamples.Sample sample : samples) {
            String label = sample.label();
            GenericRecord datum;
            try {
                datum = sample.sourceRecord(source);
            } catch (JsonConversionException e) {
                error(samplesRel, label + " is not a valid " + source.getFullName() + ": " + e.getMessage());
                continue;
            }
            String expectedError = sample.expectError();
            GenericRecord translated;
            try {
                translated = translator.translate(datum);
            } catch (TranslationException e) {
                if (expectedError == null) {
                    error(samplesRel, label + " cannot be translated: target field '" + e.field() + "': " + reason(e));
                } else if (!expectedError.equals(e.field())) {
                    error(samplesRel, label + " failed on target field '" + e.field() + "', expected a failure on '"
                            + expectedError + "': " + reason(e));
                }
                continue;
            }
            if (expectedError != null) {
                error(samplesRel, label + " was expected to fail on target field '" + expectedError + "' but translated");
                continue;
            }
            String invalid = validate(translated, target);
            if (invalid != null) {
                error(samplesRel, label + ": the translation is not a valid " + target.getFullName() + ": " + invalid);
                continue;
            }
            if (sample.expect() != null) expect(samplesRel, label, sample.expect(), translated, target);
        }
    }

    /** Expected values are written like samples (plain JSON, decimals as numbers, instants as ISO strings). */
    private void expect(String samplesRel, String label, JsonNode expect, GenericRecord translated, Schema target) {
        if (!expect.isObject()) {
            error(samplesRel, label + ": 'expect' must be an object of target fields");
            return;
        }
        expect.fields().forEachRemaining(e -> {
            Schema.Field field = target.getField(e.getKey());
            if (field == null) {
                error(samplesRel, label + ": 'expect' names '" + e.getKey() + "', which is not a field of " + target.getFullName());
                return;
            }
            Object wanted;
            try {
                wanted = MigrationSamples.CONVERTER.convert(e.getValue(), field.schema());
            } catch (JsonConversionException ex) {
                error(samplesRel, label + ": expected value of '" + e.getKey() + "': " + ex.getMessage());
                return;
            }
            Object actual = translated.get(field.pos());
            if (!same(actual, wanted, field.schema())) {
                error(samplesRel, label + ": target field '" + e.getKey() + "' is " + render(actual, field.schema())
                        + ", expected " + e.getValue());
            }
        });
    }

    private static String render(Object value, Schema schema) {
        Schema s = schema.getType() == Schema.Type.UNION && value != null
                ? schema.getTypes().get(GenericData.get().resolveUnion(schema, value)) : schema;
        if (value != null && s.getLogicalType() instanceof org.apache.avro.LogicalTypes.Decimal d) {
            byte[] bytes;
            if (value instanceof java.nio.ByteBuffer b) {
                bytes = new byte[b.remaining()];
                b.duplicate().get(bytes);
            } else {
                bytes = ((GenericData.Fixed) value).bytes();
            }
            return new java.math.BigDecimal(new java.math.BigInteger(bytes), d.getScale()).toPlainString();
        }
        return GenericData.get().toString(value);
    }

    /**
     * Generated records: untranslatable ones are legitimate (they are dead-lettered) and reported per field: as a
     * warning when the mapping does not say what happens to them, as a notice when its {@code on_error} does.
     */
    private void generated(RecordTranslator translator, MigrationMapping mapping, Schema source, Schema target, long seed) {
        SampleRecordGenerator generator = new SampleRecordGenerator(seed);
        Map<String, int[]> untranslatable = new LinkedHashMap<>();
        Map<String, String> example = new LinkedHashMap<>();
        for (int i = 0; i < GENERATED; i++) {
            GenericRecord record = (GenericRecord) generator.next(source);
            GenericRecord translated;
            try {
                translated = translator.translate(record);
            } catch (TranslationException e) {
                untranslatable.computeIfAbsent(e.field(), f -> new int[1])[0]++;
                example.putIfAbsent(e.field(), reason(e));
                continue;
            }
            String invalid = validate(translated, target);
            if (invalid != null) {
                error(rel, "generated record #" + (i + 1) + " (seed " + seed + "): the translation is not a valid "
                        + target.getFullName() + ": " + invalid);
                return; // one is enough to show the mapping or the translator is wrong
            }
        }
        untranslatable.forEach((field, count) -> {
            String what = count[0] + " of " + GENERATED + " generated records cannot be translated: target field '" + field
                    + "': " + example.get(field);
            if (mapping.onError(field).isPresent()) {
                out.add(Finding.notice("migration-samples", name, rel, what + "; the mapping declares 'on_error: "
                        + mapping.onError(field).get().yamlName() + "' for them", ""));
            } else {
                out.add(Finding.warning("migration-samples", name, rel, what + "; such records go to the bridge's dead-letter topic",
                        "if real data can look like this, map it differently, or declare it with 'on_error: dead-letter'"
                                + " (or 'default') on field '" + field.split("\\.")[0] + "'"));
            }
        });
    }

    /** Null when the record is valid and round-trips through Avro binary; else which field fails and how. */
    static String validate(GenericRecord record, Schema target) {
        if (!GenericData.get().validate(target, record)) {
            return "field '" + invalidField(record, target, "") + "' does not fit its type";
        }
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            new GenericDatumWriter<GenericRecord>(target).write(record, encoder);
            encoder.flush();
            GenericRecord back = new GenericDatumReader<GenericRecord>(target)
                    .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
            for (Schema.Field f : target.getFields()) {
                if (!same(record.get(f.pos()), back.get(f.pos()), f.schema())) {
                    return "field '" + f.name() + "' changes in a binary round trip";
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return "the binary round trip fails: " + e;
        }
    }

    /** Deep equality that, unlike GenericData.compare, handles maps (and String vs Utf8 keys). */
    static boolean same(Object a, Object b, Schema schema) {
        if (a == null || b == null) return a == b;
        switch (schema.getType()) {
            case UNION: {
                int branch = GenericData.get().resolveUnion(schema, a);
                return branch == GenericData.get().resolveUnion(schema, b) && same(a, b, schema.getTypes().get(branch));
            }
            case RECORD: {
                for (Schema.Field f : schema.getFields()) {
                    if (!same(((GenericRecord) a).get(f.pos()), ((GenericRecord) b).get(f.pos()), f.schema())) return false;
                }
                return true;
            }
            case ARRAY: {
                List<?> x = new ArrayList<>((java.util.Collection<?>) a);
                List<?> y = new ArrayList<>((java.util.Collection<?>) b);
                if (x.size() != y.size()) return false;
                for (int i = 0; i < x.size(); i++) if (!same(x.get(i), y.get(i), schema.getElementType())) return false;
                return true;
            }
            case MAP: {
                Map<String, Object> x = new java.util.HashMap<>();
                Map<String, Object> y = new java.util.HashMap<>();
                ((Map<?, ?>) a).forEach((k, v) -> x.put(k.toString(), v));
                ((Map<?, ?>) b).forEach((k, v) -> y.put(k.toString(), v));
                if (!x.keySet().equals(y.keySet())) return false;
                for (String k : x.keySet()) if (!same(x.get(k), y.get(k), schema.getValueType())) return false;
                return true;
            }
            default:
                return GenericData.get().compare(a, b, schema) == 0;
        }
    }

    private static String invalidField(GenericRecord record, Schema schema, String prefix) {
        for (Schema.Field f : schema.getFields()) {
            Object value = record.get(f.pos());
            if (!GenericData.get().validate(f.schema(), value)) {
                String path = prefix + f.name();
                if (f.schema().getType() == Schema.Type.RECORD && value instanceof GenericRecord nested) {
                    return invalidField(nested, f.schema(), path + ".");
                }
                return path;
            }
        }
        return prefix.isEmpty() ? "(record)" : prefix.substring(0, prefix.length() - 1);
    }

    private static String reason(TranslationException e) {
        String prefix = e.field() + ": ";
        String m = e.getMessage();
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    private void error(String file, String message) {
        out.add(Finding.error("migration-samples", name, file, message, "fix the mapping or the sample"));
    }
}
