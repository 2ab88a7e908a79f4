package io.avrogate.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.avrogate.producer.TrackingSchemas;
import io.avrogate.core.json.BytesEncoding;
import io.avrogate.core.json.JsonToAvro;
import java.time.Instant;
import java.util.Base64;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class CaptureMetadataEnricherTest {
    private static final Instant AT = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private static final EventEnricher.Request REQUEST = new EventEnricher.Request("t", AT, "192.168.1.20", "curl");
    private final CaptureMetadataEnricher enricher = new CaptureMetadataEnricher();

    private static ObjectNode json(String text) {
        return (ObjectNode) JsonToAvro.parse(text);
    }

    @Test
    void fillsReceivedAtOfTheInAppEventsMetadataInTheSchemasUnitReplacingTheClientsValue() {
        Schema schema = TrackingSchemas.parse("app-events-value", 3);
        ObjectNode event = json("{\"metadata\": {\"app_version\": \"1\", \"received_at\": 0}, \"payload\": {}}");

        enricher.enrich(event, schema, REQUEST);

        assertThat(event.get("metadata").get("received_at").asLong()).isEqualTo(1714557600123456L); // micros, truncated
        assertThat(event.get("metadata").get("app_version").asText()).isEqualTo("1");
        assertThat(event.get("payload").isEmpty()).isTrue(); // the tracked payload is not touched
    }

    @Test
    void putsTheClientAddressAsTextOrAsIpv6BytesAndCreatesAMissingMetadataObject() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "E", "fields": [
                  {"name": "metadata", "type": ["null", {"type": "record", "name": "M", "fields": [
                    {"name": "received_at", "type": {"type": "long", "logicalType": "timestamp-millis"}},
                    {"name": "client_address", "type": "string"},
                    {"name": "client_ip", "type": {"type": "fixed", "name": "Ip", "size": 16}}]}]}]}
                """);
        ObjectNode event = json("{}");

        enricher.enrich(event, schema, REQUEST);

        assertThat(event.get("metadata").get("received_at").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(event.get("metadata").get("client_address").asText()).isEqualTo("192.168.1.20");
        assertThat(Base64.getDecoder().decode(event.get("metadata").get("client_ip").asText()))
                .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 168, 1, 20);
        GenericRecord converted = new JsonToAvro().toRecord(event, schema);
        assertThat(((GenericRecord) converted.get("metadata")).get("client_address")).isEqualTo("192.168.1.20");

        Schema bytesOnly = new Schema.Parser().parse("""
                {"type": "record", "name": "E", "fields": [
                  {"name": "metadata", "type": {"type": "record", "name": "M", "fields": [
                    {"name": "client_ip", "type": {"type": "fixed", "name": "Ip", "size": 16}}]}}]}
                """);
        ObjectNode v6 = json("{\"metadata\": {}}");
        new CaptureMetadataEnricher("metadata", BytesEncoding.ISO_8859_1)
                .enrich(v6, bytesOnly, new EventEnricher.Request("t", AT, "2001:db8::1", null));
        GenericRecord ip = (GenericRecord) new JsonToAvro(new JsonToAvro.Options(BytesEncoding.ISO_8859_1, false))
                .toRecord(v6, bytesOnly).get("metadata");
        assertThat(((GenericData.Fixed) ip.get("client_ip")).bytes())
                .containsExactly(0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void schemasWithoutAMetadataRecordAndNonObjectMetadataAreLeftAlone() {
        ObjectNode click = json("{\"ad_id\": \"a\"}");
        enricher.enrich(click, TrackingSchemas.parse("ad-clicks-value", 3), REQUEST);
        assertThat(click.toString()).isEqualTo("{\"ad_id\":\"a\"}");

        ObjectNode odd = json("{\"metadata\": \"not an object\"}");
        enricher.enrich(odd, TrackingSchemas.parse("app-events-value", 3), REQUEST);
        assertThat(odd.get("metadata").asText()).isEqualTo("not an object");
    }

    @Test
    void onlyIpLiteralsBecomeAddressBytes() {
        assertThat(CaptureMetadataEnricher.ipv6Bytes("localhost")).isNull();
        assertThat(CaptureMetadataEnricher.ipv6Bytes("example.com")).isNull();
        assertThat(CaptureMetadataEnricher.ipv6Bytes("[::1]")).hasSize(16);
        assertThat(CaptureMetadataEnricher.ipv6Bytes("10.0.0.1")).hasSize(16);
    }
}
