package io.avrogate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code avrogate up --secure} in this JVM (its own broker on free ports): the registry answers over TLS only with
 * the printed credentials, and the printed client settings are enough for our client.
 */
class UpSecureTest {
    private static final String CLICK = """
            {"type": "record", "name": "Click", "namespace": "io.avrogate.cli.up", "fields": [{"name": "id", "type": "string"}]}""";

    @Test
    void upSecureServesTheRegistryOverTlsToThePrintedCredentialsOnly(@TempDir Path tmp) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        Path secureDir = tmp.resolve("secure");
        AtomicInteger exit = new AtomicInteger(-1);
        Thread up = new Thread(() -> exit.set(cmd.execute("up", "--secure", "--secure-dir", secureDir.toString(),
                "--kafka-port", "0", "--registry-port", "0", "--schemas", tmp.resolve("no-schemas").toString())), "up");
        up.start();
        try {
            SecuredEndToEndTest.awaitUntil(() -> out.toString().contains("Press Ctrl-C") || exit.get() >= 0,
                    "up --secure to start; output so far: " + out);
            assertThat(exit.get()).as("stderr: %s", err).isEqualTo(-1);
            Map<String, String> printed = printedSettings(out.toString());
            String url = printed.get("schema.registry.url");
            assertThat(url).startsWith("https://127.0.0.1:");
            assertThat(printed).containsEntry("basic.auth.credentials.source", "USER_INFO")
                    .containsEntry("schema.registry.ssl.truststore.type", "PKCS12")
                    .containsKeys("basic.auth.user.info", "schema.registry.ssl.truststore.location",
                            "schema.registry.ssl.truststore.password");
            assertThat(printed.get("basic.auth.user.info")).startsWith("app:");
            assertThat(out.toString()).contains("user admin ").contains("user app ").contains(secureDir.toString());

            // The printed settings work: the app registers and reads back.
            try (SchemaRegistryClient client = SchemaRegistryClients.create(new HashMap<>(printed))) {
                int id = client.register("up-secure-value", SchemaContent.avro(CLICK), false);
                assertThat(client.schemaById(id).schema()).contains("Click");
            }
            // So does the admin's file, and it may change the global level, which the app may not.
            try (SchemaRegistryClient admin = SchemaRegistryClients.create(load(secureDir.resolve("admin.properties")));
                 SchemaRegistryClient app = SchemaRegistryClients.create(load(secureDir.resolve("app.properties")))) {
                admin.setCompatibilityLevel(null, "FULL");
                assertThatThrownBy(() -> app.setCompatibilityLevel(null, "NONE"))
                        .isInstanceOfSatisfying(RegistryClientException.class, e -> assertThat(e.status()).isEqualTo(403));
            }
            // Without credentials: 401 with Confluent's code and a Basic challenge; plain HTTP is not served.
            HttpClient https = HttpClient.newBuilder().sslContext(trusting(Path.of(printed.get("schema.registry.ssl.truststore.location")),
                    printed.get("schema.registry.ssl.truststore.password"))).build();
            HttpResponse<String> anonymous = https.send(HttpRequest.newBuilder(URI.create(url + "/subjects")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.body()).contains("\"error_code\":40101");
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.replace("https:", "http:")
                    + "/subjects")).build(), HttpResponse.BodyHandlers.ofString()))
                    .isInstanceOf(java.io.IOException.class);
            // The files with secrets are the owner's only.
            if (Files.getFileStore(secureDir).supportsFileAttributeView("posix")) {
                assertThat(Files.getPosixFilePermissions(secureDir.resolve("credentials")))
                        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            }
            assertThat(Files.readString(secureDir.resolve("credentials"))).doesNotContain(printed.get("basic.auth.user.info").substring(4));
        } finally {
            up.interrupt(); // ends the wait for Ctrl-C; the registry and the broker close
            up.join(60_000);
        }
    }

    /** The {@code key=value} lines of the printed client settings. */
    private static Map<String, String> printedSettings(String output) {
        Map<String, String> settings = new LinkedHashMap<>();
        output.lines().map(String::strip)
                .filter(l -> l.matches("(schema\\.registry|basic\\.auth)\\.[a-z.]+=.*"))
                .forEach(l -> settings.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        return settings;
    }

    private static Map<String, Object> load(Path file) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }

    private static SSLContext trusting(Path store, String password) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, password.toCharArray());
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(keys);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
