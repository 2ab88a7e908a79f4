package io.avrogate.core.migration;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;

/**
 * Converters that follow Avro's schema-resolution rules (same type, numeric promotion, string/bytes, records by
 * field name with target defaults, enums by symbol, unions by branch), plus one safety rule Avro lacks: differing
 * timestamp units are refused rather than copied, because a silently reinterpreted timestamp is wrong data.
 * Problems are reported at compile time; a returned converter only fails on values (e.g. a null where none fits).
 */
final class StructuralConverters {
    private StructuralConverters() {}

    static ValueConverter compile(Schema source, Schema target, String field, List<MappingProblem> problems) {
        if (target.getType() == Schema.Type.UNION) {
            return toUnion(source, target, field, problems);
        }
        if (source.getType() == Schema.Type.UNION) {
            return fromUnion(source, target, field, problems);
        }
        String unitProblem = logicalMismatch(source, target);
        if (unitProblem != null) {
            problems.add(MappingProblem.error(field, unitProblem));
            return null;
        }
        Schema.Type s = source.getType();
        Schema.Type t = target.getType();
        if (s == t) {
            return switch (t) {
                case RECORD -> record(source, target, field, problems);
                case ENUM -> enumBySymbol(source, target, field, problems);
                case FIXED -> fixed(source, target, field, problems);
                case ARRAY -> array(source, target, field, problems);
                case MAP -> map(source, target, field, problems);
                case BYTES -> decimalRescale(source, target, field);
                default -> ValueConverter.IDENTITY;
            };
        }
        ValueConverter promotion = promotion(s, t);
        if (promotion != null) return promotion;
        problems.add(MappingProblem.error(field, "cannot convert " + describe(source) + " to " + describe(target)
                + " without a conversion"));
        return null;
    }

