package io.avrogate.core.migration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.avrogate.core.AvroSchemas;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.junit.jupiter.api.Test;

class RecordTranslatorTest {
    static final Schema NEW = AvroSchemas.parseCandidate("""
            {"type":"record","name":"Order","namespace":"shop.v2","fields":[
              {"name":"id","type":"string"},
              {"name":"buyer","type":{"type":"record","name":"Buyer","fields":[
                 {"name":"user_id","type":"string"},{"name":"country","type":["null","string"],"default":null}]}},
              {"name":"placed_at","type":{"type":"long","logicalType":"timestamp-micros"}},
              {"name":"amount_micros","type":"long"},
              {"name":"channel","type":{"type":"enum","name":"Channel","symbols":["WEB_SHOP","APP","PHONE"]}},
              {"name":"quantity","type":"long"},
              {"name":"note","type":["null","string"],"default":null}
            ]}""");
    static final Schema OLD = AvroSchemas.parseCandidate("""
            {"type":"record","name":"Order","namespace":"shop","fields":[
              {"name":"order_id","type":"string"},
              {"name":"user_id","type":"string"},
              {"name":"country","type":"string"},
              {"name":"placed_at","type":{"type":"long","logicalType":"timestamp-millis"}},
              {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":10,"scale":2}},
              {"name":"currency","type":"string"},
              {"name":"channel","type":{"type":"enum","name":"Channel","symbols":["WEB","APP","OTHER"]}},
              {"name":"quantity","type":"int"},
              {"name":"gift","type":"boolean","default":false}
            ]}""");
    static final String MAPPING = """
            name: orders-v2-to-v1
            source: {subject: orders.v2-value}
            target: {subject: orders-value, version: 1}
            fields:
              order_id: id
              user_id: buyer.user_id
              country: buyer.country
              placed_at: {from: placed_at, convert: micros-to-millis}
              amount: {from: amount_micros, convert: micros-to-decimal}
              currency: {constant: EUR}
              channel: {from: channel, enum: {WEB_SHOP: WEB}, enum_default: OTHER}
              quantity: {from: quantity, convert: narrow}
            dropped: [note]
            """;

    static GenericRecord order(String country, long amountMicros, long quantity, String channel) {
        Schema buyer = NEW.getField("buyer").schema();
        return new GenericRecordBuilder(NEW)
                .set("id", "o-1")
                .set("buyer", new GenericRecordBuilder(buyer).set("user_id", "u-7").set("country", country).build())
                .set("placed_at", 1_700_000_000_123_456L)
                .set("amount_micros", amountMicros)
                .set("channel", new GenericData.EnumSymbol(NEW.getField("channel").schema(), channel))
                .set("quantity", quantity)
                .build();
    }

    private final RecordTranslator translator =
            RecordTranslator.compile(MigrationMapping.parse(MAPPING, "orders.yaml"), NEW, OLD);

    @Test
    void translatesRenamesMovesConversionsConstantsEnumsAndDefaults() {
        GenericRecord old = translator.translate(order("DE", 12_340_000L, 3, "WEB_SHOP"));
        assertThat(GenericData.get().validate(OLD, old)).isTrue();
        assertThat(old.get("order_id")).hasToString("o-1");
        assertThat(old.get("user_id")).hasToString("u-7");
        assertThat(old.get("country")).hasToString("DE");
        assertThat(old.get("placed_at")).isEqualTo(1_700_000_000_123L);
        Schema amount = OLD.getField("amount").schema();
        assertThat(new Conversions.DecimalConversion().fromBytes((ByteBuffer) old.get("amount"), amount,
                amount.getLogicalType())).isEqualByComparingTo(new BigDecimal("12.34"));
        assertThat(old.get("currency")).hasToString("EUR");
        assertThat(old.get("channel")).hasToString("WEB");
        assertThat(old.get("quantity")).isEqualTo(3);
        assertThat(old.get("gift")).isEqualTo(false);
        assertThat(translator.translate(order("DE", 0, 1, "PHONE")).get("channel")).hasToString("OTHER");
        assertThat(translator.translate(order("DE", 0, 1, "APP")).get("channel")).hasToString("APP");
    }

