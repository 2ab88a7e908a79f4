package io.avrogate.core;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;

/** Parsing Avro schema texts the way the registry does, and rendering them the way it stores them. */
public final class AvroSchemas {
    /**
     * Deeper JSON nesting than this is refused before Avro sees it: Avro's parser, {@code toString} and the
     * compatibility walk all recurse per level, and a hostile schema must get a clear error, not a StackOverflowError.
     */
    public static final int MAX_NESTING_DEPTH = 400;

    private AvroSchemas() {}

    /**
     * Parses {@code text}. {@code references} are the texts of referenced schemas, in dependency order
     * (a reference before whatever uses it); their named types become known to the parser first.
     *
     * @param validateDefaults true for a new candidate schema, false for a stored version (the registry does
     *                         not re-validate defaults of what it already holds)
     * @throws InvalidSchemaException with the parser's message when the text is not a valid schema
     */
    public static Schema parse(String text, List<String> references, boolean validateDefaults) {
        if (text == null || text.isBlank()) {
            throw new InvalidSchemaException("Empty schema");
        }
        checkNesting(text);
        Schema.Parser parser = new Schema.Parser().setValidateDefaults(validateDefaults);
        int index = 0;
        for (String reference : references) {
            checkNesting(reference);
            try {
                parser.parse(reference);
            } catch (RuntimeException e) {
                throw new InvalidSchemaException("Invalid referenced schema #" + index + ": " + describe(e), e);
            }
            index++;
        }
        try {
            Schema schema = parser.parse(text);
            if (validateDefaults) {
                DefaultValueRules.check(schema);
            }
            return schema;
        } catch (InvalidSchemaException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw new InvalidSchemaException("Schema is nested too deeply to parse");
        } catch (RuntimeException e) {
            String message = describe(e);
            if (message.contains("UnresolvedSchema")) {
                // Avro 1.12 names an undefined type only by an internal placeholder: say which name is missing.
                var undefined = UndefinedNames.find(text, references);
                if (!undefined.isEmpty()) {
                    message = "Undefined name(s): " + String.join(", ", undefined)
                            + " (a referenced schema may be missing)";
                }
            }
            throw new InvalidSchemaException(message, e);
        }
    }

    /** A new schema proposed for registration: defaults validated, no references. */
    public static Schema parseCandidate(String text) { return parse(text, List.of(), true); }

    /** A version already stored: defaults not validated, no references. */
    public static Schema parseStored(String text) { return parse(text, List.of(), false); }

    /**
     * The text the Confluent registry stores and returns for a schema: Avro's compact JSON rendering
     * ({@code Schema.toString()}), which keeps doc, defaults, aliases and custom properties.
     * Schemas whose compact forms are equal are one schema for registry id assignment.
     */
    public static String compactForm(Schema schema) {
        return schema.toString();
    }

    /**
     * The stored text of a schema that uses referenced types: the referenced named types are written by name only,
     * not inlined, exactly as the registry stores such a schema.
     */
    public static String compactForm(Schema schema, Collection<Schema> referenced) {
        return referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
    }

    /** Parses reference texts in dependency order, each with the ones before it known. */
    public static List<Schema> parseReferences(List<String> texts) {
        List<Schema> out = new ArrayList<>(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            out.add(parse(texts.get(i), texts.subList(0, i), false));
        }
        return out;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) return e.getClass().getSimpleName();
        // Jackson's messages carry a source excerpt after a line break; the first line says what is wrong.
        int newline = message.indexOf('\n');
        return newline > 0 ? message.substring(0, newline).trim() : message;
    }

    /** Counts bracket depth outside JSON strings; cheap, and it runs before any recursive parser. */
    private static void checkNesting(String text) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_NESTING_DEPTH) {
                    throw new InvalidSchemaException(
                            "Schema is nested more than " + MAX_NESTING_DEPTH + " levels deep");
                }
            } else if (c == '}' || c == ']') {
                depth--;
            }
        }
    }
}
