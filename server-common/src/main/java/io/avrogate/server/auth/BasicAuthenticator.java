package io.avrogate.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HTTP Basic against the credentials file. A slow hash per request would cap a registry at a few requests per
 * second per core, and clients send their credentials with every request, so a verified password is remembered
 * per user as an HMAC under a key that exists only in this process; the password itself is never kept. The memory
 * is dropped when the credentials file changes. An unknown user costs a hash too, so timing does not tell which
 * user names exist.
 */
final class BasicAuthenticator {
    private static final PasswordHash DUMMY = PasswordHash.create("not a password".toCharArray(), PasswordHash.MIN_ITERATIONS);

    private final Supplier<CredentialsFile> credentials;
    private final byte[] memoryKey = new byte[32];
    /** user -> HMAC of the password last verified for them, with the credentials file it was verified against. */
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(CredentialsFile against, byte[] mac) {}

    BasicAuthenticator(Supplier<CredentialsFile> credentials) {
        this.credentials = credentials;
        new SecureRandom().nextBytes(memoryKey);
    }

    /** {@code encoded} is what follows "Basic " in the header. */
    Principal authenticate(String encoded) throws AuthenticationFailed {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationFailed("Malformed Basic credentials: not base64");
        }
        int colon = indexOf(decoded, (byte) ':');
        if (colon < 0) {
            Arrays.fill(decoded, (byte) 0);
            throw new AuthenticationFailed("Malformed Basic credentials: no ':' between user and password");
        }
        String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
        char[] password = PasswordHash.chars(Arrays.copyOfRange(decoded, colon + 1, decoded.length));
        Arrays.fill(decoded, (byte) 0);
        try {
            CredentialsFile file = credentials.get();
            CredentialsFile.User known = file.user(user);
            byte[] mac = mac(user, password);
            Verified remembered = verified.get(user);
            if (known != null && remembered != null && remembered.against() == file
                    && MessageDigest.isEqual(remembered.mac(), mac)) {
                return Principal.of(user, known.roles());
            }
            boolean ok = (known == null ? DUMMY : known.hash()).matches(password) && known != null;
            if (!ok) throw new AuthenticationFailed("Invalid user name or password");
            verified.put(user, new Verified(file, mac));
            return Principal.of(user, known.roles());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private byte[] mac(String user, char[] password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(memoryKey, "HmacSHA256"));
            mac.update(user.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            java.nio.ByteBuffer bytes = StandardCharsets.UTF_8.encode(java.nio.CharBuffer.wrap(password));
            mac.update(bytes);
            Arrays.fill(bytes.array(), (byte) 0);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static int indexOf(byte[] bytes, byte b) {
        for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
