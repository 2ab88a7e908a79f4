package io.avrogate.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Self-signed TLS material made with the JDK's own {@code keytool} (every JDK and JRE image carries it; the JDK has
 * no public API to issue a certificate). PKCS12 stores, EC P-256 keys, the key password equal to the store's.
 */
final class Keytool {
    private static final String PASSWORD_VARIABLE = "AVROGATE_KEYTOOL_PASSWORD";

    private Keytool() {}

    /** A key pair with a self-signed certificate, e.g. {@code keypair(store, "server", "CN=localhost", "SAN=dns:localhost,ip:127.0.0.1", ...)}. */
    static void keypair(Path store, String alias, String dname, String extension, String password, int validityDays)
            throws IOException {
        List<String> args = new ArrayList<>(List.of("-genkeypair", "-alias", alias, "-keyalg", "EC", "-groupname",
                "secp256r1", "-dname", dname, "-validity", String.valueOf(validityDays), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE, "-keypass:env", PASSWORD_VARIABLE));
        if (extension != null) args.addAll(List.of("-ext", extension));
        run(args, password);
    }

    /** Writes the certificate of {@code alias} as PEM. */
    static void exportCertificate(Path store, String alias, String password, Path pem) throws IOException {
        run(List.of("-exportcert", "-rfc", "-alias", alias, "-keystore", store.toString(), "-storepass:env",
                PASSWORD_VARIABLE, "-file", pem.toString()), password);
    }

    /** Adds a trusted certificate to a (new or existing) PKCS12 trust store. */
    static void trust(Path store, String alias, Path pem, String password) throws IOException {
        run(List.of("-importcert", "-noprompt", "-alias", alias, "-file", pem.toString(), "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass:env", PASSWORD_VARIABLE), password);
    }

    /** The password reaches keytool through its environment, not its command line, which other users can see. */
    private static void run(List<String> args, String password) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put(PASSWORD_VARIABLE, password);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("keytool " + args.get(0) + " failed: " + output.strip());
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool " + args.get(0) + " ran", e);
        }
    }
}
