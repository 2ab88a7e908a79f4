package io.avrogate.core.json;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

@SuppressWarnings("unchecked")
class JsonToAvroTest {
    private static final Schema APP_EVENT = RepositorySchemas.parse("app-events-value", 3);
    private static final Schema AD_CLICK = RepositorySchemas.parse("ad-clicks-value", 3);
    private static final Schema EVENT = RepositorySchemas.parse("events-value", 3);
    private static final String IP16 = Base64.getEncoder().encodeToString(new byte[] {
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xff, (byte) 0xff, (byte) 192, (byte) 168, 1, 20});

    private final JsonToAvro converter = new JsonToAvro();

    private static final String APP_EVENT_JSON = """
            {"event_id": "6f1c2a4e-8a7b-4a43-9d6e-0c8f1f2b3a4d",
             "user_id": "u-42",
             "occurred_at": "2024-05-01T12:30:00.250+02:00",
             "metadata": {
               "device": {"platform": "IOS", "os_version": "17.4.1", "model": "iPhone15,2",
                          "screen": {"width": 1179, "height": 2556}},
               "geo": {"country": "DE", "city": "Berlin", "latitude": 52.52, "longitude": 13.405},
               "app_version": "5.2.0",
               "received_at": 1714559400250123,
               "sdk": {"name": "avro-sdk", "version": "1.0"}},
             "payload": {"screen_name": "checkout", "action": "tap_buy",
                         "properties": {"sku": "A-1", "qty": "2"}, "revenue": "19.99"},
             "session_sequence": 7}
            """;

    @Test
    void convertsAFullInAppEventWithNestedRecordsUnionsLogicalTypesAndMaps() throws IOException {
        GenericRecord event = converter.toRecord(JsonToAvro.parse(APP_EVENT_JSON), APP_EVENT);

        assertThat(event.get("event_id")).isEqualTo("6f1c2a4e-8a7b-4a43-9d6e-0c8f1f2b3a4d");
        assertThat(event.get("occurred_at")).isEqualTo(Instant.parse("2024-05-01T10:30:00.250Z").toEpochMilli());
        GenericRecord metadata = (GenericRecord) event.get("metadata");
        GenericRecord device = (GenericRecord) metadata.get("device");
        assertThat(device.get("platform").toString()).isEqualTo("IOS");
        assertThat(((GenericRecord) device.get("screen")).get("height")).isEqualTo(2556);
        GenericRecord geo = (GenericRecord) metadata.get("geo");
        assertThat(geo.getSchema().getFullName()).isEqualTo(RepositorySchemas.GEO_SUBJECT);
        assertThat(geo.get("latitude")).isEqualTo(52.52);
        assertThat(geo.get("region")).isNull();
        assertThat(metadata.get("received_at")).isEqualTo(1714559400250123L);
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat((Map<Object, Object>) payload.get("properties")).containsEntry("sku", "A-1").containsEntry("qty", "2");
        assertThat(decimal(payload.get("revenue"), APP_EVENT.getField("payload").schema().getField("revenue").schema().getTypes().get(1)))
                .isEqualTo(new BigDecimal("19.99"));
        assertThat(event.get("session_sequence")).isEqualTo(7L);

        // What the converter builds is exactly what Avro writes and reads back.
        assertThat(GenericData.get().validate(APP_EVENT, event)).isTrue();
        GenericRecord back = roundTrip(event, APP_EVENT);
        assertThat(back.get("occurred_at")).isEqualTo(event.get("occurred_at"));
        assertThat(((GenericRecord) back.get("metadata")).get("geo").toString()).isEqualTo(geo.toString());
        assertThat(((GenericRecord) back.get("payload")).get("revenue")).isEqualTo(payload.get("revenue"));
    }

