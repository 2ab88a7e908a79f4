package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.SCHEMA_NOT_FOUND;
import static io.avrogate.registry.RegistryError.SUBJECT_NOT_FOUND;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The read-only listings across subjects that data contracts brought to Confluent's API: {@code GET /schemas},
 * {@code GET /subjects/{s}/metadata} and {@code GET /contexts}. Answered from memory, like every read.
 */
public final class SchemaListings {
    private final RegistryState state;

    SchemaListings(RegistryState state) {
        this.state = state;
    }

    /** A page of a listing: {@code limit} of 0 or less means no limit, as Confluent's -1 default does. */
    public record Page(int offset, int limit) {
        public static final Page ALL = new Page(0, -1);

        public <T> List<T> of(List<T> all) {
            int from = Math.min(Math.max(offset, 0), all.size());
            int to = limit <= 0 ? all.size() : (int) Math.min(all.size(), (long) from + limit);
            return List.copyOf(all.subList(from, to));
        }
    }

    /**
     * {@code GET /schemas}: the versions of the subjects starting with {@code prefix} (all subjects when null), by
     * subject then version; soft-deleted ones only with {@code deleted}; with {@code latestOnly} one per subject, the
     * latest of those listed.
     */
    public List<StoredVersion> schemas(String prefix, boolean deleted, boolean latestOnly, Page page) {
        List<StoredVersion> out = new ArrayList<>();
        for (String subject : state.subjectNames()) {
            if (!Contexts.matchesPrefix(subject, prefix)) continue;
            List<StoredVersion> listed = new ArrayList<>();
            for (StoredVersion v : state.versions(subject).values()) {
                if (deleted || !v.deleted()) listed.add(v);
            }
            if (latestOnly && !listed.isEmpty()) listed = List.of(listed.get(listed.size() - 1));
            out.addAll(listed);
        }
        return page.of(out);
    }

    /**
     * {@code GET /subjects/{s}/metadata}: the latest version whose metadata properties include every pair asked for
     * (no pairs: the latest version that has metadata at all).
     */
    public StoredVersion latestWithMetadata(String subject, Map<String, String> properties, boolean deleted) {
        TreeMap<Integer, StoredVersion> versions = state.versions(subject);
        List<StoredVersion> listed = versions.values().stream().filter(v -> deleted || !v.deleted()).toList();
        if (listed.isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
        for (int i = listed.size() - 1; i >= 0; i--) {
            if (DataContracts.hasProperties(listed.get(i).metadata(), properties)) return listed.get(i);
        }
        throw SCHEMA_NOT_FOUND.exception();
    }

    /** {@code GET /contexts}: the default context {@code .} and every context that has held a schema, sorted. */
    public List<String> contexts(Page page) {
        return page.of(state.contexts());
    }
}
