package io.avrogate.registry;

import static io.avrogate.registry.RegistryError.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.CompatibilityLevel;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What applies to a subject: its compatibility configuration ({@code /config}) and its mode ({@code /mode}), each
 * set per subject or globally, the global one applying to every subject without its own. Config is stored with the
 * key {@code compatibilityLevel} and echoed on PUT with the key {@code compatibility}, as Confluent does.
 */
public final class SubjectSettings {
    private static final int MAX_SUBJECT_LENGTH = 4096;

    private final RegistryState state;
    private final KafkaLog log;
    private final CompatibilityLevel defaultLevel;

    SubjectSettings(RegistryState state, KafkaLog log, CompatibilityLevel defaultLevel) {
        this.state = state;
        this.log = log;
        this.defaultLevel = defaultLevel;
    }

    static void validateSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw INVALID_SUBJECT.exception(subject == null ? "" : subject.length() > 100 ? subject.substring(0, 100) + "..." : subject);
        }
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    // ---- effective values --------------------------------------------------------------------------------------

    public CompatibilityLevel effectiveLevel(String subject) {
        return effectiveLevel(state, subject);
    }

    /** The level in effect in {@code at}: for a write, the state {@link KafkaLog#write} computes it from. */
    CompatibilityLevel effectiveLevel(RegistryState at, String subject) {
        return levelOf(at.config(subject).orElse(null))
                .or(() -> levelOf(at.config(null).orElse(null)))
                .orElse(defaultLevel);
    }

    private static Optional<CompatibilityLevel> levelOf(JsonNode config) {
        if (config == null || !config.hasNonNull("compatibilityLevel")) return Optional.empty();
        return CompatibilityLevel.parse(config.get("compatibilityLevel").asText());
    }

    /**
     * A data-contract config field ({@code compatibilityGroup}, {@code defaultMetadata}, ...) in effect for the
     * subject in {@code at}: the subject's own, else the global one, else null.
     */
    JsonNode effectiveField(RegistryState at, String subject, String field) {
        JsonNode own = at.config(subject).map(c -> c.get(field)).orElse(null);
        if (own != null && !own.isNull()) return own;
        JsonNode global = at.config(null).map(c -> c.get(field)).orElse(null);
        return global == null || global.isNull() ? null : global;
    }

    boolean normalize(String subject, boolean requested) {
        return requested || flag(state.config(subject).orElse(null)) || flag(state.config(null).orElse(null));
    }

    private static boolean flag(JsonNode config) {
        return config != null && config.path("normalize").asBoolean(false);
    }

    public Mode effectiveMode(String subject) {
        return state.mode(subject).or(() -> state.mode(null)).orElse(Mode.READWRITE);
    }

    /** The subject's mode, refused if it is read-only. */
    Mode requireWritable(String subject) {
        Mode mode = effectiveMode(subject);
        if (mode.readOnly()) throw SUBJECT_READ_ONLY.exception(subject);
        return mode;
    }

    // ---- config ------------------------------------------------------------------------------------------------

    /** GET /config and /config/{subject}: {@code subject} null for the global config. */
    public ObjectNode config(String subject, boolean defaultToGlobal) {
        if (subject != null) {
            JsonNode own = state.config(subject).orElse(null);
            if (own == null && !defaultToGlobal) {
                throw SUBJECT_COMPATIBILITY_NOT_CONFIGURED.exception(subject);
            }
            if (own != null) return view(own, effectiveLevel(null));
        }
        return view(state.config(null).orElse(null), defaultLevel);
    }

    private static ObjectNode view(JsonNode stored, CompatibilityLevel fallback) {
        ObjectNode out = StoreRecords.JSON.createObjectNode();
        out.put("compatibilityLevel", levelOf(stored).orElse(fallback).name());
        if (stored != null) {
            stored.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("compatibilityLevel")) out.set(e.getKey(), e.getValue());
            });
        }
        return out;
    }

    /**
     * PUT /config[/subject]: merges the fields sent into the scope's config (a field not sent keeps its value), stores
     * it, and answers with Confluent's echo of the result (level under "compatibility").
     */
    public ObjectNode putConfig(String subject, JsonNode body) {
        if (subject != null) {
            validateSubject(subject);
            requireWritable(subject);
        }
        ObjectNode update = StoreRecords.JSON.createObjectNode();
        JsonNode compatibility = body.get("compatibility");
        if (compatibility != null && !compatibility.isNull()) {
            if (!compatibility.isTextual() || hasControlCharacters(compatibility.asText())) throw INVALID_COMPATIBILITY_LEVEL.exception();
            CompatibilityLevel level = CompatibilityLevel.parse(compatibility.asText())
                    .orElseThrow(INVALID_COMPATIBILITY_LEVEL::exception);
            update.put("compatibilityLevel", level.name());
        }
        for (String key : List.of("normalize", "validateFields", "alias", "compatibilityGroup")) {
            if (body.has(key) && !body.get(key).isNull()) update.set(key, body.get(key));
        }
        for (String key : List.of("defaultMetadata", "overrideMetadata")) {
            if (body.hasNonNull(key)) update.set(key, DataContracts.metadata(body.get(key)));
        }
        for (String key : List.of("defaultRuleSet", "overrideRuleSet")) {
            if (body.hasNonNull(key)) update.set(key, DataContracts.ruleSet(body.get(key)));
        }
        ObjectNode stored = log.write(current -> {
            ObjectNode merged = current.config(subject).map(c -> ((ObjectNode) c).deepCopy())
                    .orElseGet(StoreRecords.JSON::createObjectNode);
            merged.setAll(update);
            return new KafkaLog.Write<>(List.of(StoreRecords.config(subject, merged)), merged);
        });
        ObjectNode echo = StoreRecords.JSON.createObjectNode();
        stored.fields().forEachRemaining(e -> echo.set(e.getKey().equals("compatibilityLevel") ? "compatibility" : e.getKey(), e.getValue()));
        return echo;
    }

    public ObjectNode deleteConfig(String subject) {
        if (subject != null && state.config(subject).isEmpty()) throw SUBJECT_NOT_FOUND.exception(subject);
        if (subject != null) requireWritable(subject);
        ObjectNode old = subject == null ? config(null, true) : view(state.config(subject).get(), effectiveLevel(null));
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.config(subject, null)), null));
        return old;
    }

    // ---- mode --------------------------------------------------------------------------------------------------

    public ObjectNode mode(String subject, boolean defaultToGlobal) {
        Mode mode = subject == null ? effectiveMode(null) : state.mode(subject).orElse(null);
        if (mode == null) {
            if (!defaultToGlobal) throw SUBJECT_MODE_NOT_CONFIGURED.exception(subject);
            mode = effectiveMode(null);
        }
        return modeBody(mode.name());
    }

    /** PUT /mode[/subject]: the value is upper-cased before parsing, and echoed as sent. */
    public ObjectNode putMode(String subject, JsonNode body, boolean force) {
        if (subject != null) validateSubject(subject);
        String sent = body.path("mode").isTextual() ? body.get("mode").asText() : "";
        if (hasControlCharacters(sent)) throw INVALID_MODE.exception();
        Mode mode = Mode.named(sent.trim().toUpperCase(Locale.ROOT)).orElseThrow(INVALID_MODE::exception);
        if (mode == Mode.IMPORT && !force) {
            boolean existing = subject == null ? state.subjectCount() > 0 : !state.versions(subject).isEmpty();
            if (existing) throw IMPORT_OVER_EXISTING_SUBJECTS.exception();
        }
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.mode(subject, mode)), null));
        return modeBody(sent);
    }

    public ObjectNode deleteMode(String subject) {
        Mode old = state.mode(subject).orElseThrow(() -> SUBJECT_NOT_FOUND.exception(subject));
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.mode(subject, null)), null));
        return modeBody(old.name());
    }

    private static ObjectNode modeBody(String mode) {
        return StoreRecords.JSON.createObjectNode().put("mode", mode);
    }
}