    @Test
    void missingFieldsTakeTheirDefaults() {
        String json = APP_EVENT_JSON.replace("\"user_id\": \"u-42\",", "")
                .replaceAll(",\\s*\"sdk\": \\{[^}]*}", "")
                .replaceAll(",\\s*\"properties\": \\{[^}]*}, \"revenue\": \"19.99\"", "")
                .replaceAll(",\\s*\"session_sequence\": 7", "");
        GenericRecord event = converter.toRecord(JsonToAvro.parse(json), APP_EVENT);

        assertThat(event.get("user_id")).isNull();
        assertThat(event.get("session_sequence")).isNull();
        GenericRecord sdk = (GenericRecord) ((GenericRecord) event.get("metadata")).get("sdk");
        assertThat(sdk.get("name").toString()).isEqualTo("unknown");
        assertThat(sdk.get("version").toString()).isEqualTo("0");
        GenericRecord payload = (GenericRecord) event.get("payload");
        assertThat((Map<?, ?>) payload.get("properties")).isEmpty();
        assertThat(payload.get("revenue")).isNull();
    }

    @Test
    void aMissingRequiredFieldIsNamedWithItsPath() {
        String json = APP_EVENT_JSON.replace("\"os_version\": \"17.4.1\", ", "");
        assertThat(errors(json, APP_EVENT)).containsExactly(
                "/metadata/device/os_version: missing required field (string, no default)");
    }

    @Test
    void everyOffendingFieldIsReportedNotJustTheFirst() {
        String json = APP_EVENT_JSON
                .replace("\"6f1c2a4e-8a7b-4a43-9d6e-0c8f1f2b3a4d\"", "\"not-a-uuid\"")
                .replace("\"width\": 1179", "\"width\": \"wide\"")
                .replace("\"revenue\": \"19.99\"", "\"revenue\": 19.999")
                .replace("\"country\": \"DE\", ", "");
        assertThat(errors(json, APP_EVENT)).containsExactly(
                "/event_id: expected a UUID (8-4-4-4-12 hex digits), got \"not-a-uuid\"",
                "/metadata/device/screen/width: expected int, got \"wide\"",
                "/metadata/geo/country: missing required field (string, no default)",
                "/payload/revenue: 19.999 has more than 2 decimal places (scale 2); it is not rounded");
    }

    @Test
    void anUnknownEnumSymbolTakesTheEnumDefaultWhenTheSchemaHasOne() {
        GenericRecord event = converter.toRecord(JsonToAvro.parse(APP_EVENT_JSON.replace("\"IOS\"", "\"WINDOWS\"")), APP_EVENT);
        GenericRecord device = (GenericRecord) ((GenericRecord) event.get("metadata")).get("device");
        assertThat(device.get("platform").toString()).isEqualTo("OTHER");
    }

