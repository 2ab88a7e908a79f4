package io.avrogate.server.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BASIC credentials file: one {@code user: $pbkdf2-sha256$...[,role...]} line per user, {@code #} comments and
 * blank lines allowed (the shape of Jetty's and Confluent's realm property files, with a hash where they allow a
 * password). A line whose password is not a hash is refused, naming the file, the line and the user but never the
 * text that might be a password.
 */
public final class CredentialsFile {
    record User(String name, PasswordHash hash, List<String> roles) {}

    private final Map<String, User> users;

    private CredentialsFile(Map<String, User> users) {
        this.users = users;
    }

    User user(String name) {
        return users.get(name);
    }

    int size() {
        return users.size();
    }

    static CredentialsFile parse(Path file, byte[] content) {
        Map<String, User> users = new HashMap<>();
        String[] lines = new String(content, StandardCharsets.UTF_8).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String where = file + " line " + (i + 1);
            int colon = line.indexOf(':');
            if (colon <= 0) throw new IllegalArgumentException(where + ": expected 'user: hash[,role...]'");
            String name = line.substring(0, colon).strip();
            String[] fields = line.substring(colon + 1).split(",");
            String secret = fields[0].strip();
            if (!PasswordHash.looksLikeHash(secret)) {
                throw new IllegalArgumentException(where + ": the password of user '" + name + "' is not a salted hash"
                        + " (plain-text passwords are refused); write the line with 'avrogate passwd " + name + "'");
            }
            PasswordHash hash;
            try {
                hash = PasswordHash.parse(secret);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": user '" + name + "': " + e.getMessage());
            }
            List<String> roles = Arrays.stream(fields).skip(1).map(String::strip).filter(r -> !r.isEmpty()).toList();
            if (users.put(name, new User(name, hash, roles)) != null) {
                throw new IllegalArgumentException(where + ": user '" + name + "' is defined twice");
            }
        }
        return new CredentialsFile(users);
    }

    /** The line {@code avrogate passwd} prints. */
    public static String line(String user, PasswordHash hash, List<String> roles) {
        if (user.isEmpty() || user.contains(":") || user.strip().length() != user.length()) {
            throw new IllegalArgumentException("a user name must be non-empty, without ':' or surrounding spaces");
        }
        StringBuilder out = new StringBuilder(user).append(": ").append(hash.encoded());
        for (String role : roles) {
            if (role.isBlank() || role.contains(",")) throw new IllegalArgumentException("a role name must be non-empty, without ','");
            out.append(',').append(role.strip());
        }
        return out.toString();
    }
}
