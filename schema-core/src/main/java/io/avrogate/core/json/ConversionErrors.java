package io.avrogate.core.json;

import java.util.ArrayList;
import java.util.List;

/**
 * The errors of one conversion, collected rather than thrown at the first one, up to {@link JsonToAvro#MAX_ERRORS}.
 * A value converted with errors is meaningless and is never used.
 */
final class ConversionErrors {
    final List<ConversionError> list = new ArrayList<>();

    void add(String path, String reason) {
        if (list.size() < JsonToAvro.MAX_ERRORS) list.add(new ConversionError(path.isEmpty() ? "/" : path, reason));
    }

    void addAll(ConversionErrors other) {
        for (ConversionError e : other.list) {
            if (list.size() < JsonToAvro.MAX_ERRORS) list.add(e);
        }
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    boolean full() {
        return list.size() >= JsonToAvro.MAX_ERRORS;
    }
}
