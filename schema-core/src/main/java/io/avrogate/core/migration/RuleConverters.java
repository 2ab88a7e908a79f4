package io.avrogate.core.migration;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;

/** Converters for the named conversions and enum maps a field rule may ask for. */
final class RuleConverters {
    private static final int MICROS_SCALE = 6;

    private RuleConverters() {}

    /**
     * Compiles the conversion of a non-null source value of {@code source} into {@code target} (both already
     * unwrapped from nullable unions). Returns null after adding an error when the two types do not fit.
     */
    static ValueConverter compile(FieldRule rule, Schema source, Schema target, String field, List<MappingProblem> problems) {
        if (!rule.enumMap().isEmpty() || rule.enumDefault() != null) {
            return enumMap(rule, source, target, field, problems);
        }
        Schema.Type s = source.getType();
        Schema.Type t = target.getType();
        return switch (rule.convert()) {
            case NONE -> StructuralConverters.compile(source, target, field, problems);
            case MICROS_TO_MILLIS -> require(s == Schema.Type.LONG && t == Schema.Type.LONG, rule, source, target, field, problems,
                    v -> Math.floorDiv((Long) v, 1000L));
            case MILLIS_TO_MICROS -> require(s == Schema.Type.LONG && t == Schema.Type.LONG, rule, source, target, field, problems,
                    v -> {
                        try {
                            return Math.multiplyExact((Long) v, 1000L);
                        } catch (ArithmeticException e) {
                            throw new TranslationException(field, v + " ms does not fit in microseconds");
                        }
                    });
            case MICROS_TO_DECIMAL -> require((s == Schema.Type.LONG || s == Schema.Type.INT)
                            && target.getLogicalType() instanceof LogicalTypes.Decimal, rule, source, target, field, problems,
                    v -> Decimals.write(BigDecimal.valueOf(((Number) v).longValue(), MICROS_SCALE), target, field));
            case DECIMAL_TO_MICROS -> require(source.getLogicalType() instanceof LogicalTypes.Decimal
                            && (t == Schema.Type.LONG || t == Schema.Type.INT), rule, source, target, field, problems,
                    v -> {
                        BigDecimal micros = Decimals.read(v, source).movePointRight(MICROS_SCALE);
                        try {
                            long exact = micros.longValueExact();
                            return t == Schema.Type.INT ? Math.toIntExact(exact) : exact;
                        } catch (ArithmeticException e) {
                            throw new TranslationException(field, Decimals.read(v, source).toPlainString()
                                    + " is not a whole number of millionths that fits a " + t.getName());
                        }
                    });
            case TO_STRING -> require(t == Schema.Type.STRING && s != Schema.Type.BYTES && s != Schema.Type.RECORD
                            && s != Schema.Type.ARRAY && s != Schema.Type.MAP && s != Schema.Type.FIXED,
                    rule, source, target, field, problems, v -> v.toString());
            case NARROW -> {
                if (s == Schema.Type.LONG && t == Schema.Type.INT) {
                    yield v -> {
                        long l = (Long) v;
                        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                            throw new TranslationException(field, l + " does not fit in an int");
                        }
                        return (int) l;
                    };
                }
                yield require(s == Schema.Type.DOUBLE && t == Schema.Type.FLOAT, rule, source, target, field, problems,
                        v -> {
                            double d = (Double) v;
                            if (Double.isFinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                                throw new TranslationException(field, d + " does not fit in a float");
                            }
                            return (float) d;
                        });
            }
        };
    }

    private static ValueConverter require(boolean fits, FieldRule rule, Schema source, Schema target, String field,
                                          List<MappingProblem> problems, ValueConverter converter) {
        if (fits) return converter;
        problems.add(MappingProblem.error(field, "conversion '" + rule.convert().yamlName() + "' cannot turn "
                + StructuralConverters.describe(source) + " into " + StructuralConverters.describe(target)));
        return null;
    }

    private static ValueConverter enumMap(FieldRule rule, Schema source, Schema target, String field,
                                          List<MappingProblem> problems) {
        if (target.getType() != Schema.Type.ENUM) {
            problems.add(MappingProblem.error(field, "an 'enum' map needs an enum target, not " + StructuralConverters.describe(target)));
            return null;
        }
        if (source.getType() != Schema.Type.ENUM && source.getType() != Schema.Type.STRING) {
            problems.add(MappingProblem.error(field, "an 'enum' map reads an enum or a string, not "
                    + StructuralConverters.describe(source)));
            return null;
        }
        boolean ok = true;
        for (Map.Entry<String, String> e : rule.enumMap().entrySet()) {
            if (!target.hasEnumSymbol(e.getValue())) {
                problems.add(MappingProblem.error(field, "maps '" + e.getKey() + "' to '" + e.getValue()
                        + "', which is not a symbol of " + target.getFullName() + " " + target.getEnumSymbols()));
                ok = false;
            }
            if (source.getType() == Schema.Type.ENUM && !source.hasEnumSymbol(e.getKey())) {
                problems.add(MappingProblem.warning(field, "maps '" + e.getKey() + "', which is not a symbol of the source enum "
                        + source.getFullName()));
            }
        }
        String fallback = rule.enumDefault() != null ? rule.enumDefault() : target.getEnumDefault();
        if (rule.enumDefault() != null && !target.hasEnumSymbol(rule.enumDefault())) {
            problems.add(MappingProblem.error(field, "enum_default '" + rule.enumDefault() + "' is not a symbol of "
                    + target.getFullName()));
            ok = false;
        }
        Map<String, GenericData.EnumSymbol> table = new HashMap<>();
        if (source.getType() == Schema.Type.ENUM) {
            for (String symbol : source.getEnumSymbols()) {
                String chosen = rule.enumMap().get(symbol);
                if (chosen == null) chosen = target.hasEnumSymbol(symbol) ? symbol : fallback;
                if (chosen == null) {
                    problems.add(MappingProblem.error(field, "source symbol '" + symbol + "' is not mapped, is not a symbol"
                            + " of the target, and there is no enum_default: the map is not total"));
                    ok = false;
                } else if (target.hasEnumSymbol(chosen)) {
                    table.put(symbol, new GenericData.EnumSymbol(target, chosen));
                }
            }
        } else {
            rule.enumMap().forEach((k, v) -> {
                if (target.hasEnumSymbol(v)) table.put(k, new GenericData.EnumSymbol(target, v));
            });
            for (String symbol : target.getEnumSymbols()) {
                table.putIfAbsent(symbol, new GenericData.EnumSymbol(target, symbol));
            }
        }
        if (!ok) return null;
        GenericData.EnumSymbol fallbackSymbol = fallback == null || !target.hasEnumSymbol(fallback)
                ? null : new GenericData.EnumSymbol(target, fallback);
        return v -> {
            GenericData.EnumSymbol symbol = table.get(v.toString());
            if (symbol != null) return symbol;
            if (fallbackSymbol != null) return fallbackSymbol;
            throw new TranslationException(field, "'" + v + "' has no symbol in " + target.getFullName());
        };
    }
}
