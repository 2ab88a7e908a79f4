package io.avrogate.serde;

import org.apache.avro.Conversion;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;

/**
 * A data model that writes a record under a schema other than its own (the subject's latest version, or a fixed
 * {@code use.schema.id}), matching fields by name (and the target's aliases) rather than by position, and taking the
 * target field's default for a field the record does not have. The serializer uses it only when the registry's
 * schema differs from the value's; the strict compatibility check has then guaranteed those defaults exist.
 * Extends SpecificData so generated enums and fixed types are understood as well as generic ones.
 */
final class FieldsByNameData extends SpecificData {
    FieldsByNameData(GenericData base, Class<?> specificClass) {
        for (Conversion<?> conversion : base.getConversions()) addLogicalTypeConversion(conversion);
        if (specificClass != null) {
            for (Conversion<?> conversion : SpecificData.getForClass(specificClass).getConversions()) {
                addLogicalTypeConversion(conversion);
            }
        }
    }

    /** The state handed to {@link #getField(Object, String, int, Object)}: the schema being written. */
    @Override
    protected Object getRecordState(Object record, Schema schema) {
        return schema;
    }

    @Override
    protected Object getField(Object record, String name, int position, Object state) {
        IndexedRecord indexed = (IndexedRecord) record;
        Schema own = indexed.getSchema();
        Schema.Field field = own.getField(name);
        if (field != null) return indexed.get(field.pos());
        Schema.Field target = ((Schema) state).getField(name);
        for (String alias : target.aliases()) {
            field = own.getField(alias);
            if (field != null) return indexed.get(field.pos());
        }
        return getDefaultValue(target);
    }
}
