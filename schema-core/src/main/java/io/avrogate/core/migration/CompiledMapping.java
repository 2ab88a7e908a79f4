package io.avrogate.core.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.util.internal.JacksonUtils;

/**
 * A mapping checked against its two schemas: the problems found, and for every target field how to produce it.
 * One compilation serves both the CI validator and the translator, so what CI accepts is exactly what runs.
 */
final class CompiledMapping {
    /**
     * How one target field is filled. Exactly one of path or fixedValue is used; with {@code onErrorDefault}, a value
     * the path's converter cannot produce is replaced by fixedValue (the target field's default).
     */
    record FieldPlan(SourcePath path, ValueConverter converter, Object fixedValue, boolean copyFixedValue,
            boolean onErrorDefault) {}

    final Schema source;
    final Schema target;
    final List<MappingProblem> problems = new ArrayList<>();
    final FieldPlan[] plans;

    CompiledMapping(MigrationMapping mapping, Schema source, Schema target) {
        this.source = source;
        this.target = target;
        this.plans = new FieldPlan[target.getFields().size()];
        if (source.getType() != Schema.Type.RECORD || target.getType() != Schema.Type.RECORD) {
            problems.add(MappingProblem.error("", "mappings translate records; source is "
                    + StructuralConverters.describe(source) + ", target is " + StructuralConverters.describe(target)));
            return;
        }
        Set<String> used = new HashSet<>();
        for (String name : mapping.fields().keySet()) {
            if (target.getField(name) == null) {
                problems.add(MappingProblem.error(name, "is not a field of the target " + target.getFullName()));
            }
        }
        for (Schema.Field field : target.getFields()) {
            plans[field.pos()] = plan(field, mapping.fields().get(field.name()), used);
        }
        for (String dropped : mapping.dropped()) {
            try {
                SourcePath.resolve(source, dropped);
            } catch (IllegalArgumentException e) {
                problems.add(MappingProblem.warning("", "dropped '" + dropped + "': " + e.getMessage()));
            }
        }
        reportUncovered(source, "", used, Set.copyOf(mapping.dropped()));
    }

    boolean hasErrors() {
        return problems.stream().anyMatch(p -> p.severity() == MappingProblem.Severity.ERROR);
    }

    private FieldPlan plan(Schema.Field field, FieldRule rule, Set<String> used) {
        String name = field.name();
        if (rule == null) {
            if (source.getField(name) != null) {
                rule = FieldRule.from(name); // an unchanged field needs no rule: it is carried by name
            } else if (field.hasDefaultValue()) {
                return fixed(GenericData.get().getDefaultValue(field), field.schema());
            } else {
                problems.add(MappingProblem.error(name, "target field of type "
                        + StructuralConverters.describe(field.schema()) + " has no default, and the mapping does"
                        + " not produce it (add 'from', 'constant' or give it a value)"));
                return null;
            }
        }
        if (rule.useDefault()) {
            if (!field.hasDefaultValue()) {
                problems.add(MappingProblem.error(name, "'default: true' but the target field has no default"));
                return null;
            }
            return fixed(GenericData.get().getDefaultValue(field), field.schema());
        }
        if (rule.constant() != null) {
            try {
                Schema.Field probe = new Schema.Field(name, field.schema(), null,
                        JacksonUtils.toObject(rule.constant(), field.schema()));
                return fixed(GenericData.get().getDefaultValue(probe), field.schema());
            } catch (RuntimeException e) {
                problems.add(MappingProblem.error(name, "constant " + rule.constant() + " is not a valid "
                        + StructuralConverters.describe(field.schema())));
                return null;
            }
        }
        SourcePath path;
        try {
            path = SourcePath.resolve(source, rule.from());
        } catch (IllegalArgumentException e) {
            problems.add(MappingProblem.error(name, "from '" + rule.from() + "': " + e.getMessage()));
            return null;
        }
        used.add(rule.from());
        int before = problems.size();
        ValueConverter converter = converter(rule, path, field.schema(), name);
        if (rule.onError() != null) {
            // Declared with on_error, records that cannot be translated are what the author intends: no warning.
            problems.subList(before, problems.size()).removeIf(MappingProblem::isDeadLetterWarning);
        }
        if (converter == null) return null;
        if (rule.onError() == OnError.DEFAULT) {
            if (!field.hasDefaultValue()) {
                problems.add(MappingProblem.error(name, "'on_error: default' but the target field has no default"));
                return null;
            }
            FieldPlan fallback = fixed(GenericData.get().getDefaultValue(field), field.schema());
            return new FieldPlan(path, converter, fallback.fixedValue(), fallback.copyFixedValue(), true);
        }
        return new FieldPlan(path, converter, null, false, false);
    }

    private ValueConverter converter(FieldRule rule, SourcePath path, Schema targetSchema, String field) {
        boolean plain = rule.convert() == Conversion.NONE && rule.enumMap().isEmpty() && rule.enumDefault() == null;
        boolean targetNullable = Unions.acceptsNull(targetSchema);
        ValueConverter inner;
        if (plain) {
            inner = StructuralConverters.compile(path.schema(), targetSchema, field, problems);
        } else {
            Schema s = Unions.valueSchema(path.schema());
            Schema t = Unions.valueSchema(targetSchema);
            if (s == null || t == null) {
                problems.add(MappingProblem.error(field, "a conversion needs a single non-null type on both sides"));
                return null;
            }
            inner = RuleConverters.compile(rule, s, t, field, problems);
        }
        if (inner == null) return null;
        boolean sourceNullable = path.mayBeNull() || (!plain && Unions.acceptsNull(path.schema()));
        if (!sourceNullable) return inner;
        if (!targetNullable && (!plain || path.mayBeNull())) {
            problems.add(MappingProblem.deadLetters(field, "the source '" + path.text() + "' can be null but the target is"
                    + " not nullable"));
        }
        return v -> {
            if (v != null) return inner.convert(v);
            if (targetNullable) return null;
            throw new TranslationException(field, "the source '" + path.text() + "' is null but the target is not nullable");
        };
    }

    private static FieldPlan fixed(Object value, Schema schema) {
        boolean mutable = switch (Unions.valueSchema(schema) == null ? schema.getType() : Unions.valueSchema(schema).getType()) {
            case RECORD, ARRAY, MAP, FIXED, BYTES -> true;
            default -> false;
        };
        return new FieldPlan(null, null, value, mutable && value != null, false);
    }

    /** Warns about source fields the mapping neither reads nor declares as dropped: a reviewer should decide. */
    private void reportUncovered(Schema record, String prefix, Set<String> used, Set<String> dropped) {
        for (Schema.Field f : record.getFields()) {
            String path = prefix.isEmpty() ? f.name() : prefix + "." + f.name();
            if (used.contains(path) || dropped.contains(path)) continue;
            boolean partlyUsed = used.stream().anyMatch(u -> u.startsWith(path + "."))
                    || dropped.stream().anyMatch(d -> d.startsWith(path + "."));
            if (partlyUsed && f.schema().getType() == Schema.Type.RECORD) {
                reportUncovered(f.schema(), path, used, dropped);
            } else if (!partlyUsed) {
                problems.add(MappingProblem.warning(path, "source field is neither mapped nor listed under 'dropped'"));
            }
        }
    }
}
