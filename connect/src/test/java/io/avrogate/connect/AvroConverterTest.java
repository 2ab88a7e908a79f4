package io.avrogate.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.registry.RegistryServer;
import io.avrogate.registry.client.SchemaContent;
import io.avrogate.registry.client.SchemaRegistryClient;
import io.avrogate.registry.client.SchemaRegistryClients;
import io.avrogate.testkit.registry.RegistryExtension;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rules of Confluent's converter that the recorded corpus describes but does not show case by case (recursive
 * records, generalized sum types, unflattened singleton unions, schemaless values, ...), on a real registry.
 */
@ExtendWith(RegistryExtension.class)
class AvroConverterTest {
    private SchemaRegistryClient client;
    private String url;
    private String topic;

    @BeforeEach
    void setUp(RegistryServer registry) {
        url = registry.url();
        client = SchemaRegistryClients.create(Map.of("schema.registry.url", url));
        topic = "converter-" + UUID.randomUUID();
    }

    @AfterEach
    void tearDown() {
        client.close();
    }

    private AvroConverter converter(Object... keyValues) {
        Map<String, Object> configs = new HashMap<>();
        configs.put("schema.registry.url", url);
        for (int i = 0; i < keyValues.length; i += 2) configs.put((String) keyValues[i], keyValues[i + 1]);
        AvroConverter converter = new AvroConverter();
        converter.configure(configs, false);
        return converter;
    }

    /** Registers an Avro writer schema under the topic's subject and frames {@code payload} with its id. */
    private byte[] written(String writerSchema, byte... payload) {
        int id = client.register(topic + "-value", SchemaContent.avro(writerSchema), false);
        byte[] wire = new byte[5 + payload.length];
        wire[1] = (byte) (id >>> 24);
        wire[2] = (byte) (id >>> 16);
        wire[3] = (byte) (id >>> 8);
        wire[4] = (byte) id;
        System.arraycopy(payload, 0, wire, 5, payload.length);
        return wire;
    }

    @Test
    void recursiveRecordReadsAsStructThatRefersBackToItself() {
        byte[] wire = written("""
                {"type":"record","name":"Node","fields":[{"name":"v","type":"int"},
                 {"name":"next","type":["null","Node"],"default":null}]}""", (byte) 2, (byte) 2, (byte) 4, (byte) 0);
        try (AvroConverter converter = converter()) {
            SchemaAndValue read = converter.toConnectData(topic, wire);
            Schema next = read.schema().field("next").schema();
            assertThat(next.isOptional()).isTrue();
            assertThat(next.schema()).as("a reference back to Node").isNotSameAs(next);
            assertThat(next.fields()).extracting(f -> f.name()).containsExactly("v", "next");
            Struct head = (Struct) read.value();
            assertThat(head.getInt32("v")).isEqualTo(1);
            assertThat(head.getStruct("next").getInt32("v")).isEqualTo(2);
            assertThat(head.getStruct("next").get("next")).isNull();

            // And written back: the same record schema, the same bytes.
            byte[] again = converter.fromConnectData(topic, read.schema(), read.value());
            assertThat(java.util.Arrays.copyOfRange(again, 5, again.length)).containsExactly(2, 2, 4, 0);
        }
    }

    @Test
    void unionOfTwoRecordsWithTheSameSimpleNameNeedsEnhancedSupport() {
        String writer = """
                {"type":"record","name":"Env","fields":[{"name":"p","type":[
                 {"type":"record","name":"A","namespace":"one","fields":[{"name":"a","type":"int"}]},
                 {"type":"record","name":"A","namespace":"two","fields":[{"name":"b","type":"int"}]}]}]}""";
        byte[] wire = written(writer, (byte) 0, (byte) 2);
        try (AvroConverter converter = converter()) {
            assertThatThrownBy(() -> converter.toConnectData(topic, wire)).isInstanceOf(DataException.class)
                    .hasMessage("Multiple union schemas map to the Connect union field name");
        }
        try (AvroConverter converter = converter("enhanced.avro.schema.support", true)) {
            Struct union = ((Struct) converter.toConnectData(topic, wire).value()).getStruct("p");
            assertThat(union.getStruct("one.A").getInt32("a")).isEqualTo(1);
            assertThat(union.get("two.A")).isNull();
        }
    }

    @Test
    void generalizedSumTypesNameUnionsAndTheirBranchesByPosition() {
        byte[] wire = written("[\"int\",\"string\"]", (byte) 2, (byte) 2, (byte) 'x');
        try (AvroConverter converter = converter("generalized.sum.type.support", true)) {
            SchemaAndValue read = converter.toConnectData(topic, wire);
            assertThat(read.schema().name()).isEqualTo("connect_union_0");
            assertThat(read.schema().parameters()).containsEntry("org.apache.kafka.connect.data.Union", "connect_union_0");
            assertThat(((Struct) read.value()).getString("connect_union_field_1")).isEqualTo("x");
            assertThat(((Struct) read.value()).get("connect_union_field_0")).isNull();
        }
    }

