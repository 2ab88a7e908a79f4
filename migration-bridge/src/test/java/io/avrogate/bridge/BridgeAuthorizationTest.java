package io.avrogate.bridge;

import static io.avrogate.server.auth.AccessMatrix.assertOutcome;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.server.ServerSettings;
import io.avrogate.server.TestKeys;
import io.avrogate.server.auth.AccessControl;
import io.avrogate.server.auth.AccessMatrix;
import io.avrogate.server.auth.TestUsers;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The authorization matrix for the bridge's endpoints over real HTTP(S), configured the way a bridge is: listener and
 * authentication settings in its properties file, read by {@link BridgeConfig}. {@code /health} needs READ on the
 * service {@code bridge}, {@code /metrics} READ on {@code metrics}; the probes are public.
 */
class BridgeAuthorizationTest {
    @TempDir
    Path dir;

    private enum Role {
        ANONYMOUS(null), READER(TestUsers.READER), WRITER(TestUsers.WRITER), ADMIN(TestUsers.ADMIN), ANONYMOUS_ROLE(null);

        final String user;

        Role(String user) {
            this.user = user;
        }
    }

    /** Path, then whether each {@link Role} may GET it ('Y'/'N'). */
    private static final Map<String, String> ROWS = Map.of(
            "/health", "NNNYN",
            "/metrics", "NNNYN",
            "/health/live", "YYYYY",
            "/health/ready", "YYYYY");

    private BridgeConfig config(Map<String, Object> listener) {
        Map<String, Object> props = new HashMap<>(listener);
        props.put(BridgeConfig.BOOTSTRAP_SERVERS, "127.0.0.1:9");
        props.put(BridgeConfig.MAPPING, AdClicksFixture.SCHEMAS.resolve("migrations/ad-clicks-v2-to-v1.yaml").toString());
        return BridgeRunner.config(props);
    }

    private static BridgeMetrics running() {
        BridgeMetrics metrics = new BridgeMetrics("m");
        metrics.state("RUNNING", null);
        metrics.polled(0, System.currentTimeMillis());
        return metrics;
    }

    private static void run(BridgeConfig config, List<Role> roles, AccessMatrix client) {
        try (BridgeMetrics metrics = running(); AccessControl access = AccessControl.create(config.auth(), id -> List.of());
             BridgeHttp server = BridgeHttp.start(config.serverSettings(), access, "m", metrics)) {
            String scheme = config.serverSettings().listeners().get(0).getScheme();
            for (Role role : roles) {
                ROWS.forEach((path, expect) -> {
                    String url = scheme + "://127.0.0.1:" + server.port() + path;
                    AccessMatrix.Answer answer = client.send(url, "GET", null, role.user);
                    assertOutcome(answer, expect.charAt(role.ordinal()) == 'Y', role.user == null, role + " GET " + url);
                    if (path.equals("/health") && expect.charAt(role.ordinal()) == 'Y') {
                        assertThat(answer.status()).isEqualTo(200);
                        assertThat(answer.body()).contains("\"status\":\"UP\"");
                    }
                });
            }
        }
    }

    @Test
    void eachRoleOnEachEndpointOverHttp() throws Exception {
        Map<String, Object> listener = new HashMap<>(TestUsers.basicAuth(dir, false));
        listener.put(BridgeConfig.HTTP_PORT, 0);
        run(config(listener), List.of(Role.ANONYMOUS, Role.READER, Role.WRITER, Role.ADMIN), new AccessMatrix(null));
    }

    @Test
    void eachRoleOnEachEndpointOverHttpsWithTheAnonymousRole() throws Exception {
        TestKeys keys = TestKeys.create(dir);
        Map<String, Object> listener = new HashMap<>(TestUsers.basicAuth(dir, true));
        listener.putAll(keys.httpsListener());
        run(config(listener), List.of(Role.ANONYMOUS_ROLE, Role.READER, Role.WRITER, Role.ADMIN),
                new AccessMatrix(keys.clientContext(false)));
    }

    @Test
    void listenerSettingsDefaultToLoopbackAndStayOutOfTheRegistryClient() throws Exception {
        Map<String, Object> listener = new HashMap<>(TestUsers.basicAuth(dir, false));
        listener.put(ServerSettings.SSL_KEYSTORE_PASSWORD, "listener-secret");
        BridgeConfig config = config(listener);
        assertThat(config.serverSettings().listeners()).extracting(Object::toString).containsExactly("http://127.0.0.1:8095");
        assertThat(config.registryClientProperties()).doesNotContainKeys("authentication.method",
                ServerSettings.SSL_KEYSTORE_PASSWORD, "avrogate.authorization.acl.file");
        listener.put(BridgeConfig.HTTP_PORT, -1);
        assertThat(config(listener).serverSettings()).as("off").isNull();
        listener.put(ServerSettings.LISTENERS, "ftp://127.0.0.1:1");
        assertThatThrownBy(() -> config(listener)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("unsupported scheme 'ftp'");
    }
}
