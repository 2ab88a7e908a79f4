package io.avrogate.producer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.security.ssl.DefaultSslEngineFactory;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaEnvironmentTest {
    private static final String CERT = resource("client-cert.pem");
    private static final String KEY_PKCS1 = resource("client-key-pkcs1.pem");
    private static final String KEY_PKCS8 = resource("client-key-pkcs8.pem");
    private static final String CA = resource("ca-cert.pem");

    @Test
    void bootstrapServersAndRegistryComeFromTheirVariables() {
        Map<String, Object> configs = KafkaEnvironment.from(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "b1:9092,b2:9092",
                "KAFKA_URL", "kafka+ssl://ignored:9096",
                "SCHEMA_REGISTRY_URL", "http://registry:8081"));
        assertThat(configs).containsExactlyInAnyOrderEntriesOf(Map.of(
                "bootstrap.servers", "b1:9092,b2:9092", "schema.registry.url", "http://registry:8081"));
    }

    @Test
    void kafkaUrlsAsHostedServicesGiveThemBecomeBootstrapServersAndProtocol() {
        assertThat(KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka+ssl://ec2-1.example.com:9096,kafka+ssl://ec2-2.example.com:9096")))
                .containsEntry("bootstrap.servers", "ec2-1.example.com:9096,ec2-2.example.com:9096")
                .containsEntry("security.protocol", "SSL");
        assertThat(KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka://localhost:9092")))
                .containsEntry("bootstrap.servers", "localhost:9092")
                .containsEntry("security.protocol", "PLAINTEXT");
        assertThat(KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka+sasl_ssl://h:9094")))
                .containsEntry("security.protocol", "SASL_SSL");
        assertThat(KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka://[::1]:9092")))
                .containsEntry("bootstrap.servers", "[::1]:9092");
    }

    @Test
    void badKafkaUrlsAreRefusedWithTheReason() {
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka+ssl://a:1,kafka://b:2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mixes security protocols SSL and PLAINTEXT");
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_URL", "http://a:1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("unknown scheme in http://a:1");
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_URL", "kafka+ssl://a")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("needs a host and a port");
    }

    @Test
    void pemCertificatesMapOntoKafkasPemKeyAndTrustStores() {
        Map<String, Object> configs = KafkaEnvironment.from(Map.of(
                "KAFKA_URL", "kafka+ssl://localhost:9096",
                "KAFKA_CLIENT_CERT", CERT, "KAFKA_CLIENT_CERT_KEY", KEY_PKCS8, "KAFKA_TRUSTED_CERT", CA));
        assertThat(configs)
                .containsEntry("security.protocol", "SSL")
                .containsEntry("ssl.keystore.type", "PEM")
                .containsEntry("ssl.keystore.certificate.chain", CERT.trim())
                .containsEntry("ssl.keystore.key", KEY_PKCS8.trim())
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.certificates", CA.trim());
        assertKafkaLoadsTheStores(configs);
    }

    @Test
    void aPkcs1RsaKeyIsWrappedIntoThePkcs8FormKafkaReads() {
        Map<String, Object> configs = KafkaEnvironment.from(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:9096",
                "KAFKA_CLIENT_CERT", CERT, "KAFKA_CLIENT_CERT_KEY", KEY_PKCS1, "KAFKA_TRUSTED_CERT", CA));
        // the same key openssl writes as PKCS#8, byte for byte
        assertThat(body((String) configs.get("ssl.keystore.key"))).isEqualTo(body(KEY_PKCS8));
        assertThat(configs).containsEntry("security.protocol", "SSL");
        assertKafkaLoadsTheStores(configs);
    }

    @Test
    void pemWithEscapedLineBreaksAsInEnvFilesIsRestored() {
        Map<String, Object> configs = KafkaEnvironment.from(Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", "localhost:9096",
                "KAFKA_CLIENT_CERT", CERT.replace("\n", "\\n"), "KAFKA_CLIENT_CERT_KEY", KEY_PKCS1.replace("\n", "\\n"),
                "KAFKA_TRUSTED_CERT", CA.replace("\n", "\\n")));
        assertThat(configs).containsEntry("ssl.keystore.certificate.chain", CERT.trim());
        assertKafkaLoadsTheStores(configs);
    }

    @Test
    void aCertificateWithoutItsKeyOrAnUnusableKeyIsRefused() {
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_CLIENT_CERT", CERT)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("set both or neither");
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_CLIENT_CERT", CERT, "KAFKA_CLIENT_CERT_KEY", CERT)))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no PEM private key found");
        assertThatThrownBy(() -> KafkaEnvironment.from(Map.of("KAFKA_CLIENT_CERT", CERT,
                "KAFKA_CLIENT_CERT_KEY", "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("openssl pkcs8 -topk8");
    }

    @Test
    void otherProducerSettingsComeFromPrefixedVariables() {
        assertThat(KafkaEnvironment.from(Map.of("KAFKA_PRODUCER_LINGER_MS", "20", "KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd",
                "KAFKA_PRODUCER_", "x", "PATH", "/bin")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("linger.ms", "20", "compression.type", "zstd"));
    }

    @Test
    void producerDefaultsAreGovernedAndOverridable() {
        Map<String, Object> defaults = new AvroProducerConfig(Map.of("bootstrap.servers", "b:9092")).kafkaConfigs();
        assertThat(defaults)
                .containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .containsEntry("auto.register.schemas", false)
                .containsEntry("use.latest.version", false)
                .containsEntry("value.serializer", AvroProducerConfig.AVRO_SERIALIZER)
                .doesNotContainKeys("default.topic", "partition.strategy");

        assertThat(new AvroProducerConfig(Map.of("bootstrap.servers", "b:9092", "acks", "1")).kafkaConfigs())
                .containsEntry("acks", "1").containsEntry("enable.idempotence", false);
        assertThat(new AvroProducerConfig(Map.of("bootstrap.servers", "b:9092", "auto.register.schemas", "true",
                "compression.type", "lz4", "linger.ms", "10")).kafkaConfigs())
                .containsEntry("auto.register.schemas", true)
                .containsEntry("compression.type", "lz4")
                .containsEntry("linger.ms", "10");

        assertThatThrownBy(() -> new AvroProducerConfig(Map.of()).kafkaConfigs())
                .isInstanceOf(ConfigException.class).hasMessageContaining("bootstrap.servers is required");
        assertThatThrownBy(() -> new AvroProducerConfig(Map.of("bootstrap.servers", "b:9092", "acks", "2")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("acks");
        assertThatThrownBy(() -> new AvroProducerConfig(Map.of("partition.strategy", "sticky")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("partition.strategy");
    }

    /** Kafka's own SSL engine factory builds its key and trust stores from the mapped settings. */
    private static void assertKafkaLoadsTheStores(Map<String, Object> configs) {
        Map<String, Object> all = new HashMap<>(configs);
        all.put("key.serializer", StringSerializer.class);
        all.put("value.serializer", StringSerializer.class);
        ProducerConfig parsed = new ProducerConfig(all);
        DefaultSslEngineFactory factory = new DefaultSslEngineFactory();
        factory.configure(parsed.values());
        assertThat(factory.keystore()).isNotNull();
        assertThat(factory.truststore()).isNotNull();
    }

    private static String body(String pem) {
        return pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    private static String resource(String name) {
        try (InputStream in = KafkaEnvironmentTest.class.getResourceAsStream("/tls/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
