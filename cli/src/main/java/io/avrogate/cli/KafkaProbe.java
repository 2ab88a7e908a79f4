package io.avrogate.cli;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;

/**
 * Asks whether Kafka answers at the configured bootstrap servers, within seconds, and says why not in one line that
 * names the address and the setting to fix. A Kafka client left alone would retry silently for a minute or forever;
 * commands probe first so that a wrong address fails fast (one-shot commands) or is reported while waiting (services).
 */
final class KafkaProbe {
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final int CONNECT_TIMEOUT_MS = 3000;

    private KafkaProbe() {}

    /** @throws Failure when Kafka does not answer as Kafka */
    static void require(Map<String, Object> settings, String addressOption) {
        String problem = problem(settings, addressOption, TIMEOUT);
        if (problem != null) throw new Failure(problem);
    }

    /**
     * Null when a broker answered a metadata request; otherwise the problem in one line.
     *
     * @param addressOption how the user names the address, e.g. {@code --bootstrap-servers}
     */
    static String problem(Map<String, Object> settings, String addressOption, Duration timeout) {
        String servers = String.valueOf(settings.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
        String fixAddress = "point " + addressOption + " at a broker";
        String unreachable = tcpProblem(servers);
        if (unreachable != null) {
            return "cannot reach Kafka at " + servers + " (" + unreachable + "): start the broker, or " + fixAddress;
        }
        Map<String, Object> admin = adminSettings(settings, timeout);
        int millis = (int) timeout.toMillis();
        Admin client = Admin.create(admin);
        try {
            client.describeCluster().nodes().get(millis + 1000L, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SslAuthenticationException) {
                return "TLS handshake with Kafka at " + servers + " failed (" + Failure.oneLine(Failure.messageOf(cause))
                        + "): make security.protocol and ssl.* (--config FILE or -D) match the broker's listener";
            }
            if (cause instanceof AuthenticationException) {
                return "Kafka at " + servers + " rejected the credentials (" + Failure.oneLine(Failure.messageOf(cause))
                        + "): check sasl.mechanism and sasl.jaas.config (--config FILE or -D)";
            }
            if (cause instanceof org.apache.kafka.common.errors.TimeoutException) return noAnswer(servers, admin, timeout, fixAddress);
            return "Kafka at " + servers + " failed to describe the cluster (" + Failure.oneLine(Failure.messageOf(cause))
                    + "): " + fixAddress;
        } catch (TimeoutException e) {
            return noAnswer(servers, admin, timeout, fixAddress);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking Kafka at " + servers;
        } finally {
            client.close(Duration.ZERO);
        }
    }

    /** The Admin client's share of a command's settings, with its request timeouts set to {@code timeout}. */
    static Map<String, Object> adminSettings(Map<String, Object> settings, Duration timeout) {
        Map<String, Object> admin = new HashMap<>();
        settings.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) admin.put(key, value);
        });
        int millis = (int) timeout.toMillis();
        admin.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        admin.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, millis);
        return admin;
    }

    private static String noAnswer(String servers, Map<String, Object> admin, Duration timeout, String fixAddress) {
        Object protocol = admin.getOrDefault(AdminClientConfig.SECURITY_PROTOCOL_CONFIG, "PLAINTEXT");
        return "Kafka at " + servers + " accepts connections but gave no Kafka answer within " + timeout.toSeconds()
                + " s with security.protocol=" + protocol + ": " + fixAddress + "'s listener, or set security.protocol"
                + " (--config FILE or -D) to what the listener expects";
    }

    /** Null when at least one bootstrap server accepts a TCP connection; otherwise why the first one did not. */
    private static String tcpProblem(String servers) {
        String first = null;
        for (String entry : servers.split(",")) {
            String server = entry.strip();
            int colon = server.lastIndexOf(':');
            if (colon < 0) return "'" + server + "' is not HOST:PORT";
            int port;
            try {
                port = Integer.parseInt(server.substring(colon + 1));
            } catch (NumberFormatException e) {
                return "'" + server + "' is not HOST:PORT";
            }
            InetSocketAddress address = new InetSocketAddress(server.substring(0, colon).replaceAll("^\\[|]$", ""), port);
            if (address.isUnresolved()) {
                if (first == null) first = "unknown host " + address.getHostString();
                continue;
            }
            try (Socket socket = new Socket()) {
                socket.connect(address, CONNECT_TIMEOUT_MS);
                return null;
            } catch (IOException e) {
                if (first == null) first = Failure.describe(e) + (servers.contains(",") ? " at " + server : "");
            }
        }
        return first;
    }
}
