package io.avrogate.bridge;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Header names the bridge writes. Provenance says where a bridged record came from (and lets anyone check for
 * duplicates by source offset); the marker stops a bridge from translating a record another bridge produced,
 * so two bridges in opposite directions never loop. Why a record was dead-lettered is said in the shared format of
 * {@link io.avrogate.serde.deadletter.DeadLetterHeaders}.
 */
public final class BridgeHeaders {
    /** Present on every record a bridge produced; its value is the mapping's name. */
    public static final String MARKER = "avrogate.bridge";
    public static final String SOURCE_TOPIC = "avrogate.bridge.source.topic";
    public static final String SOURCE_PARTITION = "avrogate.bridge.source.partition";
    public static final String SOURCE_OFFSET = "avrogate.bridge.source.offset";

    private BridgeHeaders() {}

    public static boolean isBridged(Headers headers) {
        return headers.lastHeader(MARKER) != null;
    }

    /** The header's value as UTF-8 text, or null when absent. */
    public static String text(Headers headers, String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] utf8(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }
}
