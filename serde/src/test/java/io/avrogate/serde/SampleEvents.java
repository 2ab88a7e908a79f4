package io.avrogate.serde;

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
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;

/** Realistic in-app events (the newest generated class) and the released .avsc files of the schemas module. */
final class SampleEvents {
    private static final Path SUBJECTS = locateSubjects();

    private SampleEvents() {}

    static InAppEvent inAppEvent(int n) {
        return InAppEvent.newBuilder()
                .setEventId(UUID.nameUUIDFromBytes(("event-" + n).getBytes()))
                .setUserId(n % 3 == 0 ? null : "user-" + n)
                .setOccurredAt(Instant.ofEpochMilli(1_732_400_000_000L + n))
                .setMetadata(EventMetadata.newBuilder()
                        .setDevice(DeviceInfo.newBuilder()
                                .setPlatform(n % 2 == 0 ? Platform.IOS : Platform.ANDROID)
                                .setOsVersion("17.4." + n)
                                .setModel("Pixel " + n)
                                .setScreen(Screen.newBuilder().setWidth(1080).setHeight(2400).build())
                                .build())
                        .setGeo(GeoLocation.newBuilder().setCountry("DE").setRegion("BE").setCity("Berlin")
                                .setLatitude(52.52).setLongitude(13.405).setPostalCode("10115").setAccuracyKm(1.5f)
                                .build())
                        .setAppVersion("5.2." + n)
                        .setReceivedAt(Instant.ofEpochSecond(1_732_400_000L, 123_456_000L))
                        .setSdk(SdkInfo.newBuilder().setName("avrogate-sdk").setVersion("1.0").build())
                        .build())
                .setPayload(TrackedPayload.newBuilder()
                        .setScreenName("checkout")
                        .setAction("tap_buy")
                        .setProperties(Map.of("sku", "SKU-" + n, "qty", "2"))
                        .setRevenue(new BigDecimal("19.99"))
                        .build())
                .setSessionSequence((long) n)
                .build();
    }

    /** The text of {@code schemas/subjects/<subject>/v<version>.avsc}. */
    static String avsc(String subject, int version) {
        try {
            return Files.readString(SUBJECTS.resolve(subject).resolve("v" + version + ".avsc"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A released version parsed with the shared GeoLocation version it references, as the registry resolves it. */
    static Schema appEventsSchema(int version, int geoVersion) {
        Schema.Parser parser = new Schema.Parser();
        parser.parse(avsc("io.avrogate.example.tracking.common.GeoLocation", geoVersion));
        return parser.parse(avsc("app-events-value", version));
    }

    private static Path locateSubjects() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("schemas/subjects");
            if (Files.isDirectory(candidate)) return candidate;
        }
        throw new IllegalStateException("schemas/subjects not found above " + Path.of("").toAbsolutePath());
    }
}
