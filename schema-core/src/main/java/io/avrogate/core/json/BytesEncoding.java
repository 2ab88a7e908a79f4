package io.avrogate.core.json;

/** How a JSON string carries the content of a {@code bytes} or {@code fixed} value. */
public enum BytesEncoding {
    /**
     * RFC 4648 base64, standard or URL-safe alphabet, padding optional. The default: it is what JSON APIs and every
     * JSON library use for binary data.
     */
    BASE64,
    /**
     * One character per byte, code points 0-255 (ISO-8859-1), as Avro's own JSON encoding writes bytes. For data
     * exported with Avro's JSON encoder ({@code avro-tools tojson}).
     */
    ISO_8859_1
}
