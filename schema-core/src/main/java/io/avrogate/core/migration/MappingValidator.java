package io.avrogate.core.migration;

import java.util.List;
import org.apache.avro.Schema;

/** Checks a mapping against its source (new) and target (old) schemas, field by field. */
public final class MappingValidator {
    private MappingValidator() {}

    /**
     * Every target field without a default must be produced; every source path must exist; every conversion must
     * fit the two types; enum maps must be total. Errors make the mapping unusable; warnings are for the reviewer.
     */
    public static List<MappingProblem> validate(MigrationMapping mapping, Schema source, Schema target) {
        return List.copyOf(new CompiledMapping(mapping, source, target).problems);
    }
}
