package io.avrogate.server.auth;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * The authentication and authorization settings every avrogate listener reads, the same everywhere. Confluent's
 * names where Confluent has one ({@code authentication.method}, {@code authentication.realm}, the
 * {@code oauthbearer.*} names of its OAuth-enabled registry), Kafka's for the certificate principal
 * ({@code ssl.principal.mapping.rules}), ours under {@code avrogate.} otherwise. A service adds
 * {@link #CONFIG_DEF} to its own definition with {@link #addTo(ConfigDef)}.
 */
public final class AuthConfig extends AbstractConfig {
    public enum Method { NONE, BASIC, BEARER }

    public static final String METHOD = "authentication.method";
    public static final String REALM = "authentication.realm";
    public static final String CREDENTIALS_FILE = "avrogate.authentication.credentials.file";
    public static final String ANONYMOUS_ROLE = "avrogate.authentication.anonymous.role";
    public static final String MTLS_ENABLED = "avrogate.authentication.mtls.enabled";
    public static final String PRINCIPAL_MAPPING_RULES = "ssl.principal.mapping.rules";
    public static final String HEADER_MAX_CHARS = "avrogate.authentication.header.max.chars";
    public static final String FAILURE_LIMIT = "avrogate.authentication.failure.limit";
    public static final String FAILURE_LOCKOUT_MS = "avrogate.authentication.failure.lockout.ms";
    public static final String JWKS_URL = "oauthbearer.jwks.endpoint.url";
    public static final String PUBLIC_KEY_FILE = "avrogate.oauthbearer.public.key.location";
    public static final String ISSUER = "oauthbearer.expected.issuer";
    public static final String AUDIENCE = "oauthbearer.expected.audience";
    public static final String CLOCK_SKEW_SECONDS = "oauthbearer.clock.skew.seconds";
    public static final String PRINCIPAL_CLAIM = "oauthbearer.sub.claim.name";
    public static final String ROLES_CLAIM = "oauthbearer.groups.claim.name";
    public static final String ACL_FILE = "avrogate.authorization.acl.file";
    public static final String ACL_RELOAD_MS = "avrogate.authorization.acl.reload.ms";

    public static final ConfigDef CONFIG_DEF = addTo(new ConfigDef());

    /** Adds the authentication and authorization settings to a service's own definition. */
    public static ConfigDef addTo(ConfigDef def) {
        return def
                .define(METHOD, Type.STRING, "NONE", ConfigDef.CaseInsensitiveValidString.in("NONE", "BASIC", "BEARER"),
                        Importance.HIGH, "How clients authenticate: NONE, BASIC (HTTP Basic against the credentials"
                                + " file) or BEARER (signed JWTs, e.g. from an OIDC provider).")
                .define(REALM, Type.STRING, "avrogate", Importance.LOW,
                        "The realm named in the WWW-Authenticate challenge of a 401 answer.")
                .define(CREDENTIALS_FILE, Type.STRING, null, Importance.HIGH,
                        "BASIC: the credentials file, one 'user: hash[,role...]' line per user; the hash is written"
                                + " by 'avrogate passwd USER'. A line with a plain-text password stops startup. Re-read"
                                + " when it changes.")
                .define(ANONYMOUS_ROLE, Type.STRING, null, Importance.MEDIUM,
                        "When set, a request without credentials is let in as principal ANONYMOUS with this role"
                                + " instead of being answered 401; whatever the ACL grants it, it may only read.")
                .define(MTLS_ENABLED, Type.BOOLEAN, false, Importance.MEDIUM,
                        "A request that came over TLS with a verified client certificate and without an"
                                + " Authorization header is authenticated as the certificate's subject (mapped by "
                                + PRINCIPAL_MAPPING_RULES + "). Works alone (method NONE) or as a fallback.")
                .define(PRINCIPAL_MAPPING_RULES, Type.STRING, "DEFAULT", Importance.LOW,
                        "Kafka's rules mapping a certificate's subject DN to a principal name, e.g."
                                + " RULE:^CN=(.*?),.*$/$1/,DEFAULT. DEFAULT keeps the whole DN.")
                .define(HEADER_MAX_CHARS, Type.INT, 4096, ConfigDef.Range.between(64, 65536), Importance.LOW,
                        "A longer Authorization header is answered 401 without being parsed.")
                .define(FAILURE_LIMIT, Type.INT, 10, ConfigDef.Range.atLeast(1), Importance.LOW,
                        "After this many failed authentications in a row from one client address, its requests"
                                + " with credentials are answered 401 unchecked for "
                                + FAILURE_LOCKOUT_MS + ".")
                .define(FAILURE_LOCKOUT_MS, Type.LONG, 60_000L, ConfigDef.Range.atLeast(0), Importance.LOW,
                        "How long a client address that failed too often is refused without checking.")
                .define(JWKS_URL, Type.STRING, null, Importance.HIGH,
                        "BEARER: the URL of the issuer's JSON Web Key Set (cached, refetched for an unknown key id).")
                .define(PUBLIC_KEY_FILE, Type.STRING, null, Importance.HIGH,
                        "BEARER: instead of a JWKS URL, a local file holding a JWK set or a PEM public key (RSA or EC).")
                .define(ISSUER, Type.STRING, null, Importance.HIGH,
                        "BEARER: the required 'iss' claim; unset accepts any issuer.")
                .define(AUDIENCE, Type.LIST, "", Importance.HIGH,
                        "BEARER: accepted 'aud' values (a token must name one of them); empty accepts any audience.")
                .define(CLOCK_SKEW_SECONDS, Type.INT, 30, ConfigDef.Range.between(0, 3600), Importance.LOW,
                        "BEARER: tolerance when checking 'exp' and 'nbf'.")
                .define(PRINCIPAL_CLAIM, Type.STRING, "sub", Importance.MEDIUM,
                        "BEARER: the claim that names the principal.")
                .define(ROLES_CLAIM, Type.STRING, "groups", Importance.MEDIUM,
                        "BEARER: the claim holding the principal's roles: a list, or a string of names separated"
                                + " by spaces or commas; a dotted path reaches into objects (realm_access.roles).")
                .define(ACL_FILE, Type.STRING, null, Importance.HIGH,
                        "The ACL file (YAML). Once set, everything it does not grant is denied. Without it,"
                                + " every authenticated principal may do everything (and with method NONE, anyone).")
                .define(ACL_RELOAD_MS, Type.LONG, 5_000L, ConfigDef.Range.atLeast(100), Importance.LOW,
                        "How often the ACL and credentials files are checked for changes; an invalid new"
                                + " version is logged as an error and the last good one stays in force.");
    }

    public AuthConfig(Map<?, ?> props) {
        super(CONFIG_DEF, props, false);
        if (method() == Method.BASIC && getString(CREDENTIALS_FILE) == null) {
            throw new ConfigException(CREDENTIALS_FILE, null, "required when " + METHOD + " is BASIC");
        }
        if (method() == Method.BEARER && (getString(JWKS_URL) == null) == (getString(PUBLIC_KEY_FILE) == null)) {
            throw new ConfigException(JWKS_URL, getString(JWKS_URL),
                    "BEARER needs exactly one of " + JWKS_URL + " and " + PUBLIC_KEY_FILE);
        }
    }

    public Method method() {
        return Method.valueOf(getString(METHOD).trim().toUpperCase(Locale.ROOT));
    }

    public List<String> audiences() {
        return getList(AUDIENCE);
    }
}
