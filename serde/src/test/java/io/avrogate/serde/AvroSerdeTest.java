package io.avrogate.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.registry.client.InMemorySchemaRegistryClient;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaReference;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The serde's behaviour beyond the golden corpus, against the in-JVM mock:// registry (a fresh scope per test). */
class AvroSerdeTest {
    private static final String TOPIC = "app-events";
    private static final Schema USER = new Schema.Parser().parse("""
            {"type":"record","name":"User","namespace":"com.example","fields":[
              {"name":"name","type":"string"},{"name":"age","type":"int"}]}""");

    private final String scope = "serde-test-" + UUID.randomUUID();
    private final InMemorySchemaRegistryClient registry = InMemorySchemaRegistryClient.forScope(scope);

    @AfterEach
    void dropScope() {
        InMemorySchemaRegistryClient.dropScope(scope);
    }

    private Map<String, Object> configs(Object... keyValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", "mock://" + scope);
        for (int i = 0; i < keyValues.length; i += 2) configs.put((String) keyValues[i], keyValues[i + 1]);
        return configs;
    }

    private <T> AvroSerializer<T> serializer(Object... keyValues) {
        AvroSerializer<T> serializer = new AvroSerializer<>();
        serializer.configure(configs(keyValues), false);
        return serializer;
    }

    private <T> AvroDeserializer<T> deserializer(Object... keyValues) {
        AvroDeserializer<T> deserializer = new AvroDeserializer<>();
        deserializer.configure(configs(keyValues), false);
        return deserializer;
    }

    private static GenericRecord user(String name, int age) {
        GenericData.Record record = new GenericData.Record(USER);
        record.put("name", name);
        record.put("age", age);
        return record;
    }

    @Test
    void specificRecordRoundTripsAndGenericRecordsGiveTheSameBytes() {
        InAppEvent event = SampleEvents.inAppEvent(7);
        byte[] bytes = serializer().serialize(TOPIC, event);

        InAppEvent specific = (InAppEvent) deserializer("specific.avro.reader", true).deserialize(TOPIC, bytes);
        assertThat(specific).isEqualTo(event);

        GenericRecord generic = (GenericRecord) deserializer().deserialize(TOPIC, bytes);
        assertThat(generic.get("session_sequence")).isEqualTo(7L);
        assertThat(((GenericRecord) generic.get("payload")).get("action")).hasToString("tap_buy");
        // The generic record written back (same schema, so same id) reads as the same event.
        byte[] again = serializer().serialize(TOPIC, generic);
        assertThat(again).startsWith(0, 0, 0, 0, 1).hasSameSizeAs(bytes);
        assertThat(deserializer("specific.avro.reader", true).deserialize(TOPIC, again)).isEqualTo(event);
        assertThat(registry.versions(TOPIC + "-value")).containsExactly(1);
    }

    @Test
    void generatedClassesRegisterWithoutJavaStringPropertiesUnlessAskedToKeepThem() {
        serializer("avro.remove.java.properties", false).serialize("with-props", SampleEvents.inAppEvent(1));
        assertThat(registry.latest("with-props-value").content().schema()).contains("\"avro.java.string\":\"String\"");

        serializer().serialize("stripped", SampleEvents.inAppEvent(1));
        String stripped = registry.latest("stripped-value").content().schema();
        assertThat(stripped).doesNotContain("avro.java.string");
        // Exactly the text the team's .avsc (with GeoLocation inlined) registers as: the lookup mode finds it.
        assertThat(stripped).isEqualTo(SampleEvents.appEventsSchema(3, 3).toString());
    }

    @Test
    void lookupModeFindsTheRegisteredIdAndFailsClearlyForAnUnknownSchema() {
        int id = registry.register(TOPIC + "-value", SchemaContent.avro(USER.toString()), false);
        byte[] bytes = serializer("auto.register.schemas", false).serialize(TOPIC, user("a", 1));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);

