package io.avrogate.serde;

import org.apache.avro.Schema;

/** {@code <topic>-<record full name>}: many event types per topic, one lineage per topic and type. */
public final class TopicRecordNameStrategy implements SubjectNameStrategy {
    @Override
    public String subjectName(String topic, boolean isKey, Schema schema) {
        return topic + "-" + SubjectNameStrategy.recordName(schema);
    }
}
