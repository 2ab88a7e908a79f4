package io.avrogate.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the registry's compatibility messages (Confluent's {@code {errorType:'...', description:'...',
 * additionalInfo:'...'}}, {@code {oldSchemaVersion: n}}, {@code {oldSchema: '...'}} and the level trailer) into lines
 * a reviewer reads, dropping the old schema's full text.
 */
final class RegistryMessages {
    private static final Pattern INCOMPATIBILITY = Pattern.compile(
            "\\{errorType:'([A-Z_]+)', description:'(.*?)', additionalInfo:'(.*?)'}", Pattern.DOTALL);
    private static final Pattern OLD_VERSION = Pattern.compile("\\{oldSchemaVersion: (\\d+)}");
    private static final Pattern LEVEL = Pattern.compile("compatibility: '([A-Z_]+)'");

    private RegistryMessages() {
    }

    /** The readable lines of a verbose compatibility answer (or of the details of a 409 message). */
    static List<String> readable(List<String> messages) {
        return readable(String.join("\n", messages), messages);
    }

    /** The readable form of a 409 "Schema being registered is incompatible ..." message, on one line. */
    static String readable(String message) {
        List<String> lines = readable(message, List.of());
        return lines.isEmpty() ? message : String.join("; ", lines);
    }

    /** The level the registry applied, from the trailer {@code {validateFields: ..., compatibility: 'X'}}. */
    static Optional<String> level(List<String> messages) {
        for (String m : messages) {
            Matcher level = LEVEL.matcher(m);
            if (level.find()) return Optional.of(level.group(1));
        }
        return Optional.empty();
    }

    private static List<String> readable(String all, List<String> fallback) {
        Matcher version = OLD_VERSION.matcher(all);
        String against = version.find() ? " (registered version " + version.group(1) + ")" : "";
        List<String> out = new ArrayList<>();
        Matcher m = INCOMPATIBILITY.matcher(all);
        while (m.find()) {
            out.add(m.group(2) + " [" + m.group(1) + "]" + against);
        }
        if (out.isEmpty()) {
            // Not the structured form: e.g. the parser's message for a schema the registry cannot read.
            for (String line : fallback) {
                if (!OLD_VERSION.matcher(line).find() && !line.startsWith("{oldSchema:") && !LEVEL.matcher(line).find()) {
                    out.add(line);
                }
            }
        }
        return out;
    }
}