    @Test
    void aRecordThatCannotBeTranslatedNamesTheFieldAndTheReason() {
        assertThatThrownBy(() -> translator.translate(order(null, 1, 1, "APP")))
                .isInstanceOf(TranslationException.class).hasMessageContaining("country").hasMessageContaining("null");
        assertThatThrownBy(() -> translator.translate(order("DE", 1, 1, "APP")))
                .isInstanceOf(TranslationException.class).hasMessageContaining("amount").hasMessageContaining("decimal places");
        assertThatThrownBy(() -> translator.translate(order("DE", 0, 5_000_000_000L, "APP")))
                .isInstanceOf(TranslationException.class).hasMessageContaining("quantity").hasMessageContaining("int");
    }

    @Test
    void validatorNamesEveryMissingOrUnconvertibleField() {
        String incomplete = MAPPING.replace("  currency: {constant: EUR}\n", "")
                .replace("  placed_at: {from: placed_at, convert: micros-to-millis}\n", "  placed_at: placed_at\n")
                .replace("channel: {from: channel, enum: {WEB_SHOP: WEB}, enum_default: OTHER}", "channel: {from: channel, enum: {WEB_SHOP: WEB}}")
                .replace("user_id: buyer.user_id", "user_id: buyer.uid");
        List<MappingProblem> problems = MappingValidator.validate(MigrationMapping.parse(incomplete, "x.yaml"), NEW, OLD);
        assertThat(problems).filteredOn(p -> p.severity() == MappingProblem.Severity.ERROR)
                .extracting(MappingProblem::field)
                .containsExactlyInAnyOrder("currency", "placed_at", "channel", "user_id");
        assertThat(problems).filteredOn(p -> p.field().equals("currency")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("no default"));
        assertThat(problems).filteredOn(p -> p.field().equals("channel")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("PHONE").contains("not total"));
        assertThat(problems).filteredOn(p -> p.field().equals("placed_at")).singleElement()
                .satisfies(p -> assertThat(p.message()).contains("micros-to-millis"));
        assertThatThrownBy(() -> RecordTranslator.compile(MigrationMapping.parse(incomplete, "x.yaml"), NEW, OLD))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("currency");
    }

    @Test
    void completeMappingHasNoErrorsAndWarnsOnlyAboutNullableSources() {
        List<MappingProblem> problems = MappingValidator.validate(MigrationMapping.parse(MAPPING, "orders.yaml"), NEW, OLD);
        assertThat(problems).allSatisfy(p -> assertThat(p.severity()).isEqualTo(MappingProblem.Severity.WARNING));
        assertThat(problems).extracting(MappingProblem::field).containsExactly("country");
    }

    @Test
    void undeclaredSourceFieldsAreReportedForReview() {
        String noDropped = MAPPING.replace("dropped: [note]\n", "");
        assertThat(MappingValidator.validate(MigrationMapping.parse(noDropped, "x.yaml"), NEW, OLD))
                .anySatisfy(p -> assertThat(p.field()).isEqualTo("note"));
    }

    @Test
    void malformedMappingFilesGetClearErrors() {
        assertThatThrownBy(() -> MigrationMapping.parse("source: [", "bad.yaml"))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("bad.yaml");
        assertThatThrownBy(() -> MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}\nfields: {x: {from: a, constant: 1}}", "two.yaml"))
                .hasMessageContaining("exactly one");
        assertThatThrownBy(() -> MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}\nfields: {x: {from: a, convert: magic}}", "c.yaml"))
                .hasMessageContaining("unknown conversion 'magic'");
        assertThatThrownBy(() -> MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}\nextra: 1", "e.yaml"))
                .hasMessageContaining("unknown key 'extra'");
    }

