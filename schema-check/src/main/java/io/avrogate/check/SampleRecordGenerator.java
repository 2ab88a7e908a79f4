package io.avrogate.check;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/**
 * Seeded records of a schema, as the bridge would decode them. Values are realistic for their logical type
 * (uuids, timestamps in this century, decimals within their precision) so that a mapping is exercised on every
 * field rather than stopped at the first overflow; one record in ten takes edge values (zero, negatives, the
 * largest numbers), which is where narrowing and decimal conversions break.
 */
final class SampleRecordGenerator {
    private static final long YEAR_2000_MS = 946_684_800_000L;
    private static final long CENTURY_MS = 100L * 365 * 24 * 3600 * 1000;

    private final Random random;
    private boolean edgy;

    SampleRecordGenerator(long seed) {
        this.random = new Random(seed);
    }

    Object next(Schema schema) {
        edgy = random.nextInt(10) == 0;
        return value(schema, 0);
    }

    private Object value(Schema schema, int depth) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case NULL: return null;
            case BOOLEAN: return random.nextBoolean();
            case INT:
                if (logical instanceof LogicalTypes.Date) return random.nextInt(50_000);
                if (logical instanceof LogicalTypes.TimeMillis) return random.nextInt(86_400_000);
                return edgy ? pick(0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE) : random.nextInt(10_000);
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.LocalTimestampMillis) {
                    return YEAR_2000_MS + (long) (random.nextDouble() * CENTURY_MS);
                }
                if (logical instanceof LogicalTypes.TimestampMicros || logical instanceof LogicalTypes.LocalTimestampMicros) {
                    return (YEAR_2000_MS + (long) (random.nextDouble() * CENTURY_MS)) * 1000 + random.nextInt(1000);
                }
                if (logical instanceof LogicalTypes.TimeMicros) return (long) random.nextInt(86_400_000) * 1000;
                return edgy ? pick(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE) : (long) random.nextInt(10_000_000);
            case FLOAT: return edgy ? pick(0f, -1f, Float.MAX_VALUE) : random.nextFloat() * 1000;
            case DOUBLE: return edgy ? pick(0d, -1d, Double.MAX_VALUE) : random.nextDouble() * 1000;
            case STRING:
                return logical != null && "uuid".equals(logical.getName()) ? new UUID(random.nextLong(), random.nextLong()).toString()
                        : "s" + Integer.toString(random.nextInt(1 << 20), 36);
            case BYTES:
                if (logical instanceof LogicalTypes.Decimal d) return ByteBuffer.wrap(decimal(d));
                return ByteBuffer.wrap(randomBytes(random.nextInt(8)));
            case FIXED: {
                if (logical instanceof LogicalTypes.Decimal d) {
                    byte[] unscaled = decimal(d);
                    byte[] out = new byte[schema.getFixedSize()];
                    byte pad = unscaled[0] < 0 ? (byte) -1 : 0;
                    java.util.Arrays.fill(out, pad);
                    System.arraycopy(unscaled, 0, out, out.length - unscaled.length, unscaled.length);
                    return new GenericData.Fixed(schema, out);
                }
                return new GenericData.Fixed(schema, randomBytes(schema.getFixedSize()));
            }
            case ENUM: {
                List<String> symbols = schema.getEnumSymbols();
                return new GenericData.EnumSymbol(schema, symbols.get(random.nextInt(symbols.size())));
            }
            case ARRAY: {
                int n = depth > 3 ? 0 : random.nextInt(3);
                List<Object> out = new ArrayList<>(n);
                for (int i = 0; i < n; i++) out.add(value(schema.getElementType(), depth + 1));
                return new GenericData.Array<>(schema, out);
            }
            case MAP: {
                int n = depth > 3 ? 0 : random.nextInt(3);
                Map<String, Object> out = new HashMap<>();
                for (int i = 0; i < n; i++) out.put("k" + i, value(schema.getValueType(), depth + 1));
                return out;
            }
            case RECORD: {
                GenericData.Record out = new GenericData.Record(schema);
                for (Schema.Field f : schema.getFields()) out.put(f.pos(), value(f.schema(), depth + 1));
                return out;
            }
            case UNION: {
                List<Schema> branches = schema.getTypes();
                // Deep recursive types end on their null branch.
                if (depth > 3) {
                    for (Schema b : branches) if (b.getType() == Schema.Type.NULL) return null;
                }
                return value(branches.get(random.nextInt(branches.size())), depth + 1);
            }
            default:
                throw new IllegalArgumentException("unsupported type " + schema.getType());
        }
    }

    private byte[] decimal(LogicalTypes.Decimal d) {
        int digits = edgy ? d.getPrecision() : Math.max(1, Math.min(d.getPrecision(), 1 + random.nextInt(d.getPrecision())));
        BigInteger max = BigInteger.TEN.pow(digits).subtract(BigInteger.ONE);
        BigInteger unscaled = edgy ? max : new BigInteger(max.bitLength() + 8, random).mod(max.add(BigInteger.ONE));
        if (random.nextInt(4) == 0) unscaled = unscaled.negate();
        return unscaled.toByteArray();
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    @SafeVarargs
    private <T> T pick(T... options) {
        return options[random.nextInt(options.length)];
    }
}
