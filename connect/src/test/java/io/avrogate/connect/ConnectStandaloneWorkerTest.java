package io.avrogate.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.serde.AvroDeserializer;
import io.avrogate.serde.AvroSerializer;
import io.avrogate.testkit.EmbeddedKafka;
import io.avrogate.testkit.registry.RegistryExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.connect.cli.ConnectStandalone;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.file.FileStreamSinkConnector;
import org.apache.kafka.connect.file.FileStreamSinkTask;
import org.apache.kafka.connect.file.FileStreamSourceConnector;
import org.apache.kafka.connect.file.FileStreamSourceTask;
import org.apache.kafka.connect.runtime.Connect;
import org.apache.kafka.connect.runtime.Herder;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorInfo;
import org.apache.kafka.connect.runtime.standalone.StandaloneHerder;
import org.apache.kafka.connect.storage.StringConverter;
import org.apache.kafka.connect.util.FutureCallback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real Kafka Connect standalone worker (connect-runtime, in this JVM, on the embedded broker) with our converter as
 * its value converter, configured exactly as a worker properties file would: a FileStreamSource writes file lines to a
 * topic as Avro strings that our deserializer reads back, and a FileStreamSink writes records our serializer produced
 * (an Avro record) to a file as Connect Structs.
 */
@ExtendWith(RegistryExtension.class)
class ConnectStandaloneWorkerTest {
    private static final Schema CLICK = new Schema.Parser().parse("""
            {"type":"record","name":"Click","namespace":"io.avrogate.example","fields":[
              {"name":"campaign","type":"string"},{"name":"count","type":"int"}]}""");

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void fileStreamConnectorsRunOnOurConverter(EmbeddedKafka kafka, RegistryServer registry, @TempDir Path dir) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String linesTopic = "connect-lines-" + suffix;
        String clicksTopic = "connect-clicks-" + suffix;
        Path input = Files.writeString(dir.resolve("in.txt"), "first line\nsecond line\nthird, with ünïcödé\n");
        Path output = dir.resolve("out.txt");
        kafka.createTopic(linesTopic, 1);
        kafka.createTopic(clicksTopic, 1);
        produceClicks(kafka, registry, clicksTopic);

        Connect<StandaloneHerder> connect = new ConnectStandalone().startConnect(workerProperties(kafka, registry, dir));
        try {
            createConnector(connect.herder(), "lines-source", Map.of(
                    "connector.class", LinesSource.class.getName(), "tasks.max", "1",
                    "file", input.toString(), "topic", linesTopic));
            createConnector(connect.herder(), "clicks-sink", Map.of(
                    "connector.class", ClicksSink.class.getName(), "tasks.max", "1",
                    "file", output.toString(), "topics", clicksTopic));

            assertThat(readStrings(kafka, registry, linesTopic, 3))
                    .containsExactly("first line", "second line", "third, with ünïcödé");
            try (SchemaRegistryClient client = SchemaRegistryClients.create(Map.of("schema.registry.url", registry.url()))) {
                assertThat(client.latest(linesTopic + "-value").content().schema()).isEqualTo("\"string\"");
            }
            List<String> sunk = awaitLines(output, 2);
            assertThat(sunk).containsExactly(
                    "Struct{campaign=spring,count=3}",
                    "Struct{campaign=summer,count=5}");
        } finally {
            connect.stop();
            connect.awaitStop();
        }
    }

    // connect-file 4.4.0 is not on Maven Central and 4.3.1 reads its version() from a kafka-clients class that 4.4
    // moved; these subclasses report a fixed version and are otherwise the FileStream connectors and tasks.
    private static final String FILE_CONNECTORS_VERSION = "4.3.1";

    public static class LinesSource extends FileStreamSourceConnector {
        @Override public String version() { return FILE_CONNECTORS_VERSION; }
        @Override public Class<? extends Task> taskClass() { return LinesSourceTask.class; }
    }

    public static class LinesSourceTask extends FileStreamSourceTask {
        @Override public String version() { return FILE_CONNECTORS_VERSION; }
    }

    public static class ClicksSink extends FileStreamSinkConnector {
        @Override public String version() { return FILE_CONNECTORS_VERSION; }
        @Override public Class<? extends Task> taskClass() { return ClicksSinkTask.class; }
    }

    public static class ClicksSinkTask extends FileStreamSinkTask {
        @Override public String version() { return FILE_CONNECTORS_VERSION; }
    }

    private static Map<String, String> workerProperties(EmbeddedKafka kafka, RegistryServer registry, Path dir) {
        Map<String, String> worker = new HashMap<>();
        worker.put("bootstrap.servers", kafka.bootstrapServers());
        worker.put("listeners", "http://127.0.0.1:0");
        worker.put("offset.storage.file.filename", dir.resolve("offsets").toString());
        worker.put("offset.flush.interval.ms", "500");
        worker.put("key.converter", StringConverter.class.getName());
        worker.put("value.converter", AvroConverter.class.getName());
        worker.put("value.converter.schema.registry.url", registry.url());
        worker.put("consumer.auto.offset.reset", "earliest");
        // Plugins from META-INF/services only (our converter's jar declares it): no classpath scan, a fast start.
        worker.put("plugin.discovery", "service_load");
        return worker;
    }

    private static void createConnector(Herder herder, String name, Map<String, String> config) throws Exception {
        FutureCallback<Herder.Created<ConnectorInfo>> created = new FutureCallback<>();
        Map<String, String> named = new HashMap<>(config);
        named.put("name", name);
        herder.putConnectorConfig(name, named, false, created);
        assertThat(created.get(20, TimeUnit.SECONDS).created()).isTrue();
    }

    private static void produceClicks(EmbeddedKafka kafka, RegistryServer registry, String topic) throws Exception {
        Map<String, Object> configs = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "schema.registry.url", registry.url());
        AvroSerializer<Object> values = new AvroSerializer<>();
        values.configure(configs, false); // a serializer instance handed to the producer is not configured by it
        try (var producer = new KafkaProducer<>(configs, new StringSerializer(), values)) {
            for (var click : List.of(click("spring", 3), click("summer", 5))) {
                producer.send(new ProducerRecord<>(topic, click.get("campaign").toString(), click)).get();
            }
        }
    }

    private static GenericData.Record click(String campaign, int count) {
        GenericData.Record record = new GenericData.Record(CLICK);
        record.put("campaign", campaign);
        record.put("count", count);
        return record;
    }

    private static List<String> readStrings(EmbeddedKafka kafka, RegistryServer registry, String topic, int count) {
        Map<String, Object> configs = Map.of("bootstrap.servers", kafka.bootstrapServers(),
                "group.id", "reader-" + topic, "auto.offset.reset", "earliest",
                "schema.registry.url", registry.url());
        List<String> values = new ArrayList<>();
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();
        deserializer.configure(configs, false);
        try (var consumer = new KafkaConsumer<>(configs, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add((String) record.value());
                }
            }
        }
        return values;
    }

    private static List<String> awaitLines(Path file, int count) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        List<String> lines = List.of();
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                if (lines.size() >= count) return lines;
            }
            Thread.sleep(100);
        }
        return lines;
    }
}
