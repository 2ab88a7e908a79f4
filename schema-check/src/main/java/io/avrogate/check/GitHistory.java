package io.avrogate.check;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Reads files as they were at a git ref, through the {@code git} command line: what CI machines already have.
 * File contents come through one {@code git cat-file --batch} process, so a base with thousands of versions
 * costs one process, not one per file.
 */
final class GitHistory {
    private final Path workTree;

    GitHistory(Path anyDirInRepo) {
        this.workTree = Path.of(run(anyDirInRepo, "rev-parse", "--show-toplevel").trim());
    }

    /** Fails with a clear message when {@code ref} does not name a commit. */
    void requireCommit(String ref) {
        try {
            run(workTree, "rev-parse", "--verify", "--quiet", ref + "^{commit}");
        } catch (IllegalStateException e) {
            throw new IllegalArgumentException("'" + ref + "' is not a commit in " + workTree
                    + " (in CI, fetch the base branch, e.g. actions/checkout with fetch-depth: 0)");
        }
    }

    /** Every file under {@code dir} at {@code ref}, keyed by its path relative to {@code dir}. */
    Map<String, String> filesAt(String ref, Path dir) {
        String prefix = prefix(dir);
        List<String> paths = listing(ref, prefix);
        Map<String, String> files = new LinkedHashMap<>();
        if (paths.isEmpty()) return files;
        ProcessBuilder pb = new ProcessBuilder("git", "cat-file", "--batch").directory(workTree.toFile());
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        try {
            Process process = pb.start();
            try (OutputStream in = process.getOutputStream()) {
                for (String path : paths) in.write((ref + ":" + path + "\n").getBytes(StandardCharsets.UTF_8));
            }
            try (InputStream out = new BufferedInputStream(process.getInputStream())) {
                for (String path : paths) {
                    String header = readLine(out);
                    String[] parts = header.split(" ");
                    if (parts.length < 3 || !parts[1].equals("blob")) continue;
                    int size = Integer.parseInt(parts[2]);
                    byte[] content = out.readNBytes(size);
                    out.read(); // the newline after each object
                    String rel = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
                    files.put(rel, new String(content, StandardCharsets.UTF_8));
                }
            }
            process.waitFor(1, TimeUnit.MINUTES);
        } catch (IOException e) {
            throw new IllegalStateException("git cat-file failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading git history", e);
        }
        return files;
    }

    /** The paths of every file under {@code dir} at {@code ref}, relative to {@code dir}; a listing, no contents. */
    Set<String> pathsAt(String ref, Path dir) {
        String prefix = prefix(dir);
        Set<String> out = new LinkedHashSet<>();
        for (String path : listing(ref, prefix)) out.add(prefix.isEmpty() ? path : path.substring(prefix.length() + 1));
        return out;
    }

    private String prefix(Path dir) {
        return workTree.relativize(dir.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    private List<String> listing(String ref, String prefix) {
        String listing = run(workTree, "ls-tree", "-r", "--name-only", ref, "--", prefix.isEmpty() ? "." : prefix);
        List<String> paths = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) paths.add(line);
        }
        return paths;
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') line.write(b);
        return line.toString(StandardCharsets.UTF_8);
    }

    private static String run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("git");
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(1, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + output.trim());
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git (is it installed?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git", e);
        }
    }
}
