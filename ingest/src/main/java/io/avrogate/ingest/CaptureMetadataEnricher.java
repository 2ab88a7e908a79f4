package io.avrogate.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.core.json.BytesEncoding;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.regex.Pattern;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;

/**
 * Puts what the ingest service knows about an event's capture, its receive time and the client's address, into the
 * event's metadata record, kept apart from the tracked payload (as {@code app-events-value} separates
 * {@code metadata} from {@code payload}).
 *
 * <p>It acts only where the schema asks for it: the top-level field named {@code metadata} (by default) must be a
 * record (or a nullable record), and within it
 * <ul>
 *   <li>{@code received_at}: a {@code timestamp-millis/-micros/-nanos} long (set in that unit) or a string (set to
 *       the ISO-8601 instant);</li>
 *   <li>{@code client_address} and/or {@code client_ip}: a string (the textual address), or {@code fixed(16)} /
 *       {@code bytes} (the IPv6 address, IPv4 mapped into IPv6).</li>
 * </ul>
 * These are the server's facts, so they replace whatever the client sent under those names. A schema without such a
 * record or fields is left alone, and so is an event whose metadata is not a JSON object (conversion reports it).
 */
public final class CaptureMetadataEnricher implements EventEnricher {
    public static final String DEFAULT_RECORD_FIELD = "metadata";

    private final String recordField;
    private final BytesEncoding bytesEncoding;

    public CaptureMetadataEnricher() {
        this(DEFAULT_RECORD_FIELD, BytesEncoding.BASE64);
    }

    /** @param bytesEncoding how the converter reads bytes, so an address put into a bytes field reads back right */
    public CaptureMetadataEnricher(String recordField, BytesEncoding bytesEncoding) {
        this.recordField = recordField;
        this.bytesEncoding = bytesEncoding;
    }

    @Override
    public void enrich(ObjectNode event, Schema schema, Request request) {
        if (schema.getType() != Schema.Type.RECORD) return;
        Schema.Field field = schema.getField(recordField);
        if (field == null) return;
        Schema metadata = recordOf(field.schema());
        if (metadata == null) return;
        JsonNode existing = event.get(recordField);
        if (existing != null && !existing.isObject() && !existing.isNull()) return;
        ObjectNode target = existing instanceof ObjectNode object ? object : event.putObject(recordField);

        Schema.Field receivedAt = metadata.getField("received_at");
        if (receivedAt != null) putTime(target, receivedAt, request.receivedAt());
        if (request.clientAddress() != null) {
            for (String name : new String[] {"client_address", "client_ip"}) {
                Schema.Field address = metadata.getField(name);
                if (address != null) putAddress(target, address, request.clientAddress());
            }
        }
    }

    /** The record type of a field: itself, or the only record branch of a nullable union. */
    private static Schema recordOf(Schema schema) {
        if (schema.getType() == Schema.Type.RECORD) return schema;
        if (schema.getType() != Schema.Type.UNION) return null;
        Schema found = null;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() == Schema.Type.RECORD) {
                if (found != null) return null;
                found = branch;
            }
        }
        return found;
    }

    /** The non-null branch of a nullable field, or the field's own schema. */
    private static Schema valueSchema(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) return schema;
        for (Schema branch : schema.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) return branch;
        }
        return schema;
    }

    private static void putTime(ObjectNode target, Schema.Field field, Instant at) {
        Schema schema = valueSchema(field.schema());
        LogicalType logical = schema.getLogicalType();
        String name = logical == null ? "" : logical.getName();
        switch (name) {
            case "timestamp-millis" -> target.put(field.name(), at.toEpochMilli());
            case "timestamp-micros" -> target.put(field.name(), ChronoUnit.MICROS.between(Instant.EPOCH, at));
            case "timestamp-nanos" -> target.put(field.name(), ChronoUnit.NANOS.between(Instant.EPOCH, at));
            default -> {
                if (schema.getType() == Schema.Type.STRING) target.put(field.name(), at.toString());
            }
        }
    }

    private void putAddress(ObjectNode target, Schema.Field field, String address) {
        Schema schema = valueSchema(field.schema());
        switch (schema.getType()) {
            case STRING -> target.put(field.name(), address);
            case FIXED, BYTES -> {
                if (schema.getType() == Schema.Type.FIXED && schema.getFixedSize() != 16) return;
                byte[] ipv6 = ipv6Bytes(address);
                if (ipv6 == null) return;
                target.put(field.name(), bytesEncoding == BytesEncoding.BASE64
                        ? Base64.getEncoder().encodeToString(ipv6)
                        : new String(ipv6, StandardCharsets.ISO_8859_1));
            }
            default -> { }
        }
    }

    // Compiled once: this runs for every event of a request.
    private static final Pattern IP_CHARACTERS = Pattern.compile("[0-9a-fA-F:.%a-zA-Z]+");
    private static final Pattern IPV4_CHARACTERS = Pattern.compile("[0-9.]+");

    /** 16 bytes of an IPv6 address, IPv4 mapped as ::ffff:a.b.c.d; null for anything that is not an IP literal. */
    static byte[] ipv6Bytes(String address) {
        String literal = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!IP_CHARACTERS.matcher(literal).matches()
                || (!literal.contains(":") && !IPV4_CHARACTERS.matcher(literal).matches())) return null;
        try {
            byte[] raw = InetAddress.getByName(literal).getAddress(); // a literal: no name lookup happens
            if (raw.length == 16) return raw;
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
