package io.avrogate.bench;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The server side of the registry load benchmark ({@code bench/registry-load.sh}): a real Kafka broker and our
 * registry on 127.0.0.1 in this JVM, {@code SCHEMAS} distinct schemas registered over HTTP, their ids written to
 * {@code IDS_FILE} (one a line, for the load generator), then {@code READY <url>} on stdout; runs until SIGTERM.
 *
 * <p>Usage: {@code RegistryLoadServer PORT SCHEMAS IDS_FILE}
 */
public final class RegistryLoadServer {
    private RegistryLoadServer() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage: RegistryLoadServer PORT SCHEMAS IDS_FILE");
            System.exit(2);
        }
        int port = Integer.parseInt(args[0]);
        int schemas = Integer.parseInt(args[1]);
        Path idsFile = Path.of(args[2]);
        EmbeddedKafka kafka = EmbeddedKafka.start();
        RegistryServer registry = RegistryServer.start(Map.of(
                "listeners", "http://127.0.0.1:" + port,
                "kafkastore.bootstrap.servers", kafka.bootstrapServers(),
                "thread.pool.max", System.getProperty("thread.pool.max", "200")));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            registry.close();
            kafka.close();
            stopped.countDown();
        }, "bench-shutdown"));

        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>(schemas);
        for (int i = 0; i < schemas; i++) {
            // Realistic size: a tracking event with a dozen fields, distinct per i (name and a doc).
            String schema = "{\"type\":\"record\",\"name\":\"Event" + i + "\",\"namespace\":\"bench.load\",\"doc\":\"load test schema " + i
                    + "\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"},{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
                    + "{\"name\":\"user\",\"type\":[\"null\",\"string\"],\"default\":null},{\"name\":\"country\",\"type\":\"string\"},"
                    + "{\"name\":\"amount\",\"type\":\"double\"},{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"}},"
                    + "{\"name\":\"attrs\",\"type\":{\"type\":\"map\",\"values\":\"string\"}},{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"Kind"
                    + i + "\",\"symbols\":[\"CLICK\",\"VIEW\",\"BUY\"]}}]}";
            String body = "{\"schema\":" + com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(schema) + "}";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/load-" + i + "-value/versions"))
                    .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IllegalStateException("register failed: " + r.statusCode() + " " + r.body());
            ids.add(r.body().replaceAll("[^0-9]", ""));
        }
        Files.write(idsFile, ids);
        System.out.println("READY " + registry.url());
        System.out.flush();
        stopped.await();
    }
}
