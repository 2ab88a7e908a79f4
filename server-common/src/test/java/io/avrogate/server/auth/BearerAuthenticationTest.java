package io.avrogate.server.auth;

import static io.avrogate.server.auth.TestApp.bearer;
import static io.avrogate.server.auth.TestApp.settings;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.javalin.Javalin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bearer JWTs checked against a JWK set the test itself serves over HTTP, like an OIDC provider would. */
class BearerAuthenticationTest {
    static final String ISSUER = "https://issuer.test/realms/avrogate";
    static RSAKey rsa;
    static ECKey ec;
    static Javalin issuer;
    static final AtomicInteger jwksFetches = new AtomicInteger();
    static TestApp app;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        rsa = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        ec = new ECKeyGenerator(Curve.P_256).keyID("ec-1").generate();
        String jwks = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
        issuer = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.routes.get("/jwks", ctx -> {
                jwksFetches.incrementAndGet();
                ctx.contentType("application/json").result(jwks);
            });
        }).start("127.0.0.1", 0);
        app = TestApp.start(TestApp.accessControl(settings(AuthConfig.METHOD, "BEARER",
                AuthConfig.JWKS_URL, "http://127.0.0.1:" + issuer.port() + "/jwks",
                AuthConfig.ISSUER, ISSUER, AuthConfig.AUDIENCE, "avrogate-registry,other",
                AuthConfig.PRINCIPAL_CLAIM, "preferred_username", AuthConfig.ROLES_CLAIM, "realm_access.roles",
                AuthConfig.CLOCK_SKEW_SECONDS, "30", AuthConfig.FAILURE_LIMIT, "100000")));
    }

    @AfterAll
    static void stop() {
        if (app != null) app.close();
        if (issuer != null) issuer.stop();
    }

    static JWTClaimsSet.Builder claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(ISSUER).audience("avrogate-registry").subject("0b5f-uuid")
                .claim("preferred_username", "alice").claim("realm_access", Map.of("roles", List.of("admins", "ops")))
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)));
    }

    static String rsaToken(UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        return sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").type(JOSEObjectType.JWT).build(), rsa, change);
    }

    static String sign(JWSHeader header, Object key, UnaryOperator<JWTClaimsSet.Builder> change) throws Exception {
        SignedJWT jwt = new SignedJWT(header, change.apply(claims()).build());
        if (key instanceof RSAKey r) jwt.sign(new RSASSASigner(r));
        else if (key instanceof ECKey e) jwt.sign(new ECDSASigner(e));
        else jwt.sign(new MACSigner((byte[]) key));
        return jwt.serialize();
    }

    @Test
    void aValidTokenNamesThePrincipalAndRolesFromTheConfiguredClaims() throws Exception {
        TestApp.Response r = app.send("GET", "/whoami", bearer(rsaToken(c -> c)));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("alice [admins, ops]");
        String ecToken = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), ec,
                c -> c.claim("realm_access", Map.of("roles", List.of("readers"))).audience("other"));
        assertThat(app.send("GET", "/whoami", bearer(ecToken)).body()).isEqualTo("alice [readers]");
        // Within the clock skew, an expired token still passes.
        assertThat(app.send("GET", "/whoami", bearer(rsaToken(c -> c.expirationTime(Date.from(Instant.now().minusSeconds(10))))))
                .status()).isEqualTo(200);
        assertThat(jwksFetches.get()).isPositive();
    }

    @Test
    void badTokensGet401NeverA5xx() throws Exception {
        Instant now = Instant.now();
        RSAKey otherKeySameId = new RSAKeyGenerator(2048).keyID("rsa-1").generate();
        RSAKey unknownKey = new RSAKeyGenerator(2048).keyID("rsa-unknown").generate();
        String valid = rsaToken(c -> c);
        String[] parts = valid.split("\\.");
        Map<String, String> tokens = new java.util.LinkedHashMap<>();
        tokens.put("expired", rsaToken(c -> c.expirationTime(Date.from(now.minusSeconds(120)))));
        tokens.put("not yet valid", rsaToken(c -> c.notBeforeTime(Date.from(now.plusSeconds(120)))));
        tokens.put("wrong audience", rsaToken(c -> c.audience("someone-else")));
        tokens.put("no audience", rsaToken(c -> c.audience((String) null)));
        tokens.put("wrong issuer", rsaToken(c -> c.issuer("https://evil.test")));
        tokens.put("no expiry", rsaToken(c -> c.expirationTime(null)));
        tokens.put("no principal claim", rsaToken(c -> c.claim("preferred_username", null)));
        tokens.put("unsigned (alg none)", new PlainJWT(claims().build()).serialize());
        tokens.put("alg none with a signature", "eyJhbGciOiJub25lIn0." + parts[1] + "." + parts[2]);
        tokens.put("wrong key, same key id", sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-1").build(), otherKeySameId, c -> c));
        tokens.put("unknown key", sign(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("rsa-unknown").build(), unknownKey, c -> c));
        tokens.put("HS256 keyed with the public key", sign(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("rsa-1").build(),
                rsa.toPublicJWK().toRSAPublicKey().getEncoded(), c -> c));
        tokens.put("tampered payload", parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims().claim("realm_access", Map.of("roles", List.of("admins", "root"))).build().toString().getBytes()) + "." + parts[2]);
        tokens.put("signature cut off", parts[0] + "." + parts[1] + ".");
        tokens.put("oversized", rsaToken(c -> c.claim("padding", "p".repeat(5000))));
        tokens.put("garbage", "not-a-jwt");
        tokens.put("three garbage parts", "a.b.c");
        tokens.put("five parts (JWE-shaped)", "a.b.c.d.e");
        tokens.put("empty", "");
        for (Map.Entry<String, String> t : tokens.entrySet()) {
            TestApp.Response r = app.send("GET", "/whoami", bearer(t.getValue()));
            assertThat(r.status()).as(t.getKey() + ": " + r.body()).isEqualTo(401);
            assertThat(r.body()).as(t.getKey()).contains("\"error_code\":40101");
            assertThat(r.header("WWW-Authenticate")).as(t.getKey()).startsWith("Bearer realm=");
            if (t.getValue().length() > 20) assertThat(r.body()).as(t.getKey()).doesNotContain(t.getValue().substring(0, 20));
        }
        assertThat(app.send("GET", "/whoami", TestApp.basic("alice", "pw")).status()).as("wrong scheme").isEqualTo(401);
        assertThat(app.send("GET", "/whoami", null).status()).as("no token").isEqualTo(401);
    }

    @Test
    void aLocalPemPublicKeyWorksInsteadOfAJwksUrl() throws Exception {
        Path pem = dir.resolve("issuer.pem");
        Files.writeString(pem, "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsa.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
        try (TestApp local = TestApp.start(TestApp.accessControl(settings(AuthConfig.METHOD, "BEARER",
                AuthConfig.PUBLIC_KEY_FILE, pem.toString(), AuthConfig.PRINCIPAL_CLAIM, "sub")))) {
            assertThat(local.send("GET", "/whoami", bearer(rsaToken(c -> c))).body()).isEqualTo("0b5f-uuid []");
            String ecToken = sign(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("ec-1").build(), ec, c -> c);
            assertThat(local.send("GET", "/whoami", bearer(ecToken)).status()).isEqualTo(401);
        }
    }
}
