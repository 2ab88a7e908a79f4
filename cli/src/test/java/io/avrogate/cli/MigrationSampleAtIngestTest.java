package io.avrogate.cli;

import static io.avrogate.cli.SchemaRepoFixture.clicksYaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.check.MigrationSamples;
import io.avrogate.ingest.EventEnricher;
import io.avrogate.ingest.IngestService;
import io.avrogate.ingest.IngestSettings;
import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A migration sample means at {@code avrogate check} what the same JSON means at ingest: both go through one
 * converter, so the record the check translates is the record ingest would write.
 *
 * <p>The unions here are where the two converters of old disagreed. For {@code "amount": 5} in
 * {@code ["null", "double", "long"]} the check's converter (JsonDatum, first branch that fits) produced the double
 * 5.0, ingest (JsonToAvro, a value's own JSON kind first) the long 5. For {@code "seen": "2024-05-01T00:00:00Z"} in
 * {@code [timestamp-millis, "string"]} the check produced the timestamp 1714521600000, ingest the string. A sample
 * could pass the check as one branch and arrive at the bridge as the other.
 */
@ExtendWith(RegistryExtension.class)
class MigrationSampleAtIngestTest {
    private static final String UNIONS = "{\"name\":\"amount\",\"type\":[\"null\",\"double\",\"long\"],\"default\":null,\"doc\":\"Amount.\"},"
            + "{\"name\":\"seen\",\"type\":[{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"},\"string\"],\"doc\":\"Seen.\"}";
    private static final String OLD = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks\",\"doc\":\"A click.\","
            + "\"fields\":[{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Id.\"}," + UNIONS + "]}";
    private static final String NEW = "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks.v2\",\"doc\":\"A click.\","
            + "\"fields\":[{\"name\":\"click_id\",\"type\":\"string\",\"doc\":\"Id.\"}," + UNIONS + "]}";
    private static final String MAPPING = "name: clicks-v2-to-v1\nsource: {subject: clicks.v2-value}\ntarget: {subject: clicks-value}\n"
            + "fields:\n  id: click_id\n";
    /** The record as an application would send it to ingest; the expectations pin the union branches at check. */
    private static final String SAMPLES = """
            [ {"name": "bare unions",
               "record": {"click_id": "c1", "amount": 5, "seen": "2024-05-01T00:00:00Z"},
               "expect": {"id": "c1", "amount": {"long": 5}, "seen": {"string": "2024-05-01T00:00:00Z"}}} ]
            """;

    @TempDir
    Path tmp;

    @Test
    void aSampleConvertsAtCheckExactlyAsAtIngest(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        SchemaRepoFixture repo = new SchemaRepoFixture(tmp);
        repo.subject("clicks-value", clicksYaml("BACKWARD")).version("clicks-value", 1, OLD);
        repo.subject("clicks.v2-value", "topic: clicks.v2\nrole: value\ncompatibility: BACKWARD\nowner: ads\n"
                + "description: Clicks v2.\nreplaces: clicks-value\n").version("clicks.v2-value", 1, NEW);
        repo.mapping("clicks-v2-to-v1", MAPPING);
        Path samplesFile = Files.writeString(repo.schemas.resolve("migrations/clicks-v2-to-v1.samples.json"), SAMPLES);

        // The check: the sample translates and meets its expectations, union branches included.
        SchemaRepoFixture.Result check = repo.avrogate("check", "--schemas", repo.schemas.toString());
        assertThat(check.exitCode()).as(check.all()).isZero();
        assertThat(check.out()).doesNotContain("migration-samples] migrations/clicks-v2-to-v1.samples.json");
        MigrationSamples.Sample sample = MigrationSamples.parse(Files.readString(samplesFile)).get(0);
        GenericRecord atCheck = sample.sourceRecord(new Schema.Parser().parse(NEW));

        // Ingest: the real service, converting to the latest registered version of the topic's value subject.
        String topic = "clicks.v2-" + UUID.randomUUID().toString().substring(0, 8);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
            client.register(topic + "-value", SchemaContent.avro(NEW), false);
        }
        kafka.createTopic(topic, 1);
        GenericRecord atIngest;
        try (IngestService ingest = IngestService.create(IngestSettings.defaults(), Map.of(
                "bootstrap.servers", kafka.bootstrapServers(), "schema.registry.url", registry.url()))) {
            IngestService.Conversion conversion = ingest.convert(ingest.schemaOf(topic), sample.record().deepCopy(),
                    new EventEnricher.Request(topic, Instant.now(), null, "test"));
            assertThat(conversion.errors()).isEmpty();
            atIngest = conversion.record();
        }

        assertThat(atIngest.get("amount")).isEqualTo(5L);
        assertThat(atIngest.get("seen")).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(atCheck).isEqualTo(atIngest);
        assertThat(List.of(atCheck.get("amount"), atCheck.get("seen"))).containsExactly(5L, "2024-05-01T00:00:00Z");
    }
}
