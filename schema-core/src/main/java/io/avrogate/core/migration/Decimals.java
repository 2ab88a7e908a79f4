package io.avrogate.core.migration;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;

/** Decimal values in their generic Avro form (bytes or fixed) to and from BigDecimal, exactly. */
final class Decimals {
    private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

    private Decimals() {}

    static BigDecimal read(Object value, Schema schema) {
        LogicalTypes.Decimal type = (LogicalTypes.Decimal) schema.getLogicalType();
        if (value instanceof ByteBuffer buffer) return DECIMAL.fromBytes(buffer.duplicate(), schema, type);
        return DECIMAL.fromFixed((GenericFixed) value, schema, type);
    }

    static Object write(BigDecimal value, Schema schema, String field) {
        LogicalTypes.Decimal type = (LogicalTypes.Decimal) schema.getLogicalType();
        BigDecimal scaled;
        try {
            scaled = value.setScale(type.getScale(), RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new TranslationException(field, value.toPlainString() + " needs more than " + type.getScale()
                    + " decimal places");
        }
        if (scaled.precision() > type.getPrecision()) {
            throw new TranslationException(field, value.toPlainString() + " has more than " + type.getPrecision()
                    + " digits");
        }
        return schema.getType() == Schema.Type.FIXED
                ? DECIMAL.toFixed(scaled, schema, type)
                : DECIMAL.toBytes(scaled, schema, type);
    }
}
