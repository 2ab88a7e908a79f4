package io.avrogate.cli;

import io.avrogate.server.auth.CredentialsFile;
import io.avrogate.server.auth.PasswordHash;
import java.io.ByteArrayOutputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code avrogate passwd USER}: prints the credentials-file line for a user, with the password hashed (salted
 * PBKDF2), for listeners with {@code authentication.method=BASIC}. The password comes from the terminal (asked
 * twice, not echoed), from standard input (its first line), or from {@code --password} (visible in the process
 * list and shell history, so meant for scripts in throw-away environments).
 */
@Command(name = "passwd", mixinStandardHelpOptions = true,
        description = {"Prints the line for USER to put in a credentials file (avrogate.authentication.credentials.file),"
                + " with the password as a salted slow hash.",
                "The password is read from the terminal, or from the first line of standard input."})
final class PasswdCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER", description = "The user name (no ':').")
    String user;

    @Option(names = "--role", paramLabel = "ROLE", description = "A role of the user, for the ACL file (repeatable).")
    List<String> roles = new ArrayList<>();

    @Option(names = "--password", paramLabel = "PASSWORD",
            description = "The password itself (avoid outside scripts: it shows in the process list).")
    char[] password;

    @Option(names = "--iterations", defaultValue = "" + PasswordHash.DEFAULT_ITERATIONS,
            description = "PBKDF2 iterations (default: ${DEFAULT-VALUE}; at least " + PasswordHash.MIN_ITERATIONS + ").")
    int iterations;

    /** Standard input; replaced in tests. */
    InputStream in = System.in;
    /** The terminal, if any; replaced in tests. */
    Console console = System.console();

    @Override
    public Integer call() throws IOException {
        if (iterations < PasswordHash.MIN_ITERATIONS) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--iterations must be at least " + PasswordHash.MIN_ITERATIONS);
        }
        char[] secret = password != null ? password : console != null ? askTwice() : firstLine(in);
        try {
            if (secret.length == 0) throw new CommandLine.ParameterException(spec.commandLine(), "the password is empty");
            String line;
            try {
                line = CredentialsFile.line(user, PasswordHash.create(secret, iterations), roles);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
            spec.commandLine().getOut().println(line);
            return 0;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private char[] askTwice() {
        char[] first = console.readPassword("Password for %s: ", user);
        char[] second = console.readPassword("Again: ");
        if (first == null || second == null || !Arrays.equals(first, second)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "the passwords do not match");
        }
        Arrays.fill(second, '\0');
        return first;
    }

    /** The first line of the stream, without its line end, decoded as UTF-8 without going through a String. */
    private static char[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) bytes.write(b);
        byte[] raw = bytes.toByteArray();
        int length = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
        CharBuffer chars = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(raw, 0, length));
        char[] out = Arrays.copyOfRange(chars.array(), chars.position(), chars.limit());
        Arrays.fill(raw, (byte) 0);
        Arrays.fill(chars.array(), '\0');
        return out;
    }
}
