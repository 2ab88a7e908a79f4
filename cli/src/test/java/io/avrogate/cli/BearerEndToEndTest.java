package io.avrogate.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;

/**
 * The pipeline against a registry with {@code authentication.method=BEARER}, validating JWTs with the JWK set of a
 * test issuer ({@code oauthbearer.jwks.endpoint.url}); clients fetch their tokens from the issuer's token endpoint
 * with the client-credentials grant ({@code bearer.auth.credentials.source=OAUTHBEARER}).
 */
class BearerEndToEndTest extends SecuredEndToEndTest {
    private final String clientSecret = "cs-" + UUID.randomUUID();
    private final String wrongSecret = "wrong-" + UUID.randomUUID();
    private TestTokenIssuer issuer;

    @Override
    Map<String, String> securitySettings() throws Exception {
        issuer = new TestTokenIssuer(Map.of(PRINCIPAL, clientSecret));
        return Map.of("listeners", "http://127.0.0.1:0",
                "authentication.method", "BEARER",
                "oauthbearer.jwks.endpoint.url", issuer.jwksUrl(),
                "oauthbearer.expected.issuer", issuer.issuer(),
                "oauthbearer.expected.audience", TestTokenIssuer.AUDIENCE);
    }

    @AfterAll
    void stopIssuer() {
        if (issuer != null) issuer.close();
    }

    private Map<String, String> client(String secret) {
        return Map.of("bearer.auth.credentials.source", "OAUTHBEARER",
                "bearer.auth.issuer.endpoint.url", issuer.tokenEndpoint(),
                "bearer.auth.client.id", PRINCIPAL,
                "bearer.auth.client.secret", secret,
                "bearer.auth.scope", "schemas");
    }

    @Override
    Map<String, String> rightClient() {
        return client(clientSecret);
    }

    @Override
    Map<String, String> wrongClient() {
        return client(wrongSecret);
    }

    @Override
    String refusal() {
        return "40101";
    }

    @Override
    List<String> secrets() {
        List<String> secrets = new ArrayList<>(List.of(clientSecret, wrongSecret));
        secrets.addAll(issuer.issued);
        return secrets;
    }
}
