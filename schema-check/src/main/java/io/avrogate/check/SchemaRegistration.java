package io.avrogate.check;

import io.avrogate.registry.client.RegistryClientException;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SubjectVersion;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Brings a registry up to date with a {@code schemas/} tree: for each subject (the subjects it references first) it
 * pins the subject's compatibility level from subject.yaml ({@code PUT /config/{s}}), then registers the local
 * versions the registry does not hold, oldest first. The level is set before registering so the registry enforces
 * the declared level on the new versions. What is already there is found by lookup ({@code POST /subjects/{s}}), so
 * a second run changes nothing.
 *
 * <p>References in subject.yaml name local version numbers; they are sent as the registry's version numbers of the
 * same schemas (usually equal, but not if the registry's history differs).
 */
public final class SchemaRegistration {

    /** What a run did (or, for a dry run, would do). */
    public record Outcome(int subjects, int registered, int alreadyRegistered, int levelsSet, boolean dryRun) {
        public boolean changedNothing() {
            return registered == 0 && levelsSet == 0;
        }
    }

    /** A registration failed; the message is one line naming the subject and version. */
    public static final class RegistrationException extends RuntimeException {
        RegistrationException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final SchemaRepository repo;
    private final SchemaRegistryClient client;
    private final boolean dryRun;
    private final Consumer<String> progress;
    /** Register and look up with {@code normalize=true} (Confluent's {@code normalizeSchemas}). */
    private final boolean normalize;
    /** "subject@localVersion" → the registry's version number of that schema, once known. */
    private final Map<String, Integer> registryVersions = new HashMap<>();

    public SchemaRegistration(SchemaRepository repo, SchemaRegistryClient client, boolean dryRun, Consumer<String> progress) {
        this(repo, client, dryRun, false, progress);
    }

    /** @param normalize ask the registry to normalize schemas before it compares, registers or looks them up */
    public SchemaRegistration(SchemaRepository repo, SchemaRegistryClient client, boolean dryRun, boolean normalize,
                              Consumer<String> progress) {
        this.repo = repo;
        this.client = client;
        this.dryRun = dryRun;
        this.normalize = normalize;
        this.progress = progress;
    }

    /**
     * @throws IllegalArgumentException when the tree has structural errors or references that cannot be resolved
     * @throws RegistrationException    when the registry refuses a level or a version (e.g. 409 incompatible)
     */
    public Outcome run() {
        List<Finding> broken = repo.loadFindings().stream().filter(Finding::isError).toList();
        if (!broken.isEmpty()) {
            throw new IllegalArgumentException("the schemas folder has errors (run avrogate check): " + broken.get(0).file()
                    + ": " + broken.get(0).message());
        }
        List<Subject> ordered = referencedFirst();
        int registered = 0;
        int already = 0;
        int levels = 0;
        int index = 0;
        for (Subject subject : ordered) {
            index++;
            String prefix = "[" + index + "/" + ordered.size() + "] " + subject.name() + ": ";
            List<String> done = new ArrayList<>();
            if (pinLevel(subject, done)) levels++;
            for (Subject.VersionFile file : subject.versions()) {
                Optional<SchemaContent> content = content(subject, file.version());
                Optional<SubjectVersion> existing = content.flatMap(c -> find(subject.name(), c));
                if (existing.isPresent()) {
                    registryVersions.put(key(subject.name(), file.version()), existing.get().version());
                    already++;
                    continue;
                }
                registered++;
                if (dryRun) {
                    done.add("would register v" + file.version());
                    continue;
                }
                done.add(register(subject, file, content.orElseThrow()));
            }
            if (done.isEmpty()) {
                done.add("up to date (" + subject.versions().size() + " version" + (subject.versions().size() == 1 ? "" : "s")
                        + " registered)");
            }
            progress.accept(prefix + String.join("; ", done));
        }
        return new Outcome(ordered.size(), registered, already, levels, dryRun);
    }

    private boolean pinLevel(Subject subject, List<String> done) {
        String wanted = subject.config().compatibility().name();
        String current = call(subject, 0, () -> client.subjectCompatibilityLevel(subject.name()));
        if (wanted.equals(current)) return false;
        if (!dryRun) call(subject, 0, () -> {
            client.setCompatibilityLevel(subject.name(), wanted);
            return null;
        });
        done.add((dryRun ? "would set" : "set") + " level " + wanted + " (was " + (current == null ? "the global default" : current) + ")");
        return true;
    }

    private String register(Subject subject, Subject.VersionFile file, SchemaContent content) {
        int id = call(subject, file.version(), () -> client.register(subject.name(), content, normalize));
        SubjectVersion stored = call(subject, file.version(), () -> client.lookup(subject.name(), content, normalize));
        registryVersions.put(key(subject.name(), file.version()), stored.version());
        return "registered v" + file.version() + " as id " + id
                + (stored.version() == file.version() ? "" : " (registry version " + stored.version() + ")");
    }

    /**
     * What to send for a local version: its text and subject.yaml's references translated to registry versions.
     * Empty only in a dry run, when a referenced version is not registered yet (so this one cannot be either).
     */
    private Optional<SchemaContent> content(Subject subject, int version) {
        List<io.avrogate.registry.client.SchemaReference> refs = new ArrayList<>();
        for (SchemaReference ref : subject.config().references()) {
            Optional<Integer> registryVersion = registryVersion(ref.subject(), ref.version());
            if (registryVersion.isEmpty()) {
                if (dryRun) return Optional.empty();
                throw new RegistrationException("cannot register " + subject.name() + " v" + version + ": its reference "
                        + ref.name() + " (" + ref.subject() + " v" + ref.version() + ") is not in the registry", null);
            }
            refs.add(new io.avrogate.registry.client.SchemaReference(ref.name(), ref.subject(), registryVersion.get()));
        }
        Subject.VersionFile file = subject.version(version);
        return Optional.of(SchemaContent.avro(file.text(), refs));
    }

    private Optional<Integer> registryVersion(String subjectName, int localVersion) {
        Integer known = registryVersions.get(key(subjectName, localVersion));
        if (known != null) return Optional.of(known);
        Subject target = repo.subjects().get(subjectName);
        Optional<Integer> found = content(target, localVersion).flatMap(c -> find(subjectName, c)).map(SubjectVersion::version);
        found.ifPresent(v -> registryVersions.put(key(subjectName, localVersion), v));
        return found;
    }

    private Optional<SubjectVersion> find(String subject, SchemaContent content) {
        try {
            return Optional.of(client.lookup(subject, content, normalize));
        } catch (RegistryClientException e) {
            if (e.isNotFound()) return Optional.empty();
            throw new RegistrationException("cannot look up " + subject + " in the registry: " + e.getMessage(), e);
        }
    }

    /** Subjects in an order where every referenced subject comes before the subjects referencing it. */
    private List<Subject> referencedFirst() {
        Map<String, Subject> out = new LinkedHashMap<>();
        for (Subject s : repo.subjects().values()) visit(s, out, new LinkedHashSet<>());
        return List.copyOf(out.values());
    }

    private void visit(Subject subject, Map<String, Subject> out, Set<String> path) {
        if (out.containsKey(subject.name())) return;
        if (!path.add(subject.name())) {
            throw new IllegalArgumentException("references form a cycle: " + String.join(" -> ", path) + " -> " + subject.name());
        }
        for (SchemaReference ref : subject.config().references()) {
            Subject target = repo.subjects().get(ref.subject());
            if (target == null || target.version(ref.version()) == null) {
                throw new IllegalArgumentException(subject.name() + " references " + ref.subject() + " v" + ref.version()
                        + ", which is not under subjects/");
            }
            visit(target, out, path);
        }
        path.remove(subject.name());
        out.put(subject.name(), subject);
    }

    private interface Call<T> {
        T run();
    }

    private static <T> T call(Subject subject, int version, Call<T> call) {
        try {
            return call.run();
        } catch (RegistryClientException e) {
            String what = subject.name() + (version > 0 ? " v" + version : "");
            String reason = e.isIncompatible() ? RegistryMessages.readable(e.getMessage()) : e.getMessage();
            throw new RegistrationException("cannot register " + what + ": " + reason, e);
        }
    }

    private static String key(String subject, int version) {
        return subject + "@" + version;
    }
}
