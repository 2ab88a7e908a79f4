package io.avrogate.ingest;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.avrogate.core.json.JsonToAvro;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The events of a request body: one JSON event, a JSON array of events, or newline-delimited JSON (one event per line).
 * NDJSON is recognised by its media type ({@code application/x-ndjson}, {@code application/jsonl}, ...) or, without
 * one (or with curl's default {@code application/x-www-form-urlencoded}), by a body that is not a single JSON value
 * but whose lines each are. In NDJSON a malformed line is one invalid
 * event (the other lines still go); in the other forms malformed JSON refuses the request.
 */
final class IngestBody {
    enum Format { SINGLE, ARRAY, NDJSON }

    /** One event of the body; {@code json} is null when the event's own text is malformed ({@code error} says why). */
    record Item(int index, Integer line, JsonNode json, String error) {}

    record Parsed(Format format, List<Item> items) {}

    private IngestBody() {}

    static Parsed parse(byte[] body, String contentType) {
        String type = mediaType(contentType);
        // curl -d sends this type whatever the data; the body is read as if no type had been given.
        if (type.equals("application/x-www-form-urlencoded")) type = "";
        boolean ndjsonType = type.equals("application/x-ndjson") || type.equals("application/ndjson")
                || type.equals("application/jsonl") || type.equals("application/x-jsonlines")
                || type.equals("application/jsonlines");
        if (!ndjsonType && !type.isEmpty() && !type.equals("application/json") && !type.equals("text/plain")
                && !type.endsWith("+json")) {
            throw new IngestException(415, 415, "unsupported media type " + type
                    + "; send application/json (one event or an array) or application/x-ndjson (one event per line)");
        }
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IngestException(400, "empty body; send one JSON event, a JSON array of events, or NDJSON");
        }
        if (ndjsonType) return lines(text);

        JsonNode whole;
        try {
            whole = JsonToAvro.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            if (looksLikeNdjson(text)) return lines(text);
            throw new IngestException(400, "malformed JSON" + where(e) + ": " + e.getOriginalMessage());
        }
        List<Item> items = new ArrayList<>();
        if (whole.isArray()) {
            if (whole.isEmpty()) throw new IngestException(400, "empty array: no events");
            for (int i = 0; i < whole.size(); i++) items.add(new Item(i, null, whole.get(i), null));
            return new Parsed(Format.ARRAY, items);
        }
        items.add(new Item(0, null, whole, null));
        return new Parsed(Format.SINGLE, items);
    }

    /** More than one non-blank line and the first of them a JSON value by itself. */
    private static boolean looksLikeNdjson(String text) {
        String[] lines = text.split("\n");
        int nonBlank = 0;
        String first = null;
        for (String line : lines) {
            if (line.isBlank()) continue;
            if (first == null) first = line;
            nonBlank++;
        }
        if (nonBlank < 2) return false;
        try {
            JsonToAvro.MAPPER.readTree(first);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    private static Parsed lines(String text) {
        List<Item> items = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) continue;
            try {
                items.add(new Item(items.size(), i + 1, JsonToAvro.MAPPER.readTree(line), null));
            } catch (JsonProcessingException e) {
                items.add(new Item(items.size(), i + 1, null, "malformed JSON" + where(e) + ": " + e.getOriginalMessage()));
            }
        }
        if (items.isEmpty()) throw new IngestException(400, "no events in the NDJSON body");
        return new Parsed(Format.NDJSON, items);
    }

    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        return location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String mediaType(String header) {
        if (header == null) return "";
        int semicolon = header.indexOf(';');
        return (semicolon < 0 ? header : header.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }
}
