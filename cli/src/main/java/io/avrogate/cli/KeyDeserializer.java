package io.avrogate.cli;

import io.avrogate.serde.AvroDeserializer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Keys of any topic, for display: Avro in Confluent's wire format (first byte 0x00 and at least the 5-byte header)
 * through the registry, anything else as UTF-8 text. Topics key by plain strings as often as by Avro records.
 */
final class KeyDeserializer implements Deserializer<Object> {
    private final AvroDeserializer<Object> avro = new AvroDeserializer<>();

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        avro.configure(configs, true);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        return deserialize(topic, null, data);
    }

    @Override
    public Object deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) return null;
        if (data.length >= 5 && data[0] == 0) return avro.deserialize(topic, headers, data);
        return new String(data, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        avro.close();
    }
}
