package io.avrogate.cli;

import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import javax.net.ssl.SSLException;

/**
 * A dependency could not be used (unreachable, not what it should be, refused the credentials, a port taken): a
 * one-line reason that names the address, what was tried and the fix. {@link Main} prints it as
 * {@code avrogate: <reason>} and exits with {@link #EXIT_CODE}; docs/failures.md lists them.
 */
final class Failure extends RuntimeException {
    /** The exit code of a one-shot command that failed, including when a dependency could not be used. */
    static final int EXIT_CODE = 1;

    Failure(String reason) {
        super(reason);
    }

    /** The deepest cause of a kind that says what went wrong on the network, or null. */
    static Throwable networkCause(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException || t instanceof UnresolvedAddressException || t instanceof BindException
                    || t instanceof ConnectException || t instanceof NoRouteToHostException || t instanceof SSLException
                    || t instanceof HttpTimeoutException) {
                return t;
            }
            if (t.getCause() == t) break;
        }
        return null;
    }

    private static boolean has(Throwable error, Class<? extends Throwable> type) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (type.isInstance(t)) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** Whether the error, or one of its causes, is a port that could not be bound. */
    static boolean isPortInUse(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof BindException) return true;
            if (t.getMessage() != null && t.getMessage().contains("Address already in use")) return true;
            if (t.getCause() == t) break;
        }
        return false;
    }

    /** What went wrong, in a few words, for a network failure (or the error's own message). */
    static String describe(Throwable error) {
        if (has(error, UnknownHostException.class) || has(error, UnresolvedAddressException.class)) return "unknown host";
        Throwable cause = networkCause(error);
        if (cause instanceof NoRouteToHostException) return "no route to host";
        if (cause instanceof ConnectException) return "connection refused";
        if (cause instanceof HttpTimeoutException) return "no answer in time";
        if (cause instanceof SSLException) return "TLS handshake failed (" + oneLine(cause.getMessage()) + ")";
        return oneLine(messageOf(error));
    }

    /** The first non-empty message along the cause chain, or the class name: never "null". */
    static String messageOf(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) return t.getMessage();
            if (t.getCause() == t) break;
        }
        return error.getClass().getSimpleName();
    }

    static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