        assertThatThrownBy(() -> serializer("auto.register.schemas", false).serialize("other", user("a", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("subject other-value").hasMessageContaining("404");
        assertThat(registry.subjects()).containsExactly(TOPIC + "-value");
    }

    @Test
    void useLatestVersionWritesOlderValuesUnderTheLatestSchemaByFieldName() {
        // The registry holds v1 and v3 of app-events (v3 adds fields with defaults and moves none); the producer
        // still builds v1-shaped generic records.
        Schema v1 = SampleEvents.appEventsSchema(1, 2);
        Schema v3 = SampleEvents.appEventsSchema(3, 2);
        registry.register(TOPIC + "-value", SchemaContent.avro(v1.toString()), false);
        int latestId = registry.register(TOPIC + "-value", SchemaContent.avro(v3.toString()), false);
        GenericRecord old = (GenericRecord) deserializer().deserialize(TOPIC,
                serializer().serialize(TOPIC, new GenericData().deepCopy(v1, v1Record(v1))));

        byte[] bytes = serializer("auto.register.schemas", false, "use.latest.version", true).serialize(TOPIC, old);
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latestId);
        GenericRecord read = (GenericRecord) deserializer().deserialize(TOPIC, bytes);
        assertThat(read.getSchema()).isEqualTo(v3);
        assertThat(read.get("session_sequence")).isNull();
        GenericRecord metadata = (GenericRecord) read.get("metadata");
        assertThat(metadata.get("app_version")).hasToString("5.0");
        assertThat(((GenericRecord) metadata.get("sdk")).get("name")).hasToString("unknown");
        assertThat(((GenericRecord) read.get("payload")).get("properties")).isEqualTo(Map.of(new Utf8("k"), new Utf8("v")));
    }

    @Test
    void useLatestVersionRefusesALatestSchemaThatCannotReadTheValue() {
        Schema stricter = new Schema.Parser().parse("""
                {"type":"record","name":"User","namespace":"com.example","fields":[
                  {"name":"name","type":"string"},{"name":"age","type":"int"},{"name":"email","type":"string"}]}""");
        registry.register(TOPIC + "-value", SchemaContent.avro(stricter.toString()), false);
        assertThatThrownBy(() -> serializer("auto.register.schemas", false, "use.latest.version", true)
                .serialize(TOPIC, user("a", 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Incompatible schema").hasMessageContaining("email");
    }

    @Test
    void useSchemaIdWritesWithThatId() {
        registry.register("unrelated", SchemaContent.avro("\"string\""), false);
        int id = registry.register(TOPIC + "-value", SchemaContent.avro(USER.toString()), false);
        byte[] bytes = serializer("auto.register.schemas", false, "use.schema.id", id).serialize(TOPIC, user("z", 3));
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo("0000000002027a06");
        assertThatThrownBy(() -> serializer("auto.register.schemas", false, "use.schema.id", 1)
                .serialize(TOPIC, user("z", 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Incompatible schema");
    }

    @Test
    void writerSchemasWithReferencesAreResolvedFromTheReferencedSubjects() {
        String geoSubject = "io.avrogate.example.tracking.common.GeoLocation";
        registry.register(geoSubject, SchemaContent.avro(SampleEvents.avsc(geoSubject, 1)), false);
        registry.register(geoSubject, SchemaContent.avro(SampleEvents.avsc(geoSubject, 2)), false);
        // v1 of app-events as the schema-check tool registers it: the GeoLocation type by name, plus a reference.
        Schema v1 = SampleEvents.appEventsSchema(1, 2);
        int id = registry.register(TOPIC + "-value", SchemaContent.avro(v1.toString(List.of(v1ReferencedGeo(v1)), false),
                List.of(new SchemaReference(geoSubject, geoSubject, 2))), false);

        byte[] bytes = serializer("auto.register.schemas", false, "use.latest.version", true)
                .serialize(TOPIC, v1Record(v1));
        assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(id);
        GenericRecord read = (GenericRecord) deserializer().deserialize(TOPIC, bytes);
        assertThat(read.getSchema()).isEqualTo(v1);
        GenericRecord geo = (GenericRecord) ((GenericRecord) read.get("metadata")).get("geo");
        assertThat(geo.get("country")).hasToString("DE");

        InAppEvent specific = (InAppEvent) deserializer("specific.avro.reader", true).deserialize(TOPIC, bytes);
        assertThat(specific.getMetadata().getGeo().getCountry()).isEqualTo("DE");
        assertThat(specific.getMetadata().getSdk().getName()).as("v3 default").isEqualTo("unknown");
    }

    @Test
    void readerSchemaCanBeExplicitOrConfigured() {
        byte[] bytes = serializer().serialize(TOPIC, user("ann", 30));
        Schema reader = new Schema.Parser().parse("""
                {"type":"record","name":"User","namespace":"com.example","fields":[
                  {"name":"name","type":"string"},{"name":"email","type":["null","string"],"default":null}]}""");
        GenericRecord explicit = (GenericRecord) deserializer().deserialize(TOPIC, null, bytes, reader);
        assertThat(explicit.getSchema()).isEqualTo(reader);
        assertThat(explicit.get("name")).hasToString("ann");
        GenericRecord configured = (GenericRecord) deserializer("avro.reader.schema", reader.toString()).deserialize(TOPIC, bytes);
        assertThat(configured).isEqualTo(explicit);
    }

    @Test
    void deserializerWithUseLatestVersionReadsOlderDataAsTheLatestVersion() {
        byte[] old = serializer().serialize(TOPIC, user("ann", 30)); // version 1
        Schema v2 = new Schema.Parser().parse("""
                {"type":"record","name":"User","namespace":"com.example","fields":[
                  {"name":"name","type":"string"},{"name":"age","type":"int"},
                  {"name":"tier","type":"string","default":"free"}]}""");
        registry.register(TOPIC + "-value", SchemaContent.avro(v2.toString()), false);
        GenericRecord read = (GenericRecord) deserializer("use.latest.version", true).deserialize(TOPIC, old);
        assertThat(read.getSchema()).isEqualTo(v2);
        assertThat(read.get("tier")).hasToString("free");
        assertThat(read.get("name")).hasToString("ann");
    }

    @Test
    void useLatestVersionReadsEachRecordTypeOfAMixedTopicAsItsOwnSubjectsLatest() {
        Schema order = new Schema.Parser().parse("""
                {"type":"record","name":"Order","namespace":"com.example","fields":[{"name":"sku","type":"string"}]}""");
        GenericData.Record anOrder = new GenericData.Record(order);
        anOrder.put("sku", "A-1");
        // One topic, two record types, each its own subject (RecordNameStrategy).
        AvroSerializer<Object> writer = serializer("value.subject.name.strategy", "RecordNameStrategy");
        byte[] userBytes = writer.serialize(TOPIC, user("ann", 30));
        byte[] orderBytes = writer.serialize(TOPIC, anOrder);
        Schema userV2 = new Schema.Parser().parse("""
                {"type":"record","name":"User","namespace":"com.example","fields":[
                  {"name":"name","type":"string"},{"name":"age","type":"int"},
                  {"name":"tier","type":"string","default":"free"}]}""");
        registry.register("com.example.User", SchemaContent.avro(userV2.toString()), false);

        AvroDeserializer<Object> reader = deserializer("value.subject.name.strategy", "RecordNameStrategy",
                "use.latest.version", true);
        GenericRecord readUser = (GenericRecord) reader.deserialize(TOPIC, userBytes);
        GenericRecord readOrder = (GenericRecord) reader.deserialize(TOPIC, orderBytes);
        assertThat(readUser.getSchema()).isEqualTo(userV2);
        assertThat(readUser.get("tier")).hasToString("free");
        assertThat(readOrder.getSchema()).isEqualTo(order);
        assertThat(readOrder.get("sku")).hasToString("A-1");
        // Warm: the same answers again from the per-writer plans.
        assertThat(((GenericRecord) reader.deserialize(TOPIC, orderBytes)).getSchema()).isEqualTo(order);
    }

    @Test
    void resolvingReadsSurviveWhatAvro1122RejectsAndHostileCollectionCounts() {
        Schema ints = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"int\"}");
        Schema doubles = new Schema.Parser().parse("{\"type\":\"array\",\"items\":\"double\"}");
        byte[] bytes = serializer().serialize(TOPIC, new GenericData.Array<>(ints, List.of(1, 2, 3)));
        assertThat(deserializer().deserialize(TOPIC, null, bytes, doubles)).asList().containsExactly(1.0, 2.0, 3.0);

        // Everyday evolution: the reader's record in an array gained a field with a default (Avro 1.12.2 alone
        // rejects this: "Collection claims 1 elements with at least 9 bytes each, but only 2 bytes are available").
        Schema oldItems = new Schema.Parser().parse("""
                {"type":"record","name":"Cart","fields":[{"name":"items","type":{"type":"array","items":
                  {"type":"record","name":"Item","fields":[{"name":"qty","type":"int"}]}}}]}""");
        Schema newItems = new Schema.Parser().parse("""
                {"type":"record","name":"Cart","fields":[{"name":"items","type":{"type":"array","items":
                  {"type":"record","name":"Item","fields":[{"name":"qty","type":"int"},
                    {"name":"price","type":"double","default":0.5}]}}}]}""");
        GenericData.Record item = new GenericData.Record(oldItems.getField("items").schema().getElementType());
        item.put("qty", 3);
        GenericData.Record cart = new GenericData.Record(oldItems);
        cart.put("items", List.of(item));
        GenericRecord read = (GenericRecord) deserializer().deserialize("carts", null,
                serializer().serialize("carts", cart), newItems);
        GenericRecord readItem = (GenericRecord) ((List<?>) read.get("items")).get(0);
        assertThat(readItem.get("qty")).isEqualTo(3);
        assertThat(readItem.get("price")).isEqualTo(0.5);

        // A 10-byte payload claiming 2^30 items must fail as truncated, not allocate gigabytes.
        byte[] hostile = HexFormat.of().parseHex("0000000001" + "8080808008" + "02");
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, null, hostile, doubles))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated body");
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, hostile))
                .isInstanceOf(SerializationException.class).hasMessageContaining("truncated body");
    }

    @Test
    void logicalTypeConvertersGiveJavaTypesAndTheSameBytes() {
        Schema schema = new Schema.Parser().parse("""
                {"type":"record","name":"Payment","fields":[
                  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
                  {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
                  {"name":"day","type":{"type":"int","logicalType":"date"}},
                  {"name":"id","type":{"type":"string","logicalType":"uuid"}}]}""");
        UUID id = UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6");
        GenericData.Record converted = new GenericData.Record(schema);
        converted.put("amount", new BigDecimal("12.34"));
        converted.put("at", Instant.ofEpochMilli(1_700_000_000_000L));
        converted.put("day", LocalDate.of(2024, 1, 2));
        converted.put("id", id);
        GenericData.Record raw = new GenericData.Record(schema);
        raw.put("amount", ByteBuffer.wrap(new BigDecimal("12.34").unscaledValue().toByteArray()));
        raw.put("at", 1_700_000_000_000L);
        raw.put("day", (int) LocalDate.of(2024, 1, 2).toEpochDay());
        raw.put("id", id.toString());

        byte[] bytes = serializer("avro.use.logical.type.converters", true).serialize(TOPIC, converted);
        assertThat(bytes).isEqualTo(serializer().serialize(TOPIC, raw));
        GenericRecord read = (GenericRecord) deserializer("avro.use.logical.type.converters", true).deserialize(TOPIC, bytes);
        assertThat(read).isEqualTo(converted);
    }

    @Test
    void subjectNameStrategiesAcceptOurNamesConfluentsNamesAndCustomClasses() {
        for (String name : List.of("RecordNameStrategy", "io.avrogate.serde.RecordNameStrategy",
                "io.confluent.kafka.serializers.subject.RecordNameStrategy")) {
            serializer("value.subject.name.strategy", name).serialize(TOPIC, user("a", 1));
        }
        serializer("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy")
                .serialize(TOPIC, user("a", 1));
        serializer("value.subject.name.strategy", FixedSubject.class.getName()).serialize(TOPIC, user("a", 1));
        assertThat(registry.subjects()).containsExactlyInAnyOrder("com.example.User", TOPIC + "-com.example.User", "fixed");

        assertThatThrownBy(() -> serializer("value.subject.name.strategy", "com.example.NoSuchStrategy"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("no such subject name strategy");
        assertThatThrownBy(() -> serializer("value.subject.name.strategy", String.class.getName()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not implement");
    }

    /** A custom strategy, named by class in the config. */
    public static final class FixedSubject implements SubjectNameStrategy {
        @Override
        public String subjectName(String topic, boolean isKey, Schema schema) {
            return "fixed";
        }
    }

    @Test
    void configurationMistakesAreReportedAtConfigureTime() {
        assertThatThrownBy(() -> new AvroSerializer<>().configure(Map.of(), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        assertThatThrownBy(() -> new AvroDeserializer<>().configure(Map.of("schema.registry.url", "mock://x",
                "auto.register.schemas", "maybe"), false))
                .isInstanceOf(ConfigException.class).hasMessageContaining("auto.register.schemas");
    }

    @Test
    void valuesThatDoNotFitTheirSchemaFailWithAClearMessage() {
        assertThatThrownBy(() -> serializer().serialize(TOPIC, user(null, 1)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("null where the schema does not allow null");
        assertThatThrownBy(() -> serializer().serialize(TOPIC, new java.util.Date()))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Unsupported Avro type java.util.Date");
        Schema map = new Schema.Parser().parse("{\"type\":\"map\",\"values\":\"long\"}");
        assertThatThrownBy(() -> serializer().serialize(TOPIC, new NonRecordContainer(map, Map.of("a", "not a long"))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("does not match its schema type");
        // The serializer still works after a failure (no half-written buffer is reused).
        AvroSerializer<Object> serializer = serializer();
        assertThatThrownBy(() -> serializer.serialize(TOPIC, user(null, 1))).isInstanceOf(SerializationException.class);
        assertThat(HexFormat.of().formatHex(serializer.serialize(TOPIC, user("b", 1)))).isEqualTo("00000000010262" + "02");
    }

    @Test
    void specificReaderWithoutTheGeneratedClassSaysWhichClassIsMissing() {
        byte[] bytes = serializer().serialize(TOPIC, user("a", 1));
        assertThatThrownBy(() -> deserializer("specific.avro.reader", true).deserialize(TOPIC, bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("com.example.User")
                .hasMessageContaining("not on the classpath");
    }

    @Test
    void kafkaNullsPassThroughAndTheSerdeCombinesBothSides() {
        try (AvroSerde<Object> serde = new AvroSerde<>()) {
            serde.configure(configs(), true);
            assertThat(serde.serializer().serialize(TOPIC, null)).isNull();
            assertThat(serde.deserializer().deserialize(TOPIC, null)).isNull();
            byte[] bytes = serde.serializer().serialize(TOPIC, 42L);
            assertThat(serde.deserializer().deserialize(TOPIC, bytes)).isEqualTo(42L);
            assertThat(registry.subjects()).containsExactly(TOPIC + "-key");
        }
        assertThatThrownBy(() -> deserializer().deserialize(TOPIC, HexFormat.of().parseHex("0000000063")))
                .isInstanceOf(SerializationException.class).hasMessageStartingWith("Error retrieving Avro value schema for id 99");
    }

    @Test
    void warmSerializerAndDeserializerMakeNoRegistryCalls() {
        CountingRegistryClient counting = new CountingRegistryClient(registry);
        AvroSerializer<Object> serializer = new AvroSerializer<>(counting, configs(), false);
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>(counting, configs("specific.avro.reader", true), false);
        Schema reader = SampleEvents.appEventsSchema(1, 1);
        deserializer.deserialize(TOPIC, null, serializer.serialize(TOPIC, SampleEvents.inAppEvent(0)), reader);
        deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, SampleEvents.inAppEvent(0)));
        int warm = counting.calls();
        assertThat(warm).as("one registration, one schema fetch").isEqualTo(2);

        for (int i = 1; i <= 1000; i++) {
            byte[] bytes = serializer.serialize(TOPIC, SampleEvents.inAppEvent(i));
            assertThat(deserializer.deserialize(TOPIC, bytes)).isEqualTo(SampleEvents.inAppEvent(i));
            assertThat(((GenericRecord) deserializer.deserialize(TOPIC, null, bytes, new Schema.Parser().parse(reader.toString())))
                    .get("user_id")).isEqualTo(i % 3 == 0 ? null : new Utf8("user-" + i));
        }
        assertThat(counting.calls()).isEqualTo(warm);
    }

    /** A v1-shaped app event as a generic record (what a producer still on v1 would build). */
    private static GenericRecord v1Record(Schema v1) {
        Schema metadataSchema = v1.getField("metadata").schema();
        Schema deviceSchema = metadataSchema.getField("device").schema();
        Schema geoSchema = metadataSchema.getField("geo").schema().getTypes().get(1);
        GenericData.Record screen = new GenericData.Record(deviceSchema.getField("screen").schema());
        screen.put("width", 1);
        screen.put("height", 2);
        GenericData.Record device = new GenericData.Record(deviceSchema);
        device.put("platform", new GenericData.EnumSymbol(deviceSchema.getField("platform").schema(), "WEB"));
        device.put("os_version", "1");
        device.put("model", null);
        device.put("screen", screen);
        GenericData.Record geo = new GenericData().newRecord(null, geoSchema) instanceof GenericData.Record r ? r : null;
        for (Schema.Field field : geoSchema.getFields()) geo.put(field.pos(), null);
        geo.put("country", "DE");
        GenericData.Record metadata = new GenericData.Record(metadataSchema);
        metadata.put("device", device);
        metadata.put("geo", geo);
        metadata.put("app_version", "5.0");
        metadata.put("received_at", 1L);
        GenericData.Record payload = new GenericData.Record(v1.getField("payload").schema());
        payload.put("screen_name", "home");
        payload.put("action", "open");
        payload.put("properties", Map.of("k", "v"));
        GenericData.Record event = new GenericData.Record(v1);
        event.put("event_id", "123e4567-e89b-42d3-a456-426614174000");
        event.put("user_id", null);
        event.put("occurred_at", 2L);
        event.put("metadata", metadata);
        event.put("payload", payload);
        return event;
    }

    private static Schema v1ReferencedGeo(Schema v1) {
        return v1.getField("metadata").schema().getField("geo").schema().getTypes().get(1);
    }
}
