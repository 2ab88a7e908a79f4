package io.avrogate.registry.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class RegistryClientConfigTest {

    @Test
    void readsConfluentKeysAndIgnoresOthers() {
        RegistryClientConfig c = new RegistryClientConfig(Map.of(
                "schema.registry.url", " http://a:8081/ , http://b:8081",
                "auto.register.schemas", "false",
                "key.serializer", "whatever",
                "http.read.timeout.ms", "1500",
                "latest.cache.ttl.sec", "30"));
        assertThat(c.urls()).containsExactly("http://a:8081", "http://b:8081");
        assertThat(c.mockScope()).isNull();
        assertThat(c.getInt(RegistryClientConfig.HTTP_READ_TIMEOUT_MS)).isEqualTo(1500);
        assertThat(c.getLong(RegistryClientConfig.LATEST_CACHE_TTL_SEC)).isEqualTo(30L);
        assertThat(c.getInt(RegistryClientConfig.MAX_RETRIES)).isEqualTo(3);
    }

    @Test
    void aUrlIsRequired() {
        assertThatThrownBy(() -> new RegistryClientConfig(Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new RegistryClientConfig(Map.of("schema.registry.url", " , ")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void basicAuthComesFromTheUrlOrFromUserInfo() {
        RegistryClientConfig fromUrl = new RegistryClientConfig(Map.of("schema.registry.url", "http://u%40x:p@h:1"));
        assertThat(fromUrl.basicAuthUserInfo(URI.create("http://u%40x:p@h:1"))).isEqualTo("u@x:p");
        assertThat(fromUrl.basicAuthUserInfo(URI.create("http://h:1"))).isNull();

        RegistryClientConfig userInfo = new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "basic.auth.credentials.source", "user_info", "basic.auth.user.info", "alice:secret"));
        assertThat(userInfo.basicAuthUserInfo(URI.create("http://h:1"))).isEqualTo("alice:secret");

        RegistryClientConfig legacy = new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "basic.auth.credentials.source", "USER_INFO", "schema.registry.basic.auth.user.info", "bob:pw"));
        assertThat(legacy.basicAuthUserInfo(URI.create("http://h:1"))).isEqualTo("bob:pw");

        RegistryClientConfig missing = new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "basic.auth.credentials.source", "USER_INFO"));
        assertThatThrownBy(() -> missing.basicAuthUserInfo(URI.create("http://h:1"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.user.info");
    }

    @Test
    void unsupportedCredentialSourcesAreRefusedClearly() {
        assertThatThrownBy(() -> new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "basic.auth.credentials.source", "KERBEROS"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("basic.auth.credentials.source");
        assertThatThrownBy(() -> new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "bearer.auth.credentials.source", "SASL_OAUTHBEARER_INHERIT"))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.credentials.source");
    }

    @Test
    void oauthBearerNeedsItsEndpointAndClientCredentials() {
        assertThatThrownBy(() -> SchemaRegistryClients.create(Map.of("schema.registry.url", "http://h:1",
                "bearer.auth.credentials.source", "OAUTHBEARER", "bearer.auth.client.id", "svc")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("bearer.auth.issuer.endpoint.url")
                .hasMessageContaining("bearer.auth.client.secret");
    }

    @Test
    void requestHeadersArePassedThrough() {
        RegistryClientConfig c = new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "request.header.X-Team", "payments", "request.header.target-sr-cluster", "lsrc-1",
                "bearer.auth.token", " tok "));
        assertThat(c.requestHeaders()).containsExactlyInAnyOrderEntriesOf(Map.of("X-Team", "payments",
                "target-sr-cluster", "lsrc-1"));
        assertThat(c.bearerToken()).isEqualTo("tok");
    }

    @Test
    void badValuesAreRefused() {
        assertThatThrownBy(() -> new RegistryClientConfig(Map.of("schema.registry.url", "http://h:1",
                "max.retries", "-1"))).isInstanceOf(ConfigException.class).hasMessageContaining("max.retries");
    }
}
