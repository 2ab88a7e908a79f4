package io.avrogate.ingest;

import org.apache.avro.Schema;

/** The schema events of a topic are converted to: the latest version of the topic's value subject. */
public record TopicSchema(String topic, String subject, int version, int id, Schema schema) {}
