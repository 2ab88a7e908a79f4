package io.avrogate.core.json;

import java.util.List;
import java.util.stream.Collectors;

/** A JSON value that does not fit the schema; {@link #errors()} names every offending field and why. */
public class JsonConversionException extends RuntimeException {
    private final List<ConversionError> errors;

    public JsonConversionException(List<ConversionError> errors) {
        super(errors.stream().map(ConversionError::toString).collect(Collectors.joining("; ")), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ConversionError> errors() {
        return errors;
    }
}
