package io.avrogate.connect;

import static io.avrogate.connect.ConnectAvroNames.AVRO_ENUM;
import static io.avrogate.connect.ConnectAvroNames.AVRO_UNION;
import static io.avrogate.connect.ConnectAvroNames.CONNECT_FIXED_SIZE;
import static io.avrogate.connect.ConnectAvroNames.GENERALIZED_ENUM;
import static io.avrogate.connect.ConnectAvroNames.GENERALIZED_UNION;
import static io.avrogate.connect.ConnectAvroNames.GENERALIZED_UNION_FIELD_PREFIX;

import org.apache.kafka.connect.data.Schema;

/**
 * The settings of {@link AvroDataConfig} that shape the mapping, and the small rules both directions share: which
 * Connect schemas stand for Avro unions, enums and fixed, and what a union branch is called as a Connect field.
 */
record MappingRules(boolean enhanced, boolean connectMetaData, boolean scrubNames, boolean ignoreDefaultForNullables,
                    boolean generalizedSumTypes, boolean discardTypeDocDefault, boolean allowOptionalMapKeys,
                    boolean flattenSingletonUnions) {

    static MappingRules of(AvroDataConfig config) {
        return new MappingRules(config.enhanced(), config.connectMetaData(), config.scrubInvalidNames(),
                config.ignoreDefaultForNullables(), config.generalizedSumTypes(), config.discardTypeDocDefault(),
                config.allowOptionalMapKeys(), config.flattenSingletonUnions());
    }

    static boolean isUnion(Schema schema) {
        return AVRO_UNION.equals(schema.name())
                || (schema.parameters() != null && schema.parameters().containsKey(GENERALIZED_UNION));
    }

    static boolean isEnum(Schema schema) {
        return schema.type() == Schema.Type.STRING && schema.parameters() != null
                && (schema.parameters().containsKey(GENERALIZED_ENUM) || schema.parameters().containsKey(AVRO_ENUM));
    }

    static boolean isGeneralizedEnum(Schema schema) {
        return schema != null && schema.parameters() != null && schema.parameters().containsKey(GENERALIZED_ENUM);
    }

    static boolean isFixed(Schema schema) {
        return schema.type() == Schema.Type.BYTES && schema.name() != null && schema.parameters() != null
                && schema.parameters().containsKey(CONNECT_FIXED_SIZE);
    }

    static int fixedSize(Schema schema) {
        return Integer.parseInt(schema.parameters().get(CONNECT_FIXED_SIZE));
    }

    /** The enum parameter this configuration reads and writes. */
    String enumParameter() {
        return generalizedSumTypes ? GENERALIZED_ENUM : AVRO_ENUM;
    }

    /** The Connect field name of the Avro union branch at {@code index}. */
    String branchName(org.apache.avro.Schema branch, int index) {
        if (generalizedSumTypes) return GENERALIZED_UNION_FIELD_PREFIX + index;
        return switch (branch.getType()) {
            case RECORD, ENUM, FIXED -> enhanced ? branch.getFullName() : branch.getName();
            default -> branch.getType().getName();
        };
    }

    /** The Connect field name of a Connect union member at {@code index}, as {@link #branchName} names its Avro form. */
    String branchName(Schema member, int index) {
        if (generalizedSumTypes) return GENERALIZED_UNION_FIELD_PREFIX + index;
        if (member.type() == Schema.Type.STRUCT || isEnum(member) || isFixed(member)) {
            return enhanced ? ConnectAvroNames.scrubFullName(member.name(), scrubNames)
                    : ConnectAvroNames.split(member.name(), scrubNames)[1];
        }
        return avroTypeName(member.type());
    }

    /** The Avro primitive or complex type name a Connect type is written as. */
    static String avroTypeName(Schema.Type type) {
        return switch (type) {
            case INT8, INT16, INT32 -> "int";
            case INT64 -> "long";
            case FLOAT32 -> "float";
            case FLOAT64 -> "double";
            case STRUCT -> "record";
            default -> type.getName(); // boolean, string, bytes, array, map
        };
    }
}
