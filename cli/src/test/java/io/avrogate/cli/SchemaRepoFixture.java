package io.avrogate.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** A throwaway git repository with a schemas/ folder, and a way to run avrogate commands against it. */
final class SchemaRepoFixture {
    final Path root;
    final Path schemas;

    record Result(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    SchemaRepoFixture(Path root) throws IOException, InterruptedException {
        this.root = root;
        this.schemas = root.resolve("schemas");
        Files.createDirectories(schemas.resolve("subjects"));
        git("init", "-q", "-b", "main");
        git("config", "user.email", "ci@example.com");
        git("config", "user.name", "CI");
        git("config", "commit.gpgsign", "false");
    }

    SchemaRepoFixture subject(String name, String yaml) throws IOException {
        Path dir = schemas.resolve("subjects").resolve(name);
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("subject.yaml"), yaml);
        return this;
    }

    SchemaRepoFixture version(String subject, int version, String schema) throws IOException {
        Files.writeString(schemas.resolve("subjects").resolve(subject).resolve("v" + version + ".avsc"), schema);
        return this;
    }

    SchemaRepoFixture mapping(String name, String yaml) throws IOException {
        Files.createDirectories(schemas.resolve("migrations"));
        Files.writeString(schemas.resolve("migrations").resolve(name + ".yaml"), yaml);
        return this;
    }

    void commit(String message) throws IOException, InterruptedException {
        git("add", "-A");
        git("commit", "-q", "-m", message);
    }

    Result avrogate(String... args) {
        return run(args);
    }

    /** Runs an avrogate command in this JVM, capturing its output. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        List<String> all = new ArrayList<>(List.of(args));
        int code = cmd.execute(all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    private void git(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) throw new IllegalStateException("git " + String.join(" ", args) + ": " + output);
    }

    static String click(String extraFields) {
        return "{\"type\":\"record\",\"name\":\"Click\",\"namespace\":\"com.acme.clicks\",\"doc\":\"A click.\",\"fields\":["
                + "{\"name\":\"id\",\"type\":\"string\",\"doc\":\"Click id.\"},"
                + "{\"name\":\"ad_id\",\"type\":\"string\",\"doc\":\"The ad.\"}" + extraFields + "]}";
    }

    static String clicksYaml(String level) {
        return "topic: clicks\nrole: value\ncompatibility: " + level + "\nowner: ads\ndescription: Clicks.\n";
    }
}
