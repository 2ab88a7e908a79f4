package io.avrogate.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.CompatibilityLevel;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compatibility configuration and modes, global and per subject. Config is stored with the key
 * {@code compatibilityLevel} and echoed on PUT with the key {@code compatibility}, as Confluent does.
 */
public final class Settings {
    private static final Set<String> MODES = Set.of("READWRITE", "READONLY", "READONLY_OVERRIDE", "IMPORT");
    private static final int MAX_SUBJECT_LENGTH = 4096;

    private final RegistryState state;
    private final KafkaLog log;
    private final CompatibilityLevel defaultLevel;

    Settings(RegistryState state, KafkaLog log, CompatibilityLevel defaultLevel) {
        this.state = state;
        this.log = log;
        this.defaultLevel = defaultLevel;
    }

    static void validateSubject(String subject) {
        if (subject == null || subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH
                || subject.chars().anyMatch(Character::isISOControl)) {
            throw RegistryException.invalidSubject(subject == null ? "" : subject.length() > 100 ? subject.substring(0, 100) + "..." : subject);
        }
    }

    private static boolean hasControlCharacters(String text) {
        return text.chars().anyMatch(Character::isISOControl);
    }

    // ---- effective values --------------------------------------------------------------------------------------

    public CompatibilityLevel effectiveLevel(String subject) {
        return levelOf(state.config(subject).orElse(null))
                .or(() -> levelOf(state.config(null).orElse(null)))
                .orElse(defaultLevel);
    }

    private static java.util.Optional<CompatibilityLevel> levelOf(JsonNode config) {
        if (config == null || !config.hasNonNull("compatibilityLevel")) return java.util.Optional.empty();
        return CompatibilityLevel.parse(config.get("compatibilityLevel").asText());
    }

    boolean normalize(String subject, boolean requested) {
        return requested || flag(state.config(subject).orElse(null)) || flag(state.config(null).orElse(null));
    }

    private static boolean flag(JsonNode config) {
        return config != null && config.path("normalize").asBoolean(false);
    }

    public String effectiveMode(String subject) {
        return state.mode(subject).or(() -> state.mode(null)).orElse("READWRITE");
    }

    void requireWritable(String subject) {
        if (effectiveMode(subject).startsWith("READONLY")) {
            throw RegistryException.notPermitted("Subject " + subject + " is in read-only mode");
        }
    }

    // ---- config ------------------------------------------------------------------------------------------------

    /** GET /config and /config/{subject}: {@code subject} null for the global config. */
    public ObjectNode config(String subject, boolean defaultToGlobal) {
        if (subject != null) {
            JsonNode own = state.config(subject).orElse(null);
            if (own == null && !defaultToGlobal) {
                throw new RegistryException(404, 40408, "Subject '" + subject
                        + "' does not have subject-level compatibility configured");
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

    /** PUT /config[/subject]: stores the config and answers with Confluent's echo (level under "compatibility"). */
    public ObjectNode putConfig(String subject, JsonNode body) {
        if (subject != null) {
            validateSubject(subject);
            requireWritable(subject);
        }
        ObjectNode stored = StoreRecords.JSON.createObjectNode();
        ObjectNode echo = StoreRecords.JSON.createObjectNode();
        JsonNode compatibility = body.get("compatibility");
        if (compatibility != null && !compatibility.isNull()) {
            if (!compatibility.isTextual() || hasControlCharacters(compatibility.asText())) throw RegistryException.invalidLevel();
            CompatibilityLevel level = CompatibilityLevel.parse(compatibility.asText())
                    .orElseThrow(RegistryException::invalidLevel);
            stored.put("compatibilityLevel", level.name());
            echo.put("compatibility", level.name());
        }
        for (String key : List.of("normalize", "validateFields", "alias", "compatibilityGroup")) {
            if (body.has(key) && !body.get(key).isNull()) {
                stored.set(key, body.get(key));
                echo.set(key, body.get(key));
            }
        }
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.config(subject, stored)), null));
        return echo;
    }

    public ObjectNode deleteConfig(String subject) {
        if (subject != null && state.config(subject).isEmpty()) throw RegistryException.subjectNotFound(subject);
        if (subject != null) requireWritable(subject);
        ObjectNode old = subject == null ? config(null, true) : view(state.config(subject).get(), effectiveLevel(null));
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.config(subject, null)), null));
        return old;
    }

    // ---- mode --------------------------------------------------------------------------------------------------

    public ObjectNode mode(String subject, boolean defaultToGlobal) {
        String mode = subject == null ? effectiveMode(null) : state.mode(subject).orElse(null);
        if (mode == null) {
            if (!defaultToGlobal) {
                throw new RegistryException(404, 40409, "Subject '" + subject + "' does not have subject-level mode configured");
            }
            mode = effectiveMode(null);
        }
        return StoreRecords.JSON.createObjectNode().put("mode", mode);
    }

    /** PUT /mode[/subject]: the value is upper-cased before parsing, and echoed as sent. */
    public ObjectNode putMode(String subject, JsonNode body, boolean force) {
        if (subject != null) validateSubject(subject);
        String sent = body.path("mode").isTextual() ? body.get("mode").asText() : "";
        if (hasControlCharacters(sent)) throw RegistryException.invalidMode();
        String mode = sent.trim().toUpperCase(Locale.ROOT);
        if (!MODES.contains(mode)) throw RegistryException.invalidMode();
        if (mode.equals("IMPORT") && !force) {
            boolean existing = subject == null ? state.subjectCount() > 0 : !state.versions(subject).isEmpty();
            if (existing) throw RegistryException.notPermitted("Cannot import since found existing subjects");
        }
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.mode(subject, mode)), null));
        return StoreRecords.JSON.createObjectNode().put("mode", sent);
    }

    public ObjectNode deleteMode(String subject) {
        String old = state.mode(subject).orElseThrow(() -> RegistryException.subjectNotFound(subject));
        log.write(s -> new KafkaLog.Write<>(List.of(StoreRecords.mode(subject, null)), null));
        return StoreRecords.JSON.createObjectNode().put("mode", old);
    }
}
