package io.avrogate.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.core.AvroSchemas;
import io.avrogate.core.migration.MigrationMapping;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * The repository's own migration samples ({@code schemas/migrations/*.samples.json}) go through the converter the
 * ingest service uses, and the check passes on them.
 */
class RepositoryMigrationSamplesTest {
    private static final Path SCHEMAS = Path.of("..", "schemas");

    @Test
    void everySampleOfTheRepositoryConvertsToItsSourceSchema() throws Exception {
        SchemaRepository repo = SchemaRepository.load(SCHEMAS);
        List<String> converted = new ArrayList<>();
        for (SchemaRepository.MappingFile file : repo.mappings()) {
            Path samplesFile = MigrationSamples.fileOf(file.path());
            if (!Files.isRegularFile(samplesFile)) continue;
            MigrationMapping mapping = MigrationMapping.parse(file.text(), file.path().toString());
            Schema source = version(repo, mapping.sourceSubject(), mapping.sourceVersion());
            for (MigrationSamples.Sample sample : MigrationSamples.parse(Files.readString(samplesFile))) {
                GenericRecord record = sample.sourceRecord(source);
                assertThat(GenericData.get().validate(source, record)).as(sample.label()).isTrue();
                converted.add(mapping.name() + " " + sample.label());
            }
        }
        assertThat(converted).contains("ad-clicks-v2-to-v1 sample #1 (search click with geo, every field set)");
    }

    @Test
    void taggedUnionsAndLatin1BytesOfAvroJsonEncodingAreReadAsWritten() throws Exception {
        SchemaRepository repo = SchemaRepository.load(SCHEMAS);
        Path samplesFile = SCHEMAS.resolve("migrations/ad-clicks-v2-to-v1.samples.json");
        GenericRecord click = MigrationSamples.parse(Files.readString(samplesFile)).get(0)
                .sourceRecord(version(repo, "ad-clicks.v2-value", 2));

        GenericRecord geo = (GenericRecord) click.get("geo");
        assertThat(geo.getSchema().getFullName()).isEqualTo("io.avrogate.example.tracking.common.GeoLocation");
        assertThat(geo.get("city")).isEqualTo("Berlin");
        assertThat(click.get("attribution_window_days")).isEqualTo(7);
        assertThat(click.get("occurred_at")).isEqualTo(1_795_515_330_123_456L); // 2026-11-24T10:15:30.123456Z, exact
        byte[] ip = ((GenericData.Fixed) click.get("client_ip")).bytes();
        assertThat(ByteBuffer.wrap(ip, 10, 6)).isEqualTo(ByteBuffer.wrap(new byte[] {-1, -1, (byte) 192, (byte) 168, 1, 7}));
    }

    @Test
    void theCheckPassesOnTheRepositorysMappingsAndTheirSamples() {
        CheckReport report = new SchemaCheck(new SchemaCheck.Options(SCHEMAS, null, null, null)).run();
        assertThat(report.mappings()).isNotEmpty();
        assertThat(report.mappings()).flatExtracting(SubjectResult::findings).filteredOn(Finding::isError).isEmpty();
    }

    /**
     * What `./avrogate check` and the demo both report: no warning at all. The generated clicks whose cost does not
     * fit decimal(12,6) are still found, and reported as the dead letters the mapping declares they are.
     */
    @Test
    void theRepositoryChecksWithoutWarningsBecauseTheMappingDeclaresWhatItCannotTranslate() {
        CheckReport report = new SchemaCheck(new SchemaCheck.Options(SCHEMAS, null, null, null)).run();
        assertThat(report.allFindings().filter(f -> f.isError() || f.isWarning()).toList()).isEmpty();
        assertThat(report.mappings()).flatExtracting(SubjectResult::findings)
                .filteredOn(f -> f.check().equals("migration-samples"))
                .anySatisfy(f -> assertThat(f.message()).contains("target field 'cost'").contains("on_error: dead-letter"));
    }

    private static Schema version(SchemaRepository repo, String subjectName, Integer version) {
        Subject subject = repo.subject(subjectName).orElseThrow();
        Subject.VersionFile file = version == null ? subject.latest() : subject.version(version);
        return AvroSchemas.parse(file.text(), repo.referenceTexts(subject), false);
    }
}
