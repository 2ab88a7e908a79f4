package io.avrogate.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import io.avrogate.check.SchemaRepository;
import io.avrogate.check.Subject;
import io.avrogate.core.AvroSchemas;
import io.avrogate.core.migration.MappingProblem;
import io.avrogate.core.migration.MappingValidator;
import io.avrogate.core.migration.MigrationMapping;
import io.avrogate.core.migration.RecordTranslator;
import io.avrogate.example.tracking.clicks.AdClick;
import io.avrogate.example.tracking.clicks.Placement;
import io.avrogate.example.tracking.clicks.v2.AdRef;
import io.avrogate.example.tracking.clicks.v2.Consent;
import io.avrogate.example.tracking.clicks.v2.IpAddress;
import io.avrogate.example.tracking.clicks.v2.Slot;
import io.avrogate.example.tracking.common.GeoLocation;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

/**
 * The declared breaking change, end to end on the real files: a record built with the new lineage's generated
 * class, translated by migrations/ad-clicks-v2-to-v1.yaml, is read by the OLD lineage's generated class.
 */
class AdClicksMigrationTest {
    private static final SchemaRepository REPO = SchemaRepository.load(Path.of("."));

    private static Schema latest(String subject) {
        Subject s = REPO.subject(subject).orElseThrow();
        return AvroSchemas.parse(s.latest().text(), REPO.referenceTexts(s), true);
    }

    @Test
    void aNewLineageClickIsReadableByOldConsumersAfterTranslation() throws Exception {
        MigrationMapping mapping = MigrationMapping.parse(
                Files.readString(Path.of("migrations/ad-clicks-v2-to-v1.yaml")), "ad-clicks-v2-to-v1.yaml");
        Schema source = latest(mapping.sourceSubject());
        Schema target = latest(mapping.targetSubject());
        assertThat(MappingValidator.validate(mapping, source, target))
                .noneMatch(p -> p.severity() == MappingProblem.Severity.ERROR);

        byte[] ip = new byte[16];
        ip[15] = 7;
        io.avrogate.example.tracking.clicks.v2.AdClick click = io.avrogate.example.tracking.clicks.v2.AdClick.newBuilder()
                .setId(UUID.fromString("6f1c1b9e-4a0b-4d59-9a55-8c3f0e2d1a77"))
                .setAd(AdRef.newBuilder().setAdId("ad-42").setCampaignId("spring-sale").setAdvertiserId("acme").build())
                .setOccurredAt(Instant.parse("2026-11-24T10:15:30.123456Z"))
                .setCostMicros(1_250_000L)
                .setSlot(Slot.SEARCH_RESULTS)
                .setClientIp(new IpAddress(ip))
                .setGeo(GeoLocation.newBuilder().setCountry("DE").setCity("Berlin").build())
                .setConsent(Consent.GRANTED)
                .setAttributionWindowDays(7)
                .build();

        GenericRecord asGeneric = (GenericRecord) toGeneric(click, source);
        GenericRecord translated = RecordTranslator.compile(mapping, source, target).translate(asGeneric);

        AdClick old = readAsOld(translated, target);
        assertThat(old.getClickId()).isEqualTo(UUID.fromString("6f1c1b9e-4a0b-4d59-9a55-8c3f0e2d1a77"));
        assertThat(old.getAdId()).isEqualTo("ad-42");
        assertThat(old.getCampaignId()).isEqualTo("spring-sale");
        assertThat(old.getOccurredAt()).isEqualTo(Instant.parse("2026-11-24T10:15:30.123Z"));
        assertThat(old.getCost()).isEqualByComparingTo(new BigDecimal("1.25"));
        assertThat(old.getCurrency()).isEqualTo("USD");
        assertThat(old.getPlacement()).isEqualTo(Placement.SEARCH);
        assertThat(old.getClientIp().bytes()).isEqualTo(ip);
        assertThat(old.getGeo().getCity()).isEqualTo("Berlin");
        assertThat(old.getLandingUrl()).isNull();
        assertThat(old.getTrackingParams()).isEmpty();
    }

    /** The generic view of a specific record, as a consumer without the generated class would see it. */
    private static Object toGeneric(Object specific, Schema schema) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new org.apache.avro.specific.SpecificDatumWriter<>(schema).write(specific, encoder);
        encoder.flush();
        return new org.apache.avro.generic.GenericDatumReader<>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }

    private static AdClick readAsOld(GenericRecord record, Schema target) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(target).write(record, encoder);
        encoder.flush();
        SpecificDatumReader<AdClick> reader = new SpecificDatumReader<>(target, AdClick.getClassSchema(), SpecificData.get());
        return reader.read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
    }
}
