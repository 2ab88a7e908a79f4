package io.avrogate.connect;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The names and properties by which Confluent's converter annotates Avro schemas with Connect metadata (and Connect
 * schemas with Avro metadata), plus its name scrubbing. Kept in one place because both directions must agree on them
 * byte for byte: a schema registered by Confluent's converter must read identically with ours.
 */
final class ConnectAvroNames {
    static final String NAMESPACE = "io.confluent.connect.avro";
    static final String DEFAULT_RECORD_NAME = "ConnectDefault";
    static final String DEFAULT_RECORD_FULL_NAME = NAMESPACE + "." + DEFAULT_RECORD_NAME;
    static final String MAP_ENTRY = "MapEntry";
    static final String KEY = "key";
    static final String VALUE = "value";

    // Avro schema properties carrying Connect metadata.
    static final String CONNECT_NAME = "connect.name";
    static final String CONNECT_DOC = "connect.doc";
    static final String CONNECT_VERSION = "connect.version";
    static final String CONNECT_DEFAULT = "connect.default";
    static final String CONNECT_PARAMETERS = "connect.parameters";
    static final String CONNECT_TYPE = "connect.type";
    static final String CONNECT_INTERNAL_TYPE = "connect.internal.type";
    static final String CONNECT_RECORD_DOC = "connect.record.doc";
    static final String CONNECT_ENUM_DOC = "connect.enum.doc";
    static final String CONNECT_FIXED_SIZE = "connect.fixed.size";
    static final String CONNECT_DECIMAL_PRECISION = "connect.decimal.precision";
    static final int DEFAULT_DECIMAL_PRECISION = 64;

    // Connect schema parameters carrying Avro metadata.
    static final String RECORD_DOC = NAMESPACE + ".record.doc";
    static final String FIELD_DOC_PREFIX = NAMESPACE + ".field.doc.";
    static final String ENUM_DOC_PREFIX = NAMESPACE + ".enum.doc.";
    static final String ENUM_DEFAULT_PREFIX = NAMESPACE + ".enum.default.";
    /** Marks a Connect default that came from an Avro field default (so it is not written back as connect.default). */
    static final String FIELD_DEFAULT_FLAG = NAMESPACE + ".field.default";
    static final String AVRO_UNION = NAMESPACE + ".Union";
    static final String AVRO_ENUM = NAMESPACE + ".Enum";
    static final String GENERALIZED_ENUM = "org.apache.kafka.connect.data.Enum";
    static final String GENERALIZED_UNION = "org.apache.kafka.connect.data.Union";
    static final String GENERALIZED_UNION_PREFIX = "connect_union_";
    static final String GENERALIZED_UNION_FIELD_PREFIX = GENERALIZED_UNION_PREFIX + "field_";

    /** Schema parameters starting with this are copied to Avro properties and back. */
    static final String AVRO_PROP_PREFIX = "avro";

    private ConnectAvroNames() {}

    /**
     * A valid Avro name for {@code name} when scrubbing is on: URL-encoded, every character other than letters,
     * digits and {@code _} replaced by {@code _}, and an {@code x} in front of a leading digit.
     */
    static String scrub(String name, boolean scrub) {
        if (!scrub || name == null || name.isEmpty() || isValid(name)) return name;
        String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8);
        if (encoded.charAt(0) >= '0' && encoded.charAt(0) <= '9') encoded = "x" + encoded;
        StringBuilder result = new StringBuilder(encoded);
        for (int i = 0; i < result.length(); i++) {
            if (!isNameChar(result.charAt(i))) result.setCharAt(i, '_');
        }
        return result.toString();
    }

    private static boolean isValid(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (!isNameChar(name.charAt(i))) return false;
        }
        char first = name.charAt(0);
        return first < '0' || first > '9';
    }

    private static boolean isNameChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }

    /** {namespace (or null), simple name} of a dotted full name, each part scrubbed when asked. */
    static String[] split(String fullName, boolean scrub) {
        if (fullName == null || fullName.isEmpty()) return new String[] {null, fullName};
        String[] parts = fullName.split("\\.");
        for (int i = 0; i < parts.length; i++) parts[i] = scrub(parts[i], scrub);
        if (parts.length <= 1) return new String[] {null, parts.length == 0 ? "" : parts[0]};
        return new String[] {String.join(".", java.util.Arrays.copyOf(parts, parts.length - 1)), parts[parts.length - 1]};
    }

    static String scrubFullName(String name, boolean scrub) {
        if (name == null || !scrub) return name;
        String[] split = split(name, true);
        return split[0] == null ? split[1] : split[0] + "." + split[1];
    }
}
