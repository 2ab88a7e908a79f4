package io.avrogate.server.auth;

/** Credentials were presented and are not good; the message is safe to send to the client (no secrets in it). */
final class AuthenticationFailed extends Exception {
    AuthenticationFailed(String message) {
        super(message, null, false, false);
    }
}
