package io.avrogate.bench;

import io.avrogate.example.tracking.app.DeviceInfo;
import io.avrogate.example.tracking.app.EventMetadata;
import io.avrogate.example.tracking.app.InAppEvent;
import io.avrogate.example.tracking.app.Platform;
import io.avrogate.example.tracking.app.Screen;
import io.avrogate.example.tracking.app.SdkInfo;
import io.avrogate.example.tracking.app.TrackedPayload;
import io.avrogate.example.tracking.common.GeoLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;

/**
 * The benchmarks' record: an in-app tracking event of the newest generated class (24 leaf fields in nested records:
 * uuid, timestamps, an enum, nullable strings and numbers, a map, a decimal; about 250 bytes encoded), and older
 * released versions of its schema read from {@code schemas/subjects} (run from the repository root).
 */
final class TrackingEvents {
    private TrackingEvents() {}

    static InAppEvent event(int n) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("sku", "SKU-" + n);
        properties.put("qty", Integer.toString(1 + n % 5));
        properties.put("campaign", "spring-sale");
        return InAppEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("event-" + n).getBytes()))
                .setUserId(n % 4 == 0 ? null : "user-" + (n % 10_000))
                .setOccurredAt(Instant.ofEpochMilli(1_732_400_000_000L + n))
                .setMetadata(EventMetadata.newBuilder()
                        .setDevice(DeviceInfo.newBuilder()
                                .setPlatform(Platform.values()[n % 4])
                                .setOsVersion("17.4." + n % 10)
                                .setModel(n % 3 == 0 ? null : "Pixel " + n % 9)
                                .setScreen(Screen.newBuilder().setWidth(1080).setHeight(2400).build())
                                .build())
                        .setGeo(GeoLocation.newBuilder().setCountry("DE").setRegion("BE").setCity("Berlin")
                                .setLatitude(52.52 + n % 100 / 1000.0).setLongitude(13.405).setPostalCode("10115")
                                .setAccuracyKm(1.5f).build())
                        .setAppVersion("5.2." + n % 20)
                        .setReceivedAt(Instant.ofEpochSecond(1_732_400_000L + n, 123_456_000L))
                        .setSdk(SdkInfo.newBuilder().setName("avrogate-sdk").setVersion("1.0").build())
                        .build())
                .setPayload(TrackedPayload.newBuilder()
                        .setScreenName("checkout")
                        .setAction("tap_buy")
                        .setProperties(properties)
                        .setRevenue(new BigDecimal("19.99"))
                        .build())
                .setSessionSequence((long) n)
                .build();
    }

    /** A released version of app-events, parsed with the GeoLocation version its subject.yaml references. */
    static Schema appEvents(int version) {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(read("io.avrogate.example.tracking.common.GeoLocation", 2));
        return parser.parse(read("app-events-value", version));
    }

    private static String read(String subject, int version) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve("schemas/subjects").resolve(subject).resolve("v" + version + ".avsc");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        throw new IllegalStateException("schemas/subjects/" + subject + " not found: run from the repository root");
    }
}
