package io.avrogate.cli;

import io.avrogate.server.auth.CredentialsFile;
import io.avrogate.server.auth.PasswordHash;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What {@code avrogate up --secure} generates into one directory: a self-signed server key store for the
 * {@code https://} listener and a trust store for clients, a credentials file with two users whose random passwords
 * are hashed like {@code avrogate passwd} does, an ACL file, and a client properties file per user with Confluent's
 * setting names. Every run makes new passwords and keys.
 */
final class SecureSetup {
    static final String STORE_TYPE = "PKCS12";

    /** A generated user: name, the role the ACL grants, and the password in clear (printed once, never logged). */
    record User(String name, String role, String password, String may) {}

    final Path dir;
    final Path keyStore;
    final Path trustStore;
    final Path certificate;
    final Path credentials;
    final Path acl;
    final String storePassword;
    final User admin;
    final User app;

    private SecureSetup(Path dir, String storePassword, User admin, User app) {
        this.dir = dir;
        this.keyStore = dir.resolve("registry.p12");
        this.trustStore = dir.resolve("truststore.p12");
        this.certificate = dir.resolve("registry.crt");
        this.credentials = dir.resolve("credentials");
        this.acl = dir.resolve("acl.yaml");
        this.storePassword = storePassword;
        this.admin = admin;
        this.app = app;
    }

    /** Writes everything into {@code dir} (created if needed; earlier files of a previous run are replaced). */
    static SecureSetup generate(Path dir) throws IOException {
        SecureRandom random = new SecureRandom();
        Files.createDirectories(dir);
        SecureSetup setup = new SecureSetup(dir, secret(random),
                new User("admin", "admins", secret(random), "everything: subjects, global config and mode, /metrics"),
                new User("app", "readwrite", secret(random), "read and register schemas under every subject"));
        setup.writeKeys();
        setup.writeUsers();
        return setup;
    }

    List<User> users() {
        return List.of(admin, app);
    }

    /** The registry's settings: an https listener on loopback, basic auth against the credentials file, the ACL. */
    Map<String, String> registrySettings(int port) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("listeners", "https://127.0.0.1:" + port);
        settings.put("ssl.keystore.location", keyStore.toString());
        settings.put("ssl.keystore.password", storePassword);
        settings.put("ssl.keystore.type", STORE_TYPE);
        settings.put("authentication.method", "BASIC");
        settings.put("avrogate.authentication.credentials.file", credentials.toString());
        settings.put("avrogate.authorization.acl.file", acl.toString());
        return settings;
    }

    /** A registry client's settings for {@code user}, under Confluent's names. */
    Map<String, String> clientSettings(String registryUrl, User user) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("schema.registry.url", registryUrl);
        settings.put("basic.auth.credentials.source", "USER_INFO");
        settings.put("basic.auth.user.info", user.name() + ":" + user.password());
        settings.put("schema.registry.ssl.truststore.location", trustStore.toString());
        settings.put("schema.registry.ssl.truststore.password", storePassword);
        settings.put("schema.registry.ssl.truststore.type", STORE_TYPE);
        return settings;
    }

    /** Writes {@code <user>.properties} with the client settings, for {@code --registry-config} or {@code --config}. */
    Path writeClientSettings(String registryUrl, User user) throws IOException {
        String text = "# Registry client settings for '" + user.name() + "', written by avrogate up --secure\n"
                + clientSettings(registryUrl, user).entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
                        .collect(Collectors.joining("\n", "", "\n"));
        return writePrivate(dir.resolve(user.name() + ".properties"), text);
    }

    private void writeKeys() throws IOException {
        Files.deleteIfExists(keyStore);
        Files.deleteIfExists(trustStore);
        Files.deleteIfExists(certificate);
        Keytool.keypair(keyStore, "registry", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", storePassword, 90);
        Keytool.exportCertificate(keyStore, "registry", storePassword, certificate);
        Keytool.trust(trustStore, "registry", certificate, storePassword);
        restrict(keyStore);
    }

    private void writeUsers() throws IOException {
        StringBuilder lines = new StringBuilder("# Written by avrogate up --secure (PBKDF2 hashes; avrogate passwd adds users)\n");
        for (User user : users()) {
            lines.append(CredentialsFile.line(user.name(), PasswordHash.create(user.password().toCharArray()), List.of(user.role())))
                    .append('\n');
        }
        writePrivate(credentials, lines.toString());
        writePrivate(acl, """
                # Written by avrogate up --secure. Whatever is not granted here is denied.
                grants:
                  - roles: [admins]
                    subjects: ["*"]
                    global: true
                    topics: ["*"]
                    services: ["*"]
                    operations: [ADMIN]
                  - roles: [readwrite]
                    subjects: ["*"]
                    operations: [WRITE]
                """);
    }

    private static Path writePrivate(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file);
        restrict(file);
        return Files.writeString(file, text);
    }

    /** Owner-only where the file system has POSIX permissions: the files hold secrets or hashes of them. */
    private static void restrict(Path file) throws IOException {
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    /** 18 random bytes, URL-safe base64: 24 characters, no ':' (user info) or quoting trouble. */
    private static String secret(SecureRandom random) {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
