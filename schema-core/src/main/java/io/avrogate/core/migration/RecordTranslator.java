package io.avrogate.core.migration;

import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.IndexedRecord;

/**
 * Executes a mapping: compiled once for a mapping and its two schemas, then called per record with no parsing and
 * no lookups by name. Thread-safe: the compiled plan is immutable.
 */
public final class RecordTranslator {
    private final CompiledMapping compiled;

    private RecordTranslator(CompiledMapping compiled) {
        this.compiled = compiled;
    }

    /** @throws InvalidMappingException listing every error when the mapping does not fit the schemas */
    public static RecordTranslator compile(MigrationMapping mapping, Schema source, Schema target) {
        CompiledMapping compiled = new CompiledMapping(mapping, source, target);
        if (compiled.hasErrors()) {
            throw new InvalidMappingException("mapping '" + mapping.name() + "' does not fit its schemas: "
                    + compiled.problems.stream().filter(p -> p.severity() == MappingProblem.Severity.ERROR)
                            .map(MappingProblem::toString).collect(Collectors.joining("; ")));
        }
        return new RecordTranslator(compiled);
    }

    public Schema sourceSchema() {
        return compiled.source;
    }

    public Schema targetSchema() {
        return compiled.target;
    }

    /**
     * Translates one source record into a target record.
     *
     * @throws TranslationException naming the target field and the reason when this record cannot be translated
     */
    public GenericRecord translate(IndexedRecord source) {
        CompiledMapping.FieldPlan[] plans = compiled.plans;
        GenericData.Record out = new GenericData.Record(compiled.target);
        for (int i = 0; i < plans.length; i++) {
            CompiledMapping.FieldPlan plan = plans[i];
            Object value;
            if (plan.path() == null) {
                value = fixedValue(plan, i);
            } else {
                try {
                    value = plan.converter().convert(plan.path().read(source));
                } catch (TranslationException e) {
                    if (!plan.onErrorDefault()) throw e;
                    value = fixedValue(plan, i);
                } catch (RuntimeException e) {
                    if (!plan.onErrorDefault()) {
                        String field = compiled.target.getFields().get(i).name();
                        throw new TranslationException(field, "cannot convert the value of '" + plan.path().text()
                                + "': " + e, e);
                    }
                    value = fixedValue(plan, i);
                }
            }
            out.put(i, value);
        }
        return out;
    }

    /** A constant or default; mutable values are copied so that no two records share one. */
    private Object fixedValue(CompiledMapping.FieldPlan plan, int field) {
        return plan.copyFixedValue()
                ? GenericData.get().deepCopy(compiled.target.getFields().get(field).schema(), plan.fixedValue())
                : plan.fixedValue();
    }
}
