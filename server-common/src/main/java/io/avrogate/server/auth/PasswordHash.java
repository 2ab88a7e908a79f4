package io.avrogate.server.auth;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A salted, slow password hash: PBKDF2-HMAC-SHA256 from the JDK, written as
 * {@code $pbkdf2-sha256$<iterations>$<salt>$<hash>} (unpadded base64). Verification recomputes the hash with the
 * stored salt and iteration count and compares in constant time.
 */
public final class PasswordHash {
    public static final String PREFIX = "$pbkdf2-sha256$";
    /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;
    /** Below this a hash is too cheap to brute-force to be worth calling slow; such lines are refused. */
    public static final int MIN_ITERATIONS = 10_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final int iterations;
    private final byte[] salt;
    private final byte[] hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash) {
        this.iterations = iterations;
        this.salt = salt;
        this.hash = hash;
    }

    /** Hashes a password with a fresh random salt. */
    public static PasswordHash create(char[] password, int iterations) {
        if (iterations < MIN_ITERATIONS) throw new IllegalArgumentException("at least " + MIN_ITERATIONS + " iterations");
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(iterations, salt, derive(password, salt, iterations));
    }

    public static PasswordHash create(char[] password) {
        return create(password, DEFAULT_ITERATIONS);
    }

    /** Whether the text looks like one of our hashes at all (a credentials line without one holds a plain password). */
    public static boolean looksLikeHash(String text) {
        return text.startsWith(PREFIX);
    }

    /** Parses the encoded form; the message never repeats the text, which might be a password typed in by mistake. */
    public static PasswordHash parse(String encoded) {
        if (!looksLikeHash(encoded)) throw new IllegalArgumentException("not a " + PREFIX + " hash");
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) throw new IllegalArgumentException("a hash has the form " + PREFIX + "<iterations>$<salt>$<hash>");
        try {
            int iterations = Integer.parseInt(parts[0]);
            if (iterations < MIN_ITERATIONS) {
                throw new IllegalArgumentException("the hash uses " + iterations + " iterations, fewer than " + MIN_ITERATIONS);
            }
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] hash = Base64.getDecoder().decode(parts[2]);
            if (salt.length < 8 || hash.length != HASH_BITS / 8) throw new IllegalArgumentException("salt or hash has the wrong length");
            return new PasswordHash(iterations, salt, hash);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the iteration count is not a number");
        }
    }

    /** Constant-time with respect to the password: the whole derived hash is always compared. */
    public boolean matches(char[] password) {
        return MessageDigest.isEqual(hash, derive(password, salt, iterations));
    }

    public String encoded() {
        return PREFIX + iterations + "$" + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    @Override
    public String toString() {
        return encoded();
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    /** UTF-8 bytes to chars without an intermediate String, so the caller can wipe both. */
    static char[] chars(byte[] utf8) {
        CharBuffer buffer = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(utf8));
        char[] out = Arrays.copyOfRange(buffer.array(), buffer.position(), buffer.limit());
        Arrays.fill(buffer.array(), '\0');
        return out;
    }
}
