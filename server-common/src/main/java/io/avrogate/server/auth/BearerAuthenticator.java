package io.avrogate.server.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.BadJWTException;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bearer JWTs, checked by Nimbus: an RSA or EC signature by a key of the configured JWK set (remote, cached, or a
 * local file), the issuer and audience, {@code exp} (required) and {@code nbf} with the configured clock skew.
 * Unsigned ({@code alg: none}) and HMAC tokens are refused: a verifier that only holds public keys must never
 * accept a token it could have forged itself.
 */
final class BearerAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(BearerAuthenticator.class);
    private static final int JWKS_TIMEOUT_MS = 5_000;
    private static final int JWKS_MAX_BYTES = 512 * 1024;

    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
    private final String principalClaim;
    private final String rolesClaim;

    BearerAuthenticator(AuthConfig config) {
        this(keySource(config), config);
    }

    BearerAuthenticator(JWKSource<SecurityContext> keys, AuthConfig config) {
        this.principalClaim = config.getString(AuthConfig.PRINCIPAL_CLAIM);
        this.rolesClaim = config.getString(AuthConfig.ROLES_CLAIM);
        Set<JWSAlgorithm> algorithms = new HashSet<>(JWSAlgorithm.Family.RSA);
        algorithms.addAll(JWSAlgorithm.Family.EC);
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // RFC 9068 access tokens are typed at+jwt; most providers send JWT or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        String issuer = config.getString(AuthConfig.ISSUER);
        Set<String> audiences = config.audiences().isEmpty() ? null : Set.copyOf(config.audiences());
        JWTClaimsSet exact = issuer == null ? new JWTClaimsSet.Builder().build() : new JWTClaimsSet.Builder().issuer(issuer).build();
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(audiences, exact,
                Set.of("exp", principalClaim), null);
        claims.setMaxClockSkew(config.getInt(AuthConfig.CLOCK_SKEW_SECONDS));
        processor.setJWTClaimsSetVerifier(claims);
    }

    Principal authenticate(String token) throws AuthenticationFailed {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token.strip(), null);
        } catch (ParseException e) {
            throw new AuthenticationFailed("Malformed bearer token");
        } catch (BadJWTException e) {
            throw new AuthenticationFailed("Bearer token rejected: " + e.getMessage());
        } catch (BadJOSEException e) {
            throw new AuthenticationFailed("Bearer token rejected: " + e.getMessage());
        } catch (JOSEException e) {
            log.warn("cannot verify bearer tokens: {}", e.getMessage());
            throw new AuthenticationFailed("Bearer token could not be verified");
        }
        Object principal = claims.getClaim(principalClaim);
        if (!(principal instanceof String name) || name.isBlank()) {
            throw new AuthenticationFailed("Bearer token has no principal in claim '" + principalClaim + "'");
        }
        return Principal.of(name, roles(claims.getClaims()));
    }

    private List<String> roles(Map<String, Object> claims) {
        Object value = claims;
        for (String step : rolesClaim.split("\\.")) {
            if (!(value instanceof Map<?, ?> map)) return List.of();
            value = map.get(step);
        }
        if (value instanceof String text) return Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        if (value instanceof List<?> list) return list.stream().filter(String.class::isInstance).map(String.class::cast).toList();
        return List.of();
    }

    private static JWKSource<SecurityContext> keySource(AuthConfig config) {
        String url = config.getString(AuthConfig.JWKS_URL);
        if (url != null) {
            try {
                return JWKSourceBuilder.<SecurityContext>create(URI.create(url).toURL(),
                        new DefaultResourceRetriever(JWKS_TIMEOUT_MS, JWKS_TIMEOUT_MS, JWKS_MAX_BYTES)).build();
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(AuthConfig.JWKS_URL, url, "not a URL: " + e.getMessage());
            }
        }
        String file = config.getString(AuthConfig.PUBLIC_KEY_FILE);
        try {
            JWKSet keys = localKeys(Files.readString(Path.of(file), StandardCharsets.UTF_8)).toPublicJWKSet();
            // A PEM key has no key id; the tokens its issuer signs may still carry one, which then cannot match.
            return (selector, context) -> {
                List<JWK> matching = selector.select(keys);
                if (!matching.isEmpty()) return matching;
                return keys.getKeys().stream().filter(k -> k.getKeyID() == null
                        && selector.getMatcher().getKeyTypes() != null
                        && selector.getMatcher().getKeyTypes().contains(k.getKeyType())).toList();
            };
        } catch (IOException | ParseException | GeneralSecurityException | JOSEException | IllegalArgumentException e) {
            throw new ConfigException(AuthConfig.PUBLIC_KEY_FILE, file, "not a readable JWK set, PEM public key or certificate: "
                    + e.getMessage());
        }
    }

    /** A JWK set, a single JWK, a PEM public key (RSA or EC) or a PEM certificate. */
    static JWKSet localKeys(String text) throws ParseException, GeneralSecurityException, JOSEException {
        String trimmed = text.strip();
        if (trimmed.startsWith("{")) {
            return trimmed.contains("\"keys\"") ? JWKSet.parse(trimmed) : new JWKSet(JWK.parse(trimmed));
        }
        if (trimmed.startsWith("-----BEGIN CERTIFICATE-----")) {
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(trimmed.getBytes(StandardCharsets.US_ASCII)));
            return new JWKSet(JWK.parse(cert));
        }
        if (trimmed.startsWith("-----BEGIN PUBLIC KEY-----")) {
            byte[] der = Base64.getMimeDecoder().decode(trimmed.replaceAll("-----[A-Z ]+-----", ""));
            PublicKey key;
            try {
                key = KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
            } catch (GeneralSecurityException notRsa) {
                key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
            }
            if (key instanceof RSAPublicKey rsa) return new JWKSet(new RSAKey.Builder(rsa).build());
            ECPublicKey ec = (ECPublicKey) key;
            return new JWKSet(new ECKey.Builder(Curve.forECParameterSpec(ec.getParams()), ec).build());
        }
        throw new IllegalArgumentException("expected JSON or PEM");
    }
}
