package io.avrogate.core.json;

import static io.avrogate.core.json.Messages.describe;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The content of a {@code bytes} or {@code fixed} value from a JSON string in a {@link BytesEncoding}. */
final class BytesValues {
    private BytesValues() {}

    /** The bytes, or null after adding the reason to {@code errors}; {@code type} names the type in messages. */
    static byte[] decode(JsonNode node, BytesEncoding encoding, String type, String path, ConversionErrors errors) {
        if (!node.isTextual()) {
            errors.add(path, "expected " + type + " as a " + name(encoding) + " string, got " + describe(node));
            return null;
        }
        String text = node.textValue();
        if (encoding == BytesEncoding.ISO_8859_1) {
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) > 0xFF) {
                    errors.add(path, "expected " + type + " as an ISO-8859-1 string (code points 0-255), got character U+"
                            + String.format("%04X", (int) text.charAt(i)) + " at index " + i);
                    return null;
                }
            }
            return text.getBytes(StandardCharsets.ISO_8859_1);
        }
        try {
            boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
            return (urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
        } catch (IllegalArgumentException e) {
            errors.add(path, "expected " + type + " as a base64 string, got " + describe(node) + " (" + e.getMessage() + ")");
            return null;
        }
    }

    private static String name(BytesEncoding encoding) {
        return encoding == BytesEncoding.BASE64 ? "base64" : "ISO-8859-1";
    }
}