    static String describe(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        String base = switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> schema.getType().getName() + " " + schema.getFullName();
            case ARRAY -> "array";
            case MAP -> "map";
            default -> schema.getType().getName();
        };
        return logical == null ? base : base + " (" + logical.getName() + ")";
    }

    private static String logicalMismatch(Schema source, Schema target) {
        String s = source.getLogicalType() == null ? null : source.getLogicalType().getName();
        String t = target.getLogicalType() == null ? null : target.getLogicalType().getName();
        if (s == null || t == null || s.equals(t)) return null;
        boolean timestamps = s.contains("time") && t.contains("time");
        if (timestamps) {
            return describe(source) + " and " + describe(target) + " count different units: add"
                    + " 'convert: micros-to-millis' or 'convert: millis-to-micros'";
        }
        return null;
    }

    private static ValueConverter promotion(Schema.Type s, Schema.Type t) {
        return switch (s) {
            case INT -> switch (t) {
                case LONG -> v -> ((Integer) v).longValue();
                case FLOAT -> v -> ((Integer) v).floatValue();
                case DOUBLE -> v -> ((Integer) v).doubleValue();
                default -> null;
            };
            case LONG -> switch (t) {
                case FLOAT -> v -> ((Long) v).floatValue();
                case DOUBLE -> v -> ((Long) v).doubleValue();
                default -> null;
            };
            case FLOAT -> t == Schema.Type.DOUBLE ? v -> ((Float) v).doubleValue() : null;
            case STRING -> t == Schema.Type.BYTES
                    ? v -> ByteBuffer.wrap(v.toString().getBytes(StandardCharsets.UTF_8)) : null;
            case BYTES -> t == Schema.Type.STRING ? v -> {
                ByteBuffer buffer = ((ByteBuffer) v).duplicate();
                byte[] bytes = new byte[buffer.remaining()];
                buffer.get(bytes);
                return new String(bytes, StandardCharsets.UTF_8);
            } : null;
            default -> null;
        };
    }

    private static ValueConverter toUnion(Schema source, Schema target, String field, List<MappingProblem> problems) {
        if (source.getType() == Schema.Type.UNION) {
            List<Schema> branches = source.getTypes();
            List<ValueConverter> perBranch = new ArrayList<>(branches.size());
            for (Schema branch : branches) {
                ValueConverter c = toUnion(branch, target, field, problems);
                if (c == null) return null;
                perBranch.add(c);
            }
            return v -> perBranch.get(GenericData.get().resolveUnion(source, v)).convert(v);
        }
        if (source.getType() == Schema.Type.NULL) {
            if (Unions.acceptsNull(target)) return ValueConverter.IDENTITY;
            problems.add(MappingProblem.error(field, "the target union " + target + " has no null branch"));
            return null;
        }
        // The first target branch the source converts to without problems, preferring an exact type match.
        for (int pass = 0; pass < 2; pass++) {
            for (Schema branch : target.getTypes()) {
                if (branch.getType() == Schema.Type.NULL || branch.getType() == Schema.Type.UNION) continue;
                if (pass == 0 && branch.getType() != source.getType()) continue;
                if (pass == 0 && isNamed(branch) && !branch.getName().equals(source.getName())) continue;
                List<MappingProblem> trial = new ArrayList<>();
                ValueConverter c = compile(source, branch, field, trial);
                if (c != null && trial.stream().noneMatch(p -> p.severity() == MappingProblem.Severity.ERROR)) {
                    problems.addAll(trial);
                    return c;
                }
            }
        }
        problems.add(MappingProblem.error(field, "no branch of the target union " + target + " accepts " + describe(source)));
        return null;
    }

    private static ValueConverter fromUnion(Schema source, Schema target, String field, List<MappingProblem> problems) {
        List<Schema> branches = source.getTypes();
        List<ValueConverter> perBranch = new ArrayList<>(branches.size());
        for (Schema branch : branches) {
            if (branch.getType() == Schema.Type.NULL) {
                problems.add(MappingProblem.deadLetters(field, "the source can be null but the target is not nullable"));
                perBranch.add(v -> {
                    throw new TranslationException(field, "the source value is null but the target type "
                            + describe(target) + " is not nullable");
                });
                continue;
            }
            ValueConverter c = compile(branch, target, field, problems);
            if (c == null) return null;
            perBranch.add(c);
        }
        return v -> perBranch.get(GenericData.get().resolveUnion(source, v)).convert(v);
    }

    private static boolean isNamed(Schema schema) {
        return switch (schema.getType()) {
            case RECORD, ENUM, FIXED -> true;
            default -> false;
        };
    }

    private static ValueConverter record(Schema source, Schema target, String field, List<MappingProblem> problems) {
        List<Schema.Field> targetFields = target.getFields();
        int n = targetFields.size();
        int[] sourcePositions = new int[n];
        ValueConverter[] converters = new ValueConverter[n];
        Object[] defaults = new Object[n];
        boolean ok = true;
        for (Schema.Field tf : targetFields) {
            String path = field.isEmpty() ? tf.name() : field + "." + tf.name();
            Schema.Field sf = source.getField(tf.name());
            if (sf == null) {
                for (String alias : tf.aliases()) {
                    sf = source.getField(alias);
                    if (sf != null) break;
                }
            }
            if (sf == null) {
                if (!tf.hasDefaultValue()) {
                    problems.add(MappingProblem.error(path, "the source " + source.getFullName()
                            + " has no field '" + tf.name() + "' and the target field has no default"));
                    ok = false;
                }
                sourcePositions[tf.pos()] = -1;
                defaults[tf.pos()] = GenericData.get().getDefaultValue(tf);
                continue;
            }
            ValueConverter c = compile(sf.schema(), tf.schema(), path, problems);
            if (c == null) {
                ok = false;
                continue;
            }
            sourcePositions[tf.pos()] = sf.pos();
            converters[tf.pos()] = c;
        }
        if (!ok) return null;
        return v -> {
            IndexedRecord in = (IndexedRecord) v;
            GenericData.Record out = new GenericData.Record(target);
            for (int i = 0; i < n; i++) {
                int from = sourcePositions[i];
                out.put(i, from < 0 ? GenericData.get().deepCopy(targetFields.get(i).schema(), defaults[i])
                        : converters[i].convert(in.get(from)));
            }
            return out;
        };
    }

    private static ValueConverter enumBySymbol(Schema source, Schema target, String field, List<MappingProblem> problems) {
        Map<String, GenericData.EnumSymbol> bySource = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (String symbol : source.getEnumSymbols()) {
            String chosen = target.hasEnumSymbol(symbol) ? symbol : target.getEnumDefault();
            if (chosen == null) {
                missing.add(symbol);
            } else {
                bySource.put(symbol, new GenericData.EnumSymbol(target, chosen));
            }
        }
        if (!missing.isEmpty()) {
            problems.add(MappingProblem.error(field, "target enum " + target.getFullName() + " lacks the symbols "
                    + missing + " and has no default: add an 'enum' map"));
            return null;
        }
        return v -> bySource.get(v.toString());
    }

    private static ValueConverter fixed(Schema source, Schema target, String field, List<MappingProblem> problems) {
        if (source.getFixedSize() != target.getFixedSize()) {
            problems.add(MappingProblem.error(field, "fixed sizes differ: " + source.getFixedSize() + " vs "
                    + target.getFixedSize()));
            return null;
        }
        ValueConverter rescale = decimalRescale(source, target, field);
        return v -> rescale.convert(new GenericData.Fixed(target, ((GenericFixed) v).bytes()));
    }

    private static ValueConverter array(Schema source, Schema target, String field, List<MappingProblem> problems) {
        ValueConverter items = compile(source.getElementType(), target.getElementType(), field + "[]", problems);
        if (items == null) return null;
        if (items == ValueConverter.IDENTITY) return items;
        return v -> {
            List<?> in = (List<?>) v;
            GenericData.Array<Object> out = new GenericData.Array<>(in.size(), target);
            for (Object item : in) out.add(items.convert(item));
            return out;
        };
    }

    private static ValueConverter map(Schema source, Schema target, String field, List<MappingProblem> problems) {
        ValueConverter values = compile(source.getValueType(), target.getValueType(), field + "{}", problems);
        if (values == null) return null;
        if (values == ValueConverter.IDENTITY) return values;
        return v -> {
            Map<?, ?> in = (Map<?, ?>) v;
            Map<Object, Object> out = new LinkedHashMap<>(in.size() * 2);
            in.forEach((k, value) -> out.put(k, values.convert(value)));
            return out;
        };
    }

    /** Same underlying type, both decimals with different scales: rescale exactly or fail the record. */
    private static ValueConverter decimalRescale(Schema source, Schema target, String field) {
        if (!(source.getLogicalType() instanceof LogicalTypes.Decimal s)
                || !(target.getLogicalType() instanceof LogicalTypes.Decimal t)
                || (s.getScale() == t.getScale() && s.getPrecision() <= t.getPrecision())) {
            return ValueConverter.IDENTITY;
        }
        return v -> Decimals.write(Decimals.read(v, source), target, field);
    }
}
