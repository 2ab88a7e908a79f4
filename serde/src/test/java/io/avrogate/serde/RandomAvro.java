package io.avrogate.serde;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.Conversion;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.Utf8;

/**
 * Seeded random Avro for the differential codec test: schemas (every type, logical types, nesting, recursion),
 * evolutions of a schema (dropped, added-with-default, reordered, renamed-with-alias fields, promotions, enum
 * symbols added or removed with a default, union branches added, values widened into unions) and values of a schema.
 * Evolutions are not filtered for compatibility: Avro's own reader says whether a pair resolves, and the compiled
 * reader must say the same.
 */
final class RandomAvro {
    private final Random random;
    private int names;

    RandomAvro(long seed) {
        this.random = new Random(seed);
    }

    Random random() {
        return random;
    }

    // ---- schemas ----

    Schema record(int depth) {
        Schema record = Schema.createRecord("R" + names++, null, "ns.r", false);
        int count = 1 + random.nextInt(depth == 0 ? 8 : 4);
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < count; i++) fields.add(new Schema.Field("f" + i, schema(depth + 1, record), null, (Object) null));
        if (random.nextInt(8) == 0) { // recursive: a nullable reference to itself
            fields.add(new Schema.Field("self", Schema.createUnion(Schema.create(Schema.Type.NULL), record), null,
                    JsonProperties.NULL_VALUE));
        }
        record.setFields(fields);
        return record;
    }

    private Schema schema(int depth, Schema enclosing) {
        int pick = random.nextInt(depth > 3 ? 11 : 17);
        switch (pick) {
            case 0: return Schema.create(Schema.Type.BOOLEAN);
            case 1: return Schema.create(Schema.Type.INT);
            case 2: return Schema.create(Schema.Type.LONG);
            case 3: return Schema.create(Schema.Type.FLOAT);
            case 4: return Schema.create(Schema.Type.DOUBLE);
            case 5: {
                Schema string = Schema.create(Schema.Type.STRING);
                if (random.nextBoolean()) string.addProp(GenericData.STRING_PROP, "String");
                return string;
            }
            case 6: return Schema.create(Schema.Type.BYTES);
            case 7: return Schema.createFixed("X" + names++, null, "ns.x", 1 + random.nextInt(6));
            case 8: return enumSchema();
            case 9: case 10: return logical();
            case 11: return Schema.createArray(schema(depth + 1, enclosing));
            case 12: {
                Schema map = Schema.createMap(schema(depth + 1, enclosing));
                if (random.nextBoolean()) map.addProp(GenericData.STRING_PROP, "String");
                return map;
            }
            case 13: return Schema.createUnion(Schema.create(Schema.Type.NULL), nonUnion(depth + 1, enclosing));
            case 14: return multiUnion(depth + 1, enclosing);
            default: return record(depth + 1);
        }
    }

    private Schema nonUnion(int depth, Schema enclosing) {
        Schema schema;
        do schema = schema(depth, enclosing); while (schema.getType() == Schema.Type.UNION);
        return schema;
    }

    /** A union of distinct unnamed types plus maybe a record, the way a union must be. */
    private Schema multiUnion(int depth, Schema enclosing) {
        List<Schema.Type> candidates = new ArrayList<>(List.of(Schema.Type.NULL, Schema.Type.INT, Schema.Type.LONG,
                Schema.Type.STRING, Schema.Type.DOUBLE, Schema.Type.BOOLEAN, Schema.Type.BYTES, Schema.Type.FLOAT));
        Collections.shuffle(candidates, random);
        List<Schema> branches = new ArrayList<>();
        for (Schema.Type type : candidates.subList(0, 2 + random.nextInt(3))) branches.add(Schema.create(type));
        if (depth < 4 && random.nextBoolean()) branches.add(record(depth + 1));
        if (random.nextBoolean()) branches.add(Schema.createArray(Schema.create(Schema.Type.INT)));
        return Schema.createUnion(branches);
    }

    private Schema enumSchema() {
        int count = 1 + random.nextInt(5);
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < count; i++) symbols.add("S" + i);
        String defaultSymbol = random.nextBoolean() ? symbols.get(random.nextInt(count)) : null;
        return Schema.createEnum("E" + names++, null, "ns.e", symbols, defaultSymbol);
    }

    private Schema logical() {
        switch (random.nextInt(11)) {
            case 0: return LogicalTypes.decimal(9, 2).addToSchema(Schema.create(Schema.Type.BYTES));
            case 1: return LogicalTypes.decimal(6, 3).addToSchema(Schema.createFixed("D" + names++, null, "ns.d", 4));
            case 2: return LogicalTypes.uuid().addToSchema(Schema.create(Schema.Type.STRING));
            case 3: return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
            case 4: return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
            case 5: return LogicalTypes.timeMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case 6: return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case 7: return LogicalTypes.timestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            case 8: return LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
            case 9: return LogicalTypes.localTimestampMicros().addToSchema(Schema.create(Schema.Type.LONG));
            default: return LogicalTypes.timestampNanos().addToSchema(Schema.create(Schema.Type.LONG));
        }
    }

    // ---- evolutions ----

    /** A reader schema derived from {@code writer} by random edits; names stay, so Avro can match records. */
    Schema evolve(Schema writer) {
        return evolve(writer, new IdentityHashMap<>());
    }

    private Schema evolve(Schema schema, Map<Schema, Schema> done) {
        Schema already = done.get(schema);
        if (already != null) return already;
        switch (schema.getType()) {
            case RECORD: return evolveRecord(schema, done);
            case ENUM: return evolveEnum(schema);
            case ARRAY: return Schema.createArray(evolve(schema.getElementType(), done));
            case MAP: {
                Schema map = Schema.createMap(evolve(schema.getValueType(), done));
                if (random.nextBoolean()) map.addProp(GenericData.STRING_PROP, "String");
                return map;
            }
            case UNION: {
                List<Schema> branches = new ArrayList<>();
                for (Schema branch : schema.getTypes()) {
                    if (branch.getType() != Schema.Type.NULL && random.nextInt(6) == 0) continue; // branch dropped
                    branches.add(evolveBranch(branch, done));
                }
                if (branches.isEmpty()) branches.add(evolveBranch(schema.getTypes().get(0), done));
                if (random.nextInt(4) == 0 && branches.stream().noneMatch(b -> b.getType() == Schema.Type.DOUBLE)) {
                    branches.add(Schema.create(Schema.Type.DOUBLE)); // a promotion target branch
                }
                Collections.shuffle(branches, random);
                if (schema.getTypes().get(0).getType() == Schema.Type.NULL) { // a null default stays valid
                    branches.sort((a, b) -> Boolean.compare(b.getType() == Schema.Type.NULL, a.getType() == Schema.Type.NULL));
                }
                return Schema.createUnion(branches);
            }
            default: return evolvePrimitive(schema);
        }
    }

    /** Unnamed branches stay as they are: promoting one could duplicate a type or nest a union. */
    private Schema evolveBranch(Schema branch, Map<Schema, Schema> done) {
        return switch (branch.getType()) {
            case RECORD, ENUM, ARRAY, MAP -> evolve(branch, done);
            default -> branch;
        };
    }

    private Schema evolvePrimitive(Schema schema) {
        if (schema.getLogicalType() != null || random.nextInt(3) > 0) return copyPrimitive(schema);
        Schema.Type to = switch (schema.getType()) {
            case INT -> List.of(Schema.Type.LONG, Schema.Type.FLOAT, Schema.Type.DOUBLE).get(random.nextInt(3));
            case LONG -> random.nextBoolean() ? Schema.Type.FLOAT : Schema.Type.DOUBLE;
            case FLOAT -> Schema.Type.DOUBLE;
            case STRING -> Schema.Type.BYTES;
            case BYTES -> Schema.Type.STRING;
            default -> schema.getType();
        };
        if (to == schema.getType()) return copyPrimitive(schema);
        if (random.nextInt(5) == 0) return Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(to));
        Schema promoted = Schema.create(to);
        if (to == Schema.Type.STRING && random.nextBoolean()) promoted.addProp(GenericData.STRING_PROP, "String");
        return promoted;
    }

    private Schema copyPrimitive(Schema schema) {
        if (schema.getType() == Schema.Type.FIXED || schema.getType() == Schema.Type.ENUM) return schema;
        if (random.nextInt(8) == 0 && schema.getLogicalType() == null) {
            return Schema.createUnion(Schema.create(Schema.Type.NULL), schema); // widened into a union
        }
        return schema;
    }

    private Schema evolveEnum(Schema schema) {
        List<String> symbols = new ArrayList<>(schema.getEnumSymbols());
        if (random.nextInt(3) == 0) symbols.add("ADDED" + random.nextInt(3));
        if (symbols.size() > 1 && random.nextInt(3) == 0) symbols.remove(random.nextInt(symbols.size()));
        symbols = new ArrayList<>(new java.util.LinkedHashSet<>(symbols));
        String defaultSymbol = random.nextBoolean() ? symbols.get(random.nextInt(symbols.size())) : schema.getEnumDefault();
        if (defaultSymbol != null && !symbols.contains(defaultSymbol)) defaultSymbol = null;
        return Schema.createEnum(schema.getName(), null, schema.getNamespace(), symbols, defaultSymbol);
    }

    private Schema evolveRecord(Schema schema, Map<Schema, Schema> done) {
        Schema record = Schema.createRecord(schema.getName(), null, schema.getNamespace(), false);
        done.put(schema, record);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : schema.getFields()) {
            if (random.nextInt(8) == 0) continue; // dropped by the reader
            String name = field.name();
            Schema.Field copy;
            if (random.nextInt(8) == 0) { // renamed, the old name kept as an alias
                copy = new Schema.Field(name + "_renamed", evolve(field.schema(), done), null, field.defaultVal());
                copy.addAlias(name);
            } else {
                copy = new Schema.Field(name, evolve(field.schema(), done), null, field.defaultVal());
            }
            fields.add(copy);
        }
        if (random.nextInt(3) == 0) fields.add(addedField(fields.size()));
        if (random.nextInt(3) == 0) Collections.shuffle(fields, random);
        record.setFields(fields);
        return record;
    }

    private Schema.Field addedField(int n) {
        switch (random.nextInt(7)) {
            case 0: return new Schema.Field("added" + n, Schema.create(Schema.Type.INT), null, 42);
            case 1: return new Schema.Field("added" + n, Schema.create(Schema.Type.STRING), null, "dflt");
            case 2: return new Schema.Field("added" + n, Schema.createUnion(Schema.create(Schema.Type.NULL),
                    Schema.create(Schema.Type.LONG)), null, JsonProperties.NULL_VALUE);
            case 3: return new Schema.Field("added" + n, Schema.createArray(Schema.create(Schema.Type.DOUBLE)), null,
                    List.of(1.5, 2.5));
            case 4: return new Schema.Field("added" + n, Schema.createMap(Schema.create(Schema.Type.STRING)), null,
                    Map.of("k", "v"));
            case 5: return new Schema.Field("added" + n, Schema.create(Schema.Type.BYTES), null, "\u0001\u0002");
            default: return new Schema.Field("added" + n, Schema.create(Schema.Type.INT), null); // no default: error
        }
    }

    // ---- values ----

    /** A value of {@code schema}; logical types as the converted Java type where {@code data} converts them. */
    Object value(Schema schema, GenericData data, int depth) {
        LogicalType logicalType = schema.getLogicalType();
        Conversion<?> conversion = logicalType == null ? null : data.getConversionFor(logicalType);
        if (conversion != null) return logicalValue(logicalType);
        if (logicalType != null) return rawLogicalValue(schema, logicalType);
        switch (schema.getType()) {
            case NULL: return null;
            case BOOLEAN: return random.nextBoolean();
            case INT: return random.nextInt(5) == 0 ? random.nextInt() : random.nextInt(200) - 100;
            case LONG: return random.nextInt(5) == 0 ? random.nextLong() : (long) random.nextInt(100_000);
            case FLOAT: return random.nextInt(20) == 0 ? Float.NaN : random.nextFloat() * 100;
            case DOUBLE: return random.nextInt(20) == 0 ? Double.NEGATIVE_INFINITY : random.nextGaussian() * 1e6;
            case STRING: {
                String text = text();
                return "String".equals(schema.getProp(GenericData.STRING_PROP)) || random.nextBoolean() ? text : new Utf8(text);
            }
            case BYTES: return ByteBuffer.wrap(bytes(random.nextInt(6)));
            case FIXED: return new GenericData.Fixed(schema, bytes(schema.getFixedSize()));
            case ENUM: return new GenericData.EnumSymbol(schema, schema.getEnumSymbols().get(random.nextInt(schema.getEnumSymbols().size())));
            case ARRAY: {
                int size = depth > 6 ? 0 : random.nextInt(4);
                GenericData.Array<Object> array = new GenericData.Array<>(size, schema);
                for (int i = 0; i < size; i++) array.add(value(schema.getElementType(), data, depth + 1));
                return array;
            }
            case MAP: {
                int size = depth > 6 ? 0 : random.nextInt(4);
                Map<Object, Object> map = random.nextBoolean() ? new HashMap<>() : new LinkedHashMap<>();
                for (int i = 0; i < size; i++) map.put(new Utf8("k" + random.nextInt(10)), value(schema.getValueType(), data, depth + 1));
                return map;
            }
            case UNION: {
                List<Schema> types = schema.getTypes();
                Schema branch = types.get(random.nextInt(types.size()));
                if (depth > 6) branch = types.stream().filter(t -> t.getType() == Schema.Type.NULL).findFirst().orElse(branch);
                return value(branch, data, depth + 1);
            }
            case RECORD: {
                GenericData.Record record = new GenericData.Record(schema);
                for (Schema.Field field : schema.getFields()) record.put(field.pos(), value(field.schema(), data, depth + 1));
                return record;
            }
            default: throw new IllegalStateException(schema.toString());
        }
    }

    private Object logicalValue(LogicalType logicalType) {
        return switch (logicalType.getName()) {
            case "decimal" -> new BigDecimal(BigInteger.valueOf(random.nextInt(2_000_000) - 1_000_000),
                    ((LogicalTypes.Decimal) logicalType).getScale());
            case "uuid" -> new UUID(random.nextLong(), random.nextLong());
            case "date" -> LocalDate.ofEpochDay(random.nextInt(40_000) - 20_000);
            case "time-millis" -> LocalTime.ofNanoOfDay(random.nextInt(86_400_000) * 1_000_000L);
            case "time-micros" -> LocalTime.ofNanoOfDay((long) random.nextInt(86_400_000) * 1_000_000L + random.nextInt(1000) * 1000L);
            case "timestamp-millis" -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L);
            case "timestamp-micros" -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L).plus(random.nextInt(1000), ChronoUnit.MICROS);
            case "timestamp-nanos" -> Instant.ofEpochMilli(random.nextLong() % 4_000_000_000_000L).plusNanos(random.nextInt(1_000_000));
            case "local-timestamp-millis" -> LocalDateTime.ofEpochSecond(random.nextInt(2_000_000_000), 0, ZoneOffset.UTC)
                    .plus(random.nextInt(1000), ChronoUnit.MILLIS);
            case "local-timestamp-micros" -> LocalDateTime.ofEpochSecond(random.nextInt(2_000_000_000), 0, ZoneOffset.UTC)
                    .plus(random.nextInt(1_000_000), ChronoUnit.MICROS);
            default -> throw new IllegalStateException(logicalType.getName());
        };
    }

    private Object rawLogicalValue(Schema schema, LogicalType logicalType) {
        return switch (logicalType.getName()) {
            case "decimal" -> schema.getType() == Schema.Type.FIXED
                    ? new GenericData.Fixed(schema, bytes(schema.getFixedSize())) : ByteBuffer.wrap(bytes(1 + random.nextInt(4)));
            case "uuid" -> new Utf8(new UUID(random.nextLong(), random.nextLong()).toString());
            case "date", "time-millis" -> random.nextInt(86_400_000);
            default -> random.nextLong() % 4_000_000_000_000_000L;
        };
    }

    private String text() {
        int length = random.nextInt(8);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) text.append(random.nextInt(10) == 0 ? 'é' : (char) ('a' + random.nextInt(26)));
        return text.toString();
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