    @Test
    void singletonUnionStaysAUnionWhenNotFlattened() {
        byte[] wire = written("[\"string\"]", (byte) 0, (byte) 2, (byte) 'y');
        try (AvroConverter converter = converter("flatten.singleton.unions", false)) {
            SchemaAndValue read = converter.toConnectData(topic, wire);
            assertThat(read.schema().name()).isEqualTo("io.confluent.connect.avro.Union");
            assertThat(((Struct) read.value()).getString("string")).isEqualTo("y");
        }
        try (AvroConverter converter = converter()) {
            assertThat(converter.toConnectData(topic, wire).value()).isEqualTo("y");
        }
    }

    @Test
    void requiredFieldsWithDefaultsFailWhenUnsetAndDefaultsAreIgnored() {
        Schema schema = SchemaBuilder.struct().name("Defaults")
                .field("i", SchemaBuilder.int32().defaultValue(5).build()).build();
        Struct unset = new Struct(schema);
        try (AvroConverter converter = converter("ignore.default.for.nullables", true)) {
            assertThatThrownBy(() -> converter.fromConnectData(topic, schema, unset)).isInstanceOf(DataException.class)
                    .hasMessage("Found null value for non-optional schema");
        }
        try (AvroConverter converter = converter()) {
            Struct read = (Struct) converter.toConnectData(topic, converter.fromConnectData(topic, schema, unset)).value();
            assertThat(read.getInt32("i")).isEqualTo(5);
        }
    }

    @Test
    void logicalTypesAndOptionalStructsRoundTrip() {
        Schema inner = SchemaBuilder.struct().name("com.example.Money").optional()
                .field("amount", Decimal.schema(2)).field("at", Timestamp.SCHEMA).build();
        Schema schema = SchemaBuilder.struct().name("com.example.Payment")
                .field("money", inner).field("tags", SchemaBuilder.map(Schema.INT32_SCHEMA, Schema.STRING_SCHEMA).build())
                .build();
        Struct value = new Struct(schema)
                .put("money", new Struct(inner).put("amount", new BigDecimal("-12.34")).put("at", new java.util.Date(1700000000000L)))
                .put("tags", Map.of(1, "one", 2, "two"));
        try (AvroConverter converter = converter()) {
            SchemaAndValue read = converter.toConnectData(topic, converter.fromConnectData(topic, schema, value));
            Struct money = ((Struct) read.value()).getStruct("money");
            assertThat(money.get("amount")).isEqualTo(new BigDecimal("-12.34"));
            assertThat(money.get("at")).isEqualTo(new java.util.Date(1700000000000L));
            assertThat(((Struct) read.value()).getMap("tags")).isEqualTo(Map.of(1, "one", 2, "two"));
            assertThat(read.schema().field("money").schema().isOptional()).isTrue();
            assertThat(read.schema().version()).as("the registry version").isEqualTo(1);
        }
    }

    @Test
    void schemalessValuesTravelAsConfluentsAnythingRecord() {
        Map<String, Object> value = Map.of("count", 3L, "tags", List.of("a", "b"), "ok", true);
        try (AvroConverter converter = converter()) {
            byte[] bytes = converter.fromConnectData(topic, null, value);
            assertThat(client.latest(topic + "-value").content().schema()).contains("\"name\":\"Anything\"");
            SchemaAndValue read = converter.toConnectData(topic, bytes);
            assertThat(read.schema()).isNull();
            assertThat(read.value()).isEqualTo(value);
            assertThat(converter.fromConnectData(topic, null, null)).isNull();
        }
    }

    @Test
    void shortPayloadIsADataExceptionThatSaysSo() {
        // Confluent leaks a raw BufferUnderflowException here.
        try (AvroConverter converter = converter()) {
            assertThatThrownBy(() -> converter.toConnectData(topic, new byte[] {0, 0, 1}))
                    .isInstanceOf(DataException.class).hasMessage("Failed to deserialize data for topic " + topic + " to Avro: ")
                    .rootCause().hasMessageContaining("too short");
        }
    }

    @Test
    void bytesAreWrittenRawAtTheTopLevelAsConfluentDoes() {
        try (AvroConverter converter = converter()) {
            byte[] bytes = converter.fromConnectData(topic, Schema.BYTES_SCHEMA, new byte[] {1, 2});
            assertThat(java.util.Arrays.copyOfRange(bytes, 5, bytes.length)).containsExactly(1, 2);
            assertThat(converter.toConnectData(topic, bytes).value()).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2}));
        }
    }

    @Test
    void registryUrlIsRequired() {
        AvroConverter converter = new AvroConverter();
        assertThatThrownBy(() -> converter.configure(Map.of(), false)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }
}
