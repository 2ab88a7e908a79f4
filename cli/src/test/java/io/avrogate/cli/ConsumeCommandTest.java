package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.avrogate.registry.RegistryServer;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code avrogate consume} against the real broker and registry: JSON lines, malformed records reported, --max. */
@ExtendWith(RegistryExtension.class)
class ConsumeCommandTest {
    private static final Schema CLICK = new Schema.Parser().parse("""
            {"type": "record", "name": "Click", "namespace": "io.avrogate.cli.test", "fields": [
              {"name": "id", "type": "long"},
              {"name": "placement", "type": {"type": "enum", "name": "Placement", "symbols": ["FEED", "SEARCH"]}},
              {"name": "landing_url", "type": ["null", "string"], "default": null},
              {"name": "cost", "type": {"type": "bytes", "logicalType": "decimal", "precision": 9, "scale": 2}},
              {"name": "params", "type": {"type": "map", "values": "string"}}
            ]}""");

    @Test
    void printsAvroRecordsAsJsonLinesAndReportsMalformedOnes(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        String topic = "consume-" + UUID.randomUUID().toString().substring(0, 8);
        kafka.createTopic(topic, 1);
        List<byte[]> values = new ArrayList<>();
        try (AvroSerializer<Object> serializer = new AvroSerializer<>()) {
            serializer.configure(Map.of("schema.registry.url", registry.url()), false);
            for (int i = 0; i < 3; i++) values.add(serializer.serialize(topic, click(i)));
        }
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            ProducerRecord<byte[], byte[]> withHeader = new ProducerRecord<>(topic, "k0".getBytes(StandardCharsets.UTF_8),
                    values.get(0));
            withHeader.headers().add("trace-id", "abc".getBytes(StandardCharsets.UTF_8));
            producer.send(withHeader).get();
            producer.send(new ProducerRecord<>(topic, null, "not avro".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(topic, "k1".getBytes(StandardCharsets.UTF_8), values.get(1))).get();
            producer.send(new ProducerRecord<>(topic, "k2".getBytes(StandardCharsets.UTF_8), values.get(2))).get();
        }

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("consume", "--topic", topic, "--from-beginning", "--max", "2",
                "--bootstrap-servers", kafka.bootstrapServers(), "--registry", registry.url());

        assertThat(code).as("stderr: %s", err).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(2);
        ObjectMapper json = new ObjectMapper();
        JsonNode first = json.readTree(lines.get(0));
        assertThat(first.get("topic").asText()).isEqualTo(topic);
        assertThat(first.get("offset").asLong()).isZero();
        assertThat(first.get("key").asText()).isEqualTo("k0");
        JsonNode value = first.get("value");
        assertThat(value.get("id").asLong()).isZero();
        assertThat(value.get("placement").asText()).as("enum as its symbol").isEqualTo("FEED");
        assertThat(value.get("landing_url").asText()).as("union as its branch").isEqualTo("https://example.com/0");
        assertThat(value.get("cost").decimalValue()).as("decimal as a number").isEqualByComparingTo("1.50");
        assertThat(value.get("params")).isEqualTo(json.readTree("{\"utm_source\": \"news\"}"));
        assertThat(first.get("headers").get("trace-id").asText()).isEqualTo("abc");
        JsonNode second = json.readTree(lines.get(1));
        assertThat(second.has("headers")).as("no headers, no field").isFalse();
        assertThat(second.get("offset").asLong()).as("the malformed record at offset 1 is skipped").isEqualTo(2);
        assertThat(second.get("value").get("landing_url").isNull()).isTrue();
        assertThat(err.toString()).contains("skipped " + topic + "-0@1").contains("magic byte");
    }

    @Test
    void aMissingTopicIsAOneLineError(EmbeddedKafka kafka) {
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setErr(new PrintWriter(err));
        int code = cmd.execute("consume", "--topic", "no-such-topic-" + UUID.randomUUID(),
                "--bootstrap-servers", kafka.bootstrapServers());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("avrogate: topic no-such-topic-").contains("does not exist")
                .doesNotContain("\n");
    }

    private static GenericData.Record click(int i) {
        GenericData.Record click = new GenericData.Record(CLICK);
        click.put("id", (long) i);
        click.put("placement", new GenericData.EnumSymbol(CLICK.getField("placement").schema(), i % 2 == 0 ? "FEED" : "SEARCH"));
        click.put("landing_url", i == 1 ? null : "https://example.com/" + i);
        Schema costSchema = CLICK.getField("cost").schema();
        ByteBuffer cost = new Conversions.DecimalConversion().toBytes(new BigDecimal("1.50"), costSchema,
                LogicalTypes.fromSchema(costSchema));
        click.put("cost", cost);
        click.put("params", Map.of("utm_source", "news"));
        return click;
    }
}
