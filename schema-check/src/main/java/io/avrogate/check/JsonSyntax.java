package io.avrogate.check;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Where a schema file stops being JSON, as line and column, so an error names {@code v2.avsc:7:5} the way compilers
 * and editors expect. Avro's parser reports the same problem without a position the user can act on.
 */
final class JsonSyntax {
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** A syntax error: 1-based line and column, and what the parser expected there. */
    record Error(int line, int column, String message) {
        /** {@code file:line:column}. */
        String at(String file) {
            return file + ":" + line + ":" + column;
        }
    }

    private JsonSyntax() {}

    static Optional<Error> check(String text) {
        try {
            JSON.readTree(text);
            return Optional.empty();
        } catch (JsonProcessingException e) {
            JsonLocation where = e.getLocation();
            String message = e.getOriginalMessage();
            int newline = message.indexOf('\n');
            if (newline > 0) message = message.substring(0, newline).trim();
            return Optional.of(new Error(where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(), message));
        }
    }
}