    @Test
    void anUnknownEnumSymbolIsAnErrorWhenTheEnumHasNoDefault() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "Ping", "fields": [
                  {"name": "device", "type": {"type": "record", "name": "Device", "fields": [
                    {"name": "os", "type": {"type": "enum", "name": "Os", "symbols": ["ANDROID", "IOS", "WEB"]}}]}}]}
                """);
        assertThat(errors("{\"device\": {\"os\": \"WINDOWS\"}}", schema))
                .containsExactly("/device/os: expected one of [ANDROID, IOS, WEB], got \"WINDOWS\"");
        assertThat(errors("{\"device\": {\"os\": 3}}", schema))
                .containsExactly("/device/os: expected one of [ANDROID, IOS, WEB], got 3");
    }

    @Test
    void unknownFieldsAreRejectedUnlessConfiguredToBeIgnored() {
        String json = APP_EVENT_JSON.replace("\"user_id\": \"u-42\",", "\"user_id\": \"u-42\", \"userId\": \"u-42\",");
        assertThat(errors(json, APP_EVENT)).containsExactly(
                "/userId: unknown field: record InAppEvent has no such field");

        JsonToAvro lenient = new JsonToAvro(new JsonToAvro.Options(BytesEncoding.BASE64, true));
        assertThat(lenient.toRecord(JsonToAvro.parse(json), APP_EVENT).get("user_id")).isEqualTo("u-42");
    }

    @Test
    void aFieldMayBeGivenUnderOneOfItsAliases() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "user_id", "type": "string", "aliases": ["userId", "uid"]}]}
                """);
        assertThat(converter.toRecord(JsonToAvro.parse("{\"uid\": \"u-1\"}"), schema).get("user_id")).isEqualTo("u-1");
        assertThat(errors("{\"uid\": 7}", schema)).containsExactly("/uid: expected string, got 7");
        assertThat(errors("{\"user_id\": \"a\", \"uid\": \"b\"}", schema))
                .containsExactly("/uid: unknown field: record R has no such field");
    }

    @Test
    void nullIsAValueOnlyWhereTheSchemaAllowsIt() {
        assertThat(errors(APP_EVENT_JSON.replace("\"app_version\": \"5.2.0\"", "\"app_version\": null"), APP_EVENT))
                .containsExactly("/metadata/app_version: expected string, got null");
        GenericRecord event = converter.toRecord(JsonToAvro.parse(APP_EVENT_JSON.replace("\"u-42\"", "null")), APP_EVENT);
        assertThat(event.get("user_id")).isNull();
    }

    // ---- logical types ----------------------------------------------------------------------------------------

    @Test
    void timestampsComeFromIsoInstantsOrEpochNumbersExactly() {
        long millis = Instant.parse("2024-05-01T10:30:00.250Z").toEpochMilli();
        for (String value : List.of("\"2024-05-01T10:30:00.250Z\"", "\"2024-05-01T12:30:00.25+02:00\"", String.valueOf(millis))) {
            GenericRecord event = converter.toRecord(JsonToAvro.parse(
                    APP_EVENT_JSON.replace("\"2024-05-01T12:30:00.250+02:00\"", value)), APP_EVENT);
            assertThat(event.get("occurred_at")).as(value).isEqualTo(millis);
        }
        // timestamp-micros keeps microseconds
        GenericRecord event = converter.toRecord(JsonToAvro.parse(
                APP_EVENT_JSON.replace("1714559400250123", "\"2024-05-01T10:30:00.250123Z\"")), APP_EVENT);
        assertThat(((GenericRecord) event.get("metadata")).get("received_at")).isEqualTo(1714559400250123L);
    }

    @Test
    void timestampsWithoutOffsetOrWithMorePrecisionThanTheTypeAreRefused() {
        assertThat(errors(APP_EVENT_JSON.replace("\"2024-05-01T12:30:00.250+02:00\"", "\"2024-05-01T12:30:00\""), APP_EVENT))
                .containsExactly("/occurred_at: timestamp \"2024-05-01T12:30:00\" has no zone offset; add Z or +hh:mm"
                        + " (it is an instant, not a local date-time)");
        assertThat(errors(APP_EVENT_JSON.replace("\"2024-05-01T12:30:00.250+02:00\"", "\"2024-05-01T12:30:00.2501Z\""), APP_EVENT))
                .containsExactly("/occurred_at: \"2024-05-01T12:30:00.2501Z\" is more precise than milliseconds");
        assertThat(errors(APP_EVENT_JSON.replace("\"2024-05-01T12:30:00.250+02:00\"", "\"yesterday\""), APP_EVENT))
                .containsExactly("/occurred_at: expected an ISO-8601 timestamp with zone offset (e.g. 2024-05-01T12:00:00Z)"
                        + " or milliseconds since the epoch, got \"yesterday\"");
        assertThat(errors(APP_EVENT_JSON.replace("\"2024-05-01T12:30:00.250+02:00\"", "true"), APP_EVENT))
                .singleElement().asString().startsWith("/occurred_at: expected an ISO-8601 timestamp");
    }

    @Test
    void datesTimesAndLocalTimestampsFromTheirNaturalForms() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "When", "fields": [
                  {"name": "day", "type": {"type": "int", "logicalType": "date"}},
                  {"name": "at", "type": {"type": "int", "logicalType": "time-millis"}},
                  {"name": "at_micros", "type": {"type": "long", "logicalType": "time-micros"}},
                  {"name": "local", "type": {"type": "long", "logicalType": "local-timestamp-millis"}}]}
                """);
        GenericRecord when = converter.toRecord(JsonToAvro.parse("""
                {"day": "2024-02-29", "at": "13:45:00.250", "at_micros": "00:00:01.000002", "local": "2024-05-01T12:00:00"}
                """), schema);
        assertThat(when.get("day")).isEqualTo((int) LocalDate.parse("2024-02-29").toEpochDay());
        assertThat(when.get("at")).isEqualTo(((13 * 60 + 45) * 60) * 1000 + 250);
        assertThat(when.get("at_micros")).isEqualTo(1_000_002L);
        assertThat(when.get("local")).isEqualTo(Instant.parse("2024-05-01T12:00:00Z").toEpochMilli());

        assertThat(errors("{\"day\": 19000, \"at\": 86400000, \"at_micros\": 0, \"local\": 0}", schema))
                .containsExactly("/at: 86400000 is not a time of day (0 to 86399999 milliseconds)");
        assertThat(errors("{\"day\": \"2024-02-30\", \"at\": 0, \"at_micros\": 0, \"local\": \"2024-05-01T12:00:00Z\"}", schema))
                .containsExactly(
                        "/day: expected an ISO-8601 date (e.g. 2024-05-01) or days since 1970-01-01, got \"2024-02-30\"",
                        "/local: expected an ISO-8601 local date-time without offset (e.g. 2024-05-01T12:00:00) or"
                                + " milliseconds since 1970-01-01T00:00, got \"2024-05-01T12:00:00Z\"");
    }

    @Test
    void decimalsComeFromNumbersOrStringsAndAreNeverRounded() {
        Schema cost = AD_CLICK.getField("cost").schema();
        for (String value : List.of("0.125", "\"0.125\"", "0.125000", "1.25E-1")) {
            GenericRecord click = converter.toRecord(JsonToAvro.parse(adClick().replace("\"0.25\"", value)), AD_CLICK);
            assertThat(decimal(click.get("cost"), cost)).as(value).isEqualTo(new BigDecimal("0.125000"));
        }
        assertThat(errors(adClick().replace("\"0.25\"", "0.1234567"), AD_CLICK))
                .containsExactly("/cost: 0.1234567 has more than 6 decimal places (scale 6); it is not rounded");
        assertThat(errors(adClick().replace("\"0.25\"", "\"1234567\""), AD_CLICK))
                .containsExactly("/cost: 1234567 has more than 12 digits (precision 12)");
        assertThat(errors(adClick().replace("\"0.25\"", "\"cheap\""), AD_CLICK))
                .containsExactly("/cost: expected decimal(12,6) as a number or numeric string, got \"cheap\"");
    }

    @Test
    void hostileDecimalsAreRefusedWithoutExpandingThem() {
        assertThat(errors(adClick().replace("\"0.25\"", "\"1e999999999\""), AD_CLICK))
                .containsExactly("/cost: 1E+999999999 has more than 12 digits (precision 12)");
        assertThat(errors(adClick().replace("\"0.25\"", "1e-999999999"), AD_CLICK))
                .containsExactly("/cost: 1E-999999999 has more than 6 decimal places (scale 6); it is not rounded");
        assertThat(errors(adClick().replace("\"0.25\"", "\"" + "9".repeat(2000) + "\""), AD_CLICK))
                .containsExactly("/cost: expected decimal(12,6), got a numeric string of 2000 characters (at most 1000)");
        Schema cents = new Schema.Parser().parse(
                "{\"type\": \"bytes\", \"logicalType\": \"decimal\", \"precision\": 2, \"scale\": 2}");
        assertThat(decimal(converter.convert(JsonToAvro.parse("0"), cents), cents)).isEqualTo(new BigDecimal("0.00"));
        assertThat(decimal(converter.convert(JsonToAvro.parse("\"-0.99\""), cents), cents)).isEqualTo(new BigDecimal("-0.99"));
    }

    @Test
    void uuidsAreValidatedAndMayFillAFixed16() {
        assertThat(errors(adClick().replace("\"0b5c6f0e-1d4e-4c89-8a8e-53e7b1f2c3d4\"", "\"0b5c6f0e1d4e4c898a8e53e7b1f2c3d4\""), AD_CLICK))
                .containsExactly("/click_id: expected a UUID (8-4-4-4-12 hex digits), got \"0b5c6f0e1d4e4c898a8e53e7b1f2c3d4\"");

        Schema fixedUuid = new Schema.Parser().parse(
                "{\"type\": \"fixed\", \"name\": \"Id\", \"size\": 16, \"logicalType\": \"uuid\"}");
        GenericData.Fixed id = (GenericData.Fixed) converter.convert(
                JsonToAvro.parse("\"0b5c6f0e-1d4e-4c89-8a8e-53e7b1f2c3d4\""), fixedUuid);
        assertThat(ByteBuffer.wrap(id.bytes()).getLong()).isEqualTo(0x0b5c6f0e1d4e4c89L);
    }

    // ---- bytes, fixed, maps, arrays, unions -------------------------------------------------------------------

    @Test
    void fixedAndBytesAreBase64ByDefaultWithTheirSizeChecked() {
        GenericRecord click = converter.toRecord(JsonToAvro.parse(adClick()), AD_CLICK);
        assertThat(((GenericData.Fixed) click.get("client_ip")).bytes()).containsExactly(Base64.getDecoder().decode(IP16));

        assertThat(errors(adClick().replace(IP16, "wKgBFA=="), AD_CLICK))
                .containsExactly("/client_ip: expected 16 bytes for fixed IpAddress, got 4");
        assertThat(errors(adClick().replace(IP16, "not base64!"), AD_CLICK)).singleElement().asString()
                .startsWith("/client_ip: expected fixed IpAddress as a base64 string, got \"not base64!\"");
    }

    @Test
    void bytesMayBeReadAsIso88591LikeAvrosOwnJsonEncoding() {
        JsonToAvro latin1 = new JsonToAvro(new JsonToAvro.Options(BytesEncoding.ISO_8859_1, false));
        String json = eventJson().replace("\"body\": \"aGk=\"", "\"body\": \"h\\u00ffi\"");
        GenericRecord event = latin1.toRecord(JsonToAvro.parse(json), EVENT);
        assertThat(((ByteBuffer) event.get("body")).array()).containsExactly('h', 0xff, 'i');

        assertThat(errorsWith(latin1, eventJson().replace("\"body\": \"aGk=\"", "\"body\": \"\u20ac\""), EVENT))
                .containsExactly("/body: expected bytes as an ISO-8859-1 string (code points 0-255), got character U+20AC at index 0");
    }

    @Test
    void unionValuesNeedNoWrapperAndGoToTheBranchOfTheirOwnKind() {
        GenericRecord event = converter.toRecord(JsonToAvro.parse(eventJson()), EVENT);
        Map<?, ?> attributes = (Map<?, ?>) event.get("attributes");
        assertThat(attributes.get("plan")).isEqualTo("pro");
        assertThat(attributes.get("seats")).isEqualTo(5L);
        assertThat(attributes.get("score")).isEqualTo(0.75);
        assertThat(attributes.get("trial")).isEqualTo(true);
        assertThat(attributes.containsKey("coupon")).isTrue();
        assertThat(attributes.get("coupon")).isNull();
        assertThat(event.get("business_date")).isEqualTo((int) LocalDate.parse("2024-05-01").toEpochDay());
        assertThat(((ByteBuffer) event.get("body")).array()).containsExactly('h', 'i');
        assertThat((List<Object>) event.get("tags")).containsExactly("a", "b");

        assertThat(errors(eventJson().replace("\"trial\": true", "\"trial\": [1]"), EVENT)).containsExactly(
                "/attributes/trial: matches no branch of [null, string, long, double, boolean], got an array (as string:"
                        + " expected string, got an array; as long: expected long, got an array; as double: expected"
                        + " double, got an array; as boolean: expected boolean, got an array)");
    }

    @Test
    void ambiguousUnionsResolveDeterministically() {
        Schema numbers = Schema.createUnion(Schema.create(Schema.Type.DOUBLE), Schema.create(Schema.Type.LONG));
        assertThat(converter.convert(JsonToAvro.parse("5"), numbers)).isEqualTo(5L);
        assertThat(converter.convert(JsonToAvro.parse("5.5"), numbers)).isEqualTo(5.5);
        Schema intOrLong = Schema.createUnion(Schema.create(Schema.Type.INT), Schema.create(Schema.Type.LONG));
        assertThat(converter.convert(JsonToAvro.parse("5"), intOrLong)).isEqualTo(5);
        assertThat(converter.convert(JsonToAvro.parse("5000000000"), intOrLong)).isEqualTo(5_000_000_000L);
        Schema doubleOnly = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE));
        assertThat(converter.convert(JsonToAvro.parse("5"), doubleOnly)).isEqualTo(5.0);

        Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        Schema textOrTime = Schema.createUnion(millis, Schema.create(Schema.Type.STRING));
        assertThat(converter.convert(JsonToAvro.parse("\"2024-05-01T00:00:00Z\""), textOrTime)).isEqualTo("2024-05-01T00:00:00Z");
        assertThat(converter.convert(JsonToAvro.parse("1714521600000"), textOrTime)).isEqualTo(1714521600000L);

        Schema enumOrText = new Schema.Parser().parse("""
                ["null", {"type": "enum", "name": "Os", "symbols": ["IOS", "OTHER"], "default": "OTHER"}, "string"]
                """);
        assertThat(converter.convert(JsonToAvro.parse("\"IOS\""), enumOrText).toString()).isEqualTo("IOS");
        assertThat(converter.convert(JsonToAvro.parse("\"IOS\""), enumOrText)).isInstanceOf(GenericData.EnumSymbol.class);
        // an unknown symbol: the string branch takes it as it is, before the enum's default would replace it
        assertThat(converter.convert(JsonToAvro.parse("\"WINDOWS\""), enumOrText)).isEqualTo("WINDOWS");

        Schema records = new Schema.Parser().parse("""
                [{"type": "record", "name": "Click", "fields": [{"name": "url", "type": "string"}]},
                 {"type": "record", "name": "View", "fields": [{"name": "screen", "type": "string"},
                                                               {"name": "ms", "type": "long", "default": 0}]}]
                """);
        assertThat(((GenericRecord) converter.convert(JsonToAvro.parse("{\"screen\": \"home\"}"), records)).getSchema().getName())
                .isEqualTo("View");
        assertThat(((GenericRecord) converter.convert(JsonToAvro.parse("{\"url\": \"/a\"}"), records)).getSchema().getName())
                .isEqualTo("Click");
    }

    @Test
    void unionTagsOfAvrosJsonEncodingPickTheirBranchOnlyWhenEnabled() {
        JsonToAvro avroJson = new JsonToAvro(JsonToAvro.Options.AVRO_JSON_ENCODING);
        Schema numbers = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.DOUBLE),
                Schema.create(Schema.Type.LONG));
        // the tag overrides the bare rules (5 alone is a long); bare values follow the same rules as by default
        assertThat(avroJson.convert(JsonToAvro.parse("{\"double\": 5}"), numbers)).isEqualTo(5.0);
        assertThat(avroJson.convert(JsonToAvro.parse("5"), numbers)).isEqualTo(5L);
        assertThat(errorsWith(avroJson, "{\"long\": \"five\"}", numbers)).containsExactly("/long: expected long, got \"five\"");

        Schema geo = APP_EVENT.getField("metadata").schema().getField("geo").schema(); // ["null", GeoLocation]
        String tagged = "{\"" + RepositorySchemas.GEO_SUBJECT + "\": {\"country\": \"DE\", \"city\": {\"string\": \"Berlin\"}}}";
        GenericRecord location = (GenericRecord) avroJson.convert(JsonToAvro.parse(tagged), geo);
        assertThat(location.get("city")).isEqualTo("Berlin");

        // by default (ingest) a tagged value is an object like any other, which no branch here takes
        assertThat(errorsWith(converter, "{\"double\": 5}", numbers)).singleElement().asString()
                .startsWith("/: matches no branch of [null, double, long], got an object");
        assertThat(JsonToAvro.Options.DEFAULTS.unionTags()).isFalse();
        assertThat(new JsonToAvro.Options(BytesEncoding.BASE64, true).unionTags()).isFalse();
    }

    @Test
    void numbersAreCheckedAgainstTheirTypesRange() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "N", "fields": [
                  {"name": "i", "type": "int"}, {"name": "f", "type": "float"}, {"name": "d", "type": "double"}]}
                """);
        GenericRecord ok = converter.toRecord(JsonToAvro.parse("{\"i\": 5.0, \"f\": 1.5, \"d\": \"NaN\"}"), schema);
        assertThat(ok.get("i")).isEqualTo(5);
        assertThat(ok.get("f")).isEqualTo(1.5f);
        assertThat((Double) ok.get("d")).isNaN();
        assertThat(errors("{\"i\": 3000000000, \"f\": 1e39, \"d\": 1e400}", schema)).containsExactly(
                "/i: 3000000000 is out of range for int",
                "/f: 1E+39 is out of range for float",
                "/d: 1E+400 is out of range for double");
        assertThat(errors("{\"i\": 5.5, \"f\": \"1.5\", \"d\": true}", schema)).containsExactly(
                "/i: expected int, got fractional number 5.5",
                "/f: expected float, got \"1.5\"",
                "/d: expected double, got true");
    }

    @Test
    void mapKeysAndArrayIndexesAppearInErrorPaths() {
        assertThat(errors(eventJson().replace("\"tags\": [\"a\", \"b\"]", "\"tags\": [\"a\", 2]")
                .replace("\"plan\": \"pro\"", "\"a/b\": {}"), EVENT)).containsExactly(
                "/attributes/a~1b: matches no branch of [null, string, long, double, boolean], got an object (as string:"
                        + " expected string, got an object; as long: expected long, got an object; as double: expected"
                        + " double, got an object; as boolean: expected boolean, got an object)",
                "/tags/1: expected string, got 2");
    }

    @Test
    void theRootMustHaveTheSchemasShapeAndMalformedJsonIsAnError() {
        assertThat(errors("[1, 2]", APP_EVENT)).containsExactly("/: expected record InAppEvent (a JSON object), got an array");
        assertThatThrownBy(() -> converter.convert("{\"event_id\": ", APP_EVENT))
                .isInstanceOf(JsonConversionException.class)
                .hasMessageStartingWith("/: malformed JSON: ");
        assertThatThrownBy(() -> converter.convert("{} {}", APP_EVENT))
                .isInstanceOf(JsonConversionException.class)
                .hasMessageStartingWith("/: malformed JSON: ");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------

    private static String adClick() {
        return """
                {"click_id": "0b5c6f0e-1d4e-4c89-8a8e-53e7b1f2c3d4", "ad_id": "ad-1", "campaign_id": "c-9",
                 "occurred_at": 1714521600000, "cost": "0.25", "currency": "EUR", "placement": "FEED",
                 "client_ip": "%s", "landing_url": "https://example.com/x",
                 "tracking_params": {"utm_source": "news"}}
                """.formatted(IP16);
    }

    private static String eventJson() {
        return """
                {"id": "1f0e2d3c-4b5a-4968-8776-a5b4c3d2e1f0", "type": "signup", "source": "web",
                 "occurred_at": "2024-05-01T10:00:00.000001Z",
                 "attributes": {"plan": "pro", "seats": 5, "score": 0.75, "trial": true, "coupon": null},
                 "tags": ["a", "b"], "business_date": "2024-05-01", "body": "aGk="}
                """;
    }

    private List<String> errors(String json, Schema schema) {
        return errorsWith(converter, json, schema);
    }

    private static List<String> errorsWith(JsonToAvro converter, String json, Schema schema) {
        try {
            converter.convert(JsonToAvro.parse(json), schema);
        } catch (JsonConversionException e) {
            return e.errors().stream().map(ConversionError::toString).toList();
        }
        throw new AssertionError("expected conversion errors for " + json);
    }

    private static BigDecimal decimal(Object bytes, Schema schema) {
        return new Conversions.DecimalConversion().fromBytes(((ByteBuffer) bytes).duplicate(), schema, schema.getLogicalType());
    }

    private static GenericRecord roundTrip(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema, schema);
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
