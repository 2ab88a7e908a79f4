package io.avrogate.core;

import java.util.List;
import org.apache.avro.Schema;

/** Parsing Avro schema texts the way the registry does, and rendering them the way it stores them. */
public final class AvroSchemas {
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
        throw new UnsupportedOperationException("in progress");
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
        throw new UnsupportedOperationException("in progress");
    }
}
