package io.avrogate.testkit.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.registry.RegistryServer;
import io.avrogate.testkit.EmbeddedKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RegistryExtension.class)
class RegistryExtensionTest {

    @Test
    void registersASchemaOnTheSharedRegistryBackedByTheSharedBroker(EmbeddedKafka kafka, RegistryServer registry) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> registered = http.send(HttpRequest.newBuilder(URI.create(registry.url() + "/subjects/ext-test-value/versions"))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"schema\":\"\\\"string\\\"\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).isEqualTo(200);
        assertThat(registered.body()).matches("\\{\"id\":\\d+}");
        // The registry's state lives in the broker this test was given.
        assertThat(kafka.admin().listTopics().names().get()).contains("_schemas");
    }
}