    @Test
    void decimalsRescaleExactlyBetweenScales() {
        Schema s = AvroSchemas.parseCandidate("{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"p\",\"type\":"
                + "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":4}}]}");
        Schema t = AvroSchemas.parseCandidate("{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"p\",\"type\":"
                + "{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}}]}");
        RecordTranslator rescale = RecordTranslator.compile(MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}", "r"), s, t);
        var conv = new Conversions.DecimalConversion();
        LogicalTypes.Decimal scale4 = (LogicalTypes.Decimal) s.getField("p").schema().getLogicalType();
        GenericRecord in = new GenericRecordBuilder(s).set("p", conv.toBytes(new BigDecimal("1.2500"), null, scale4)).build();
        Object out = rescale.translate(in).get("p");
        assertThat(conv.fromBytes((ByteBuffer) out, null, t.getField("p").schema().getLogicalType()))
                .isEqualByComparingTo("1.25");
        GenericRecord lossy = new GenericRecordBuilder(s).set("p", conv.toBytes(new BigDecimal("1.2345"), null, scale4)).build();
        assertThatThrownBy(() -> rescale.translate(lossy)).isInstanceOf(TranslationException.class);
    }

    @Test
    void aDeclaredDeadLetterStillFailsTheRecordButIsNoLongerAWarning() {
        String declared = MAPPING.replace("  country: buyer.country\n", "  country: {from: buyer.country, on_error: dead-letter}\n");
        MigrationMapping mapping = MigrationMapping.parse(declared, "orders.yaml");
        assertThat(mapping.onError("country")).contains(OnError.DEAD_LETTER);
        assertThat(mapping.onError("amount")).isEmpty();
        assertThat(MappingValidator.validate(mapping, NEW, OLD)).as("the null-source warning is declared away").isEmpty();
        assertThatThrownBy(() -> RecordTranslator.compile(mapping, NEW, OLD).translate(order(null, 1_000_000, 1, "APP")))
                .isInstanceOf(TranslationException.class).hasMessageContaining("country");
    }

    @Test
    void onErrorDefaultFillsTheTargetsDefaultForValuesThatDoNotFit() {
        Schema source = AvroSchemas.parseCandidate("""
                {"type":"record","name":"Q","namespace":"q.v2","fields":[
                  {"name":"id","type":"string"},{"name":"quantity","type":"long"},{"name":"tags","type":{"type":"array","items":"string"}}]}""");
        Schema target = AvroSchemas.parseCandidate("""
                {"type":"record","name":"Q","namespace":"q","fields":[
                  {"name":"id","type":"string"},{"name":"quantity","type":"int","default":-1},
                  {"name":"tags","type":{"type":"array","items":"string"},"default":[]}]}""");
        RecordTranslator translator = RecordTranslator.compile(MigrationMapping.parse("""
                source: {subject: q.v2-value}
                target: {subject: q-value}
                fields:
                  quantity: {from: quantity, convert: narrow, on_error: default}
                """, "q.yaml"), source, target);
        GenericRecord fits = translator.translate(new GenericRecordBuilder(source).set("id", "a").set("quantity", 7L).set("tags", List.of()).build());
        GenericRecord tooBig = translator.translate(new GenericRecordBuilder(source).set("id", "b").set("quantity", 5_000_000_000L).set("tags", List.of()).build());
        assertThat(fits.get("quantity")).isEqualTo(7);
        assertThat(tooBig.get("quantity")).isEqualTo(-1);
        assertThat(GenericData.get().validate(target, tooBig)).isTrue();

        String noDefault = MAPPING.replace("quantity: {from: quantity, convert: narrow}", "quantity: {from: quantity, convert: narrow, on_error: default}");
        assertThat(MappingValidator.validate(MigrationMapping.parse(noDefault, "x.yaml"), NEW, OLD))
                .filteredOn(p -> p.severity() == MappingProblem.Severity.ERROR).singleElement()
                .satisfies(p -> assertThat(p.field() + ": " + p.message()).contains("quantity").contains("no default"));
    }

    @Test
    void onErrorIsParsedStrictly() {
        assertThatThrownBy(() -> MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}\nfields: {x: {from: a, on_error: skip}}", "o.yaml"))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("unknown on_error 'skip'").hasMessageContaining("dead-letter, default");
        assertThatThrownBy(() -> MigrationMapping.parse("source: {subject: a}\ntarget: {subject: b}\nfields: {x: {constant: 1, on_error: default}}", "o.yaml"))
                .isInstanceOf(InvalidMappingException.class).hasMessageContaining("'on_error' needs 'from'");
    }
}
