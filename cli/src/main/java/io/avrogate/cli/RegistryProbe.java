package io.avrogate.cli;

import io.avrogate.registry.client.RegistryClientConfig;
import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLException;

/**
 * Asks the registry for its global compatibility level ({@code GET /config}, which every Confluent-compatible
 * registry answers), once and without retries, and says in one line why it could not be used: unreachable, not a
 * schema registry, TLS, credentials. Commands probe before doing anything, so that e.g. {@code register} never sends
 * a write to a web server that is not a registry.
 */
final class RegistryProbe {
    private static final String ADDRESS_FIX = "point --registry (SCHEMA_REGISTRY_URL, schema.registry.url in --config) at it";

    private RegistryProbe() {}

    /** @throws Failure when the registry cannot be used */
    static void require(Map<String, Object> settings) {
        String problem = problem(settings);
        if (problem != null) throw new Failure(problem);
    }

    /**
     * Null when a schema registry answered; otherwise the problem in one line.
     *
     * @throws Failure when the registry refused the credentials or the TLS handshake: problems that waiting does not solve
     */
    static String problem(Map<String, Object> settings) {
        String url = RegistryClientOptions.displayUrl(settings);
        Map<String, Object> once = new HashMap<>(settings);
        once.put(RegistryClientConfig.MAX_RETRIES, 0);
        once.putIfAbsent(RegistryClientConfig.HTTP_CONNECT_TIMEOUT_MS, 5000);
        once.putIfAbsent(RegistryClientConfig.HTTP_READ_TIMEOUT_MS, 8000);
        try (SchemaRegistryClient client = SchemaRegistryClients.create(once)) {
            String level = client.compatibilityLevel(null);
            if (level == null || level.isBlank()) return notARegistry(url, "an answer without compatibilityLevel");
            return null;
        } catch (RegistryClientException e) {
            return explain(url, e);
        } catch (RuntimeException e) {
            // e.g. a JSON answer of another shape
            return notARegistry(url, Failure.oneLine(Failure.messageOf(e)));
        }
    }

    private static String explain(String url, RegistryClientException e) {
        if (e.status() == RegistryClientException.UNREACHABLE) {
            Throwable cause = Failure.networkCause(e);
            String what = Failure.describe(e);
            if (cause instanceof SSLException) {
                // A server that answers TLS is up: waiting does not change its certificate, or ours.
                throw new Failure("TLS handshake with the schema registry at " + url + " failed ("
                        + Failure.oneLine(cause.getMessage()) + "): use http:// if it serves plain HTTP, trust its"
                        + " certificate with schema.registry.ssl.truststore.location, or present one it trusts with"
                        + " schema.registry.ssl.keystore.location (--config FILE or -D)");
            }
            if (cause == null) {
                // Connected, but no HTTP answer: typically plain HTTP sent to a TLS listener.
                return "the schema registry at " + url + " closed the connection without an HTTP answer ("
                        + Failure.oneLine(Failure.messageOf(e)) + "): use https:// if it serves TLS, or " + ADDRESS_FIX;
            }
            return "cannot reach the schema registry at " + url + " (" + what + "): start it, or " + ADDRESS_FIX;
        }
        // Waiting cannot fix credentials: a service gives up at once instead of retrying until --startup-timeout.
        if (e.status() == 401) {
            throw new Failure("the schema registry at " + url + " rejected the credentials (HTTP 401, error code "
                    + e.errorCode() + "): set --registry-user USER:PASSWORD, SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO, or"
                    + " basic.auth.user.info / bearer.auth.* in --config FILE");
        }
        if (e.status() == 403) {
            throw new Failure("the schema registry at " + url + " refused access (HTTP 403, error code " + e.errorCode()
                    + "): give the user a role that may read /config in the registry's ACL, or use other credentials"
                    + " (--registry-user, --config FILE)");
        }
        if (e.status() >= 500 && e.errorCode() != e.status()) {
            return "the schema registry at " + url + " answered HTTP " + e.status() + " (" + Failure.oneLine(e.getMessage())
                    + "): it is not ready; see its log";
        }
        return notARegistry(url, "HTTP " + e.status() + ": " + Failure.oneLine(e.getMessage()));
    }

    private static String notARegistry(String url, String answer) {
        return "the server at " + url + " is not a schema registry (GET /config answered " + answer + "): " + ADDRESS_FIX
                + ", the base URL of a Confluent-compatible registry";
    }
}
