package io.avrogate.serde;

import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/** The Avro data models (how Java objects map to Avro values) the serde reads and writes with. */
final class AvroDataModels {
    private AvroDataModels() {}

    /** Generic data; with converters, decimal, uuid, date, time and timestamp values become java.math/java.time types. */
    static GenericData generic(boolean logicalTypeConverters) {
        if (!logicalTypeConverters) return GenericData.get();
        GenericData data = new GenericData();
        addLogicalTypeConversions(data);
        return data;
    }

    static void addLogicalTypeConversions(GenericData data) {
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new TimeConversions.DateConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        data.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    /** True for instances of generated classes: records, enums and fixed. */
    static boolean isSpecific(Object datum) {
        return datum instanceof SpecificRecord || datum instanceof Enum<?>
                || datum instanceof org.apache.avro.specific.SpecificFixed;
    }

    /** The model a generated class was compiled with (its MODEL$, carrying the conversions its fields need). */
    static SpecificData specific(Class<?> generatedClass) {
        return SpecificData.getForClass(generatedClass);
    }
}
