package io.avrogate.server.auth;

import io.avrogate.server.ErrorBody;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authentication and authorization behind one call. A service describes what each of its routes needs with a
 * {@code Context -> Permission} function and installs {@link #handler(Function)} as a before-matched handler (after
 * routing, so path parameters are known); requests that may not proceed are answered 401 (with a
 * {@code WWW-Authenticate} challenge) or 403 in Confluent's error shape and go no further. Malformed credentials are
 * always a 401, never a 5xx, and no answer or log line repeats a secret.
 * <p>
 * With method NONE and no ACL file everything is open ({@link #open()}); otherwise a request needs a principal
 * (credentials, a client certificate, or the anonymous role) and, once an ACL file is configured, a grant.
 */
public final class AccessControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AccessControl.class);
    public static final int UNAUTHORIZED_CODE = 40101;
    public static final int FORBIDDEN_CODE = 40301;

    private final AuthConfig.Method method;
    private final String realm;
    private final int headerMaxChars;
    private final String anonymousRole;
    private final BasicAuthenticator basic;
    private final BearerAuthenticator bearer;
    private final ClientCertificates certificates;
    private final FailedAttempts failures;
    private final WatchedFile<Acl> acl;
    private final WatchedFile<CredentialsFile> credentials;
    private final IntFunction<Collection<String>> subjectsOfId;
    private final ScheduledExecutorService reloader;

    private AccessControl(AuthConfig config, IntFunction<Collection<String>> subjectsOfId) {
        this.method = config.method();
        this.realm = config.getString(AuthConfig.REALM).replace("\"", "'");
        this.headerMaxChars = config.getInt(AuthConfig.HEADER_MAX_CHARS);
        this.anonymousRole = config.getString(AuthConfig.ANONYMOUS_ROLE);
        this.subjectsOfId = subjectsOfId;
        this.failures = new FailedAttempts(config.getInt(AuthConfig.FAILURE_LIMIT),
                config.getLong(AuthConfig.FAILURE_LOCKOUT_MS), System::currentTimeMillis);
        String aclFile = config.getString(AuthConfig.ACL_FILE);
        this.acl = aclFile == null ? null : new WatchedFile<>(Path.of(aclFile), Acl::parse);
        this.credentials = method == AuthConfig.Method.BASIC
                ? new WatchedFile<>(Path.of(config.getString(AuthConfig.CREDENTIALS_FILE)), CredentialsFile::parse) : null;
        this.basic = credentials == null ? null : new BasicAuthenticator(credentials::get);
        this.bearer = method == AuthConfig.Method.BEARER ? new BearerAuthenticator(config) : null;
        this.certificates = config.getBoolean(AuthConfig.MTLS_ENABLED)
                ? new ClientCertificates(config.getString(AuthConfig.PRINCIPAL_MAPPING_RULES)) : null;
        if (acl != null || credentials != null) {
            long every = config.getLong(AuthConfig.ACL_RELOAD_MS);
            reloader = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "access-control-reload");
                t.setDaemon(true);
                return t;
            });
            reloader.scheduleWithFixedDelay(this::refresh, every, every, TimeUnit.MILLISECONDS);
        } else {
            reloader = null;
        }
    }

    /**
     * Reads the files the config names; a missing or invalid credentials or ACL file fails here, at startup.
     *
     * @param subjectsOfId the subjects that hold a schema id (for services without schema ids: {@code id -> List.of()})
     */
    public static AccessControl create(AuthConfig config, IntFunction<Collection<String>> subjectsOfId) {
        AccessControl control = new AccessControl(config, subjectsOfId);
        log.info("authentication {}{}, authorization {}", control.method,
                control.certificates == null ? "" : " (or client certificate)",
                control.acl == null ? "off (every authenticated principal may do everything)" : "by ACL file");
        return control;
    }

    /** Whether anyone may do anything (method NONE, no ACL): the listener should warn when not on loopback. */
    public boolean open() {
        return method == AuthConfig.Method.NONE && acl == null;
    }

    /** The before-matched handler for a service whose routes need what {@code routePermission} says. */
    public Handler handler(Function<Context, Permission> routePermission) {
        return ctx -> {
            if (!check(ctx, routePermission.apply(ctx))) ctx.skipRemainingHandlers();
        };
    }

    /**
     * Authenticates and authorizes the request; when it may not proceed, writes the 401 or 403 answer and returns
     * false (the caller then stops). The principal is left on the request as {@link Principal#ATTRIBUTE}.
     */
    public boolean check(Context ctx, Permission required) {
        if (required.kind() == Permission.Kind.PUBLIC || open()) return true;
        Principal principal;
        try {
            principal = authenticate(ctx);
        } catch (AuthenticationFailed e) {
            challenge(ctx, e.getMessage());
            return false;
        }
        if (principal == null) {
            challenge(ctx, "Authentication required");
            return false;
        }
        ctx.attribute(Principal.ATTRIBUTE, principal);
        if (allows(principal, required)) return true;
        if (principal.anonymous() && method != AuthConfig.Method.NONE) {
            challenge(ctx, "Authentication required for " + required);
        } else {
            ErrorBody.write(ctx, 403, FORBIDDEN_CODE, "User " + principal.name() + " is not authorized for " + required);
        }
        return false;
    }

    /** Whether the principal may do what the permission says (for filtering answers, like GET /subjects). */
    public boolean allows(Principal principal, Permission required) {
        Acl current = acl == null ? null : acl.get();
        if (current != null) return current.allows(principal, required, subjectsOfId);
        // No ACL: authentication alone decides; the anonymous role reads.
        return !principal.anonymous() || required.operation() == null || required.operation() == Operation.READ;
    }

    /** The subjects the request's principal may read, for routes that list subjects instead of denying. */
    public Predicate<String> readableSubjects(Context ctx) {
        Principal principal = ctx.attribute(Principal.ATTRIBUTE);
        if (open() || principal == null) return s -> open();
        return s -> allows(principal, Permission.subject(Operation.READ, s));
    }

    /** The principal the request was authenticated as, or null (open listener, public route). */
    public static Principal principal(Context ctx) {
        return ctx.attribute(Principal.ATTRIBUTE);
    }

    private Principal authenticate(Context ctx) throws AuthenticationFailed {
        String header = ctx.header("Authorization");
        if (header != null && method != AuthConfig.Method.NONE) {
            String address = ctx.ip();
            if (failures.lockedOut(address)) throw new AuthenticationFailed("Too many failed attempts; try again later");
            try {
                Principal p = credentialsFrom(header);
                failures.succeeded(address);
                return p;
            } catch (AuthenticationFailed e) {
                failures.failed(address);
                throw e;
            }
        }
        if (certificates != null) {
            Principal p = certificates.principal(ctx);
            if (p != null) return p;
        }
        if (anonymousRole != null || method == AuthConfig.Method.NONE) return Principal.anonymous(anonymousRole);
        return null;
    }

    private Principal credentialsFrom(String header) throws AuthenticationFailed {
        if (header.length() > headerMaxChars) throw new AuthenticationFailed("Authorization header too long");
        String expected = method == AuthConfig.Method.BASIC ? "basic" : "bearer";
        int space = header.indexOf(' ');
        String scheme = (space < 0 ? header : header.substring(0, space)).toLowerCase(Locale.ROOT);
        if (!scheme.equals(expected)) {
            throw new AuthenticationFailed("Expected " + (method == AuthConfig.Method.BASIC ? "Basic" : "Bearer")
                    + " credentials in the Authorization header");
        }
        String credentials = header.substring(space + 1).strip();
        if (credentials.isEmpty()) throw new AuthenticationFailed("Empty credentials in the Authorization header");
        return method == AuthConfig.Method.BASIC ? basic.authenticate(credentials) : bearer.authenticate(credentials);
    }

    private void challenge(Context ctx, String message) {
        if (method == AuthConfig.Method.NONE) {
            // Nothing to challenge with (a 401 must name a scheme): only a client certificate could have failed.
            ErrorBody.write(ctx, 403, FORBIDDEN_CODE, message);
            return;
        }
        if (method == AuthConfig.Method.BASIC) {
            ctx.header("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
        } else if (method == AuthConfig.Method.BEARER) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"" + realm + "\"");
        }
        ErrorBody.write(ctx, 401, UNAUTHORIZED_CODE, message);
    }

    /** Re-reads the ACL and credentials files if they changed (also done on a timer). */
    public void refresh() {
        if (acl != null) acl.refresh();
        if (credentials != null) credentials.refresh();
    }

    @Override
    public void close() {
        if (reloader != null) reloader.shutdownNow();
    }
}
