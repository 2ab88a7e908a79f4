package io.avrogate.cli;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny OAuth 2.0 authorization server for tests, on a real loopback port: {@code POST /token} implements the
 * client-credentials grant (client_secret_basic) and answers RS256 JWTs signed with a key made at start;
 * {@code GET /jwks} serves its public half. The tokens it issued are kept, so tests can check none leaks.
 */
final class TestTokenIssuer implements AutoCloseable {
    static final String AUDIENCE = "avrogate-registry";

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, String> clientSecrets;
    final List<String> issued = new CopyOnWriteArrayList<>();

    TestTokenIssuer(Map<String, String> clientSecrets) throws Exception {
        this.clientSecrets = Map.copyOf(clientSecrets);
        this.key = new RSAKeyGenerator(2048).keyID("test-" + UUID.randomUUID()).generate();
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::token);
        server.createContext("/jwks", exchange -> answer(exchange, 200, new JWKSet(key.toPublicJWK()).toString()));
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String tokenEndpoint() {
        return issuer() + "/token";
    }

    String jwksUrl() {
        return issuer() + "/jwks";
    }

    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String client = authenticatedClient(exchange.getRequestHeaders().getFirst("Authorization"));
        if (!"POST".equals(exchange.getRequestMethod()) || client == null || !form.contains("grant_type=client_credentials")) {
            answer(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE).subject(client)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            String token = jwt.serialize();
            issued.add(token);
            answer(exchange, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":300}");
        } catch (Exception e) {
            answer(exchange, 500, "{\"error\":\"server_error\"}");
        }
    }

    /** The client id when the Basic credentials name a known client with its secret; null otherwise. */
    private String authenticatedClient(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) return null;
        String decoded = new String(Base64.getDecoder().decode(authorization.substring(6)), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        if (colon < 0) return null;
        String id = decoded.substring(0, colon);
        return decoded.substring(colon + 1).equals(clientSecrets.get(id)) ? id : null;
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        try (exchange) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
