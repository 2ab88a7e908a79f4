package io.avrogate.serde;

import org.apache.avro.Schema;

/**
 * Decides the registry subject a record's schema lives under. Implementations must be stateless or thread-safe; a
 * custom one is named by class in {@code key.subject.name.strategy} / {@code value.subject.name.strategy}, needs a
 * public no-argument constructor, and may implement {@link org.apache.kafka.common.Configurable} to see the configs.
 */
public interface SubjectNameStrategy {
    /**
     * @param topic  the Kafka topic
     * @param isKey  true for the record key
     * @param schema the schema of the value being written
     * @return the subject
     * @throws NotARecordSchemaException when the strategy only names records and {@code schema} is not one
     */
    String subjectName(String topic, boolean isKey, Schema schema);

    /** Thrown by strategies that name subjects after a record, for any other schema (Confluent does the same). */
    final class NotARecordSchemaException extends RuntimeException {
        public NotARecordSchemaException(Schema schema) {
            super("not a record schema: " + schema.getType().getName());
        }
    }

    /** The record's full name, or {@link NotARecordSchemaException}. */
    static String recordName(Schema schema) {
        if (schema.getType() != Schema.Type.RECORD) {
            throw new NotARecordSchemaException(schema);
        }
        return schema.getFullName();
    }
}
