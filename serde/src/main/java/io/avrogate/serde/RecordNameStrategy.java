package io.avrogate.serde;

import org.apache.avro.Schema;

/** The record's full name, for keys and values alike: many event types per topic, one lineage across topics. */
public final class RecordNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return SubjectNameStrategy.recordName(schema);
    }
}
