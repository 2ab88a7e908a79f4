package io.avrogate.cli.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A realistic, reproducible stream of ad-click tracking events as an ad server would send them as JSON: a few
 * campaigns and ads, clicks from a handful of countries, UTM parameters, costs in cents, IPv4 clients written as
 * IPv4-mapped IPv6. A fixed seed makes every run of the demo tell the same story. Also the few broken events a real
 * integration sends now and then, each with the defect the gate must name.
 */
final class TrackingEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COUNTRIES = {"DE", "FR", "NL", "US", "BR", "JP"};
    private static final String[][] CITIES = {{"BE", "Berlin"}, {"IDF", "Paris"}, {"NH", "Amsterdam"},
            {"CA", "San Francisco"}, {"SP", "São Paulo"}, {"13", "Tokyo"}};
    private static final double[][] COORDINATES = {{52.52, 13.405}, {48.857, 2.352}, {52.37, 4.895},
            {37.775, -122.419}, {-23.55, -46.633}, {35.68, 139.69}};
    private static final String[] PLACEMENTS = {"FEED", "SEARCH", "BANNER", "VIDEO"};
    private static final String[] SLOTS = {"NEWS_FEED", "SEARCH_RESULTS", "DISPLAY", "VIDEO"};
    private static final String[] SOURCES = {"newsletter", "partner-blog", "social", "search"};

    private final Random random;
    private final Instant start;

    TrackingEvents(long seed, Instant start) {
        this.random = new Random(seed);
        this.start = start;
    }

    /** One valid click of the {@code ad-clicks} topic (AdClick, subject ad-clicks-value). */
    ObjectNode adClick(int n) {
        int ad = random.nextInt(40);
        int place = random.nextInt(COUNTRIES.length);
        ObjectNode click = JSON.createObjectNode()
                .put("click_id", uuid().toString())
                .put("ad_id", String.format("ad-%04d", ad))
                .put("campaign_id", String.format("cmp-%03d", ad / 8))
                .put("occurred_at", start.plusMillis(n * 250L + random.nextInt(250)).toString())
                .put("cost", BigDecimal.valueOf(5 + random.nextInt(120), 2))
                .put("currency", place == 3 ? "USD" : place == 5 ? "JPY" : "EUR")
                .put("placement", PLACEMENTS[random.nextInt(PLACEMENTS.length)])
                .put("client_ip", ipv4MappedBase64());
        if (random.nextInt(10) < 8) click.set("geo", geo(place, false));
        String source = SOURCES[random.nextInt(SOURCES.length)];
        click.put("landing_url", "https://shop.example.com/p/" + (1000 + random.nextInt(9000)) + "?utm_source=" + source);
        click.putObject("tracking_params").put("utm_source", source).put("utm_medium", "cpc")
                .put("utm_campaign", String.format("cmp-%03d", ad / 8));
        return click;
    }

    /** One valid click of the new {@code ad-clicks.v2} topic (AdClick v2 lineage, subject ad-clicks.v2-value). */
    ObjectNode adClickV2(int n) {
        int ad = random.nextInt(40);
        int place = random.nextInt(COUNTRIES.length);
        ObjectNode click = JSON.createObjectNode().put("id", uuid().toString());
        click.putObject("ad").put("ad_id", String.format("ad-%04d", ad)).put("campaign_id", String.format("cmp-%03d", ad / 8))
                .put("advertiser_id", String.format("adv-%02d", ad / 10));
        click.put("occurred_at", start.plusMillis(n * 250L + random.nextInt(250)).toString())
                .put("cost_micros", (5 + random.nextInt(120)) * 10_000L)
                .put("slot", SLOTS[random.nextInt(SLOTS.length)])
                .put("client_ip", ipv4MappedBase64());
        if (random.nextInt(10) < 8) click.set("geo", geo(place, true));
        click.put("consent", random.nextInt(10) < 7 ? "GRANTED" : "DENIED");
        return click;
    }

    /**
     * Broken clicks, as integrations really send them, each with what is wrong: the gate must refuse each one and
     * say why, while the valid events of the same request go through.
     */
    List<Broken> brokenAdClicks(int n) {
        List<Broken> out = new ArrayList<>();
        ObjectNode missing = adClick(n);
        missing.remove("ad_id");
        out.add(new Broken(missing, "no ad_id"));
        out.add(new Broken(adClick(n + 1).put("click_id", "click-" + (n + 1)), "click_id is not a UUID"));
        out.add(new Broken(adClick(n + 2).put("cost", new BigDecimal("0.1234567")), "cost has 7 decimals, the schema keeps 6"));
        out.add(new Broken(adClick(n + 3).put("occurred_at", "yesterday"), "occurred_at is not a timestamp"));
        out.add(new Broken(adClick(n + 4).put("client_ip", Base64.getEncoder().encodeToString(new byte[] {10, 0, 0, 7})),
                "client_ip has 4 bytes, the schema wants 16"));
        return out;
    }

    /** A broken event and, in words, what is wrong with it. */
    record Broken(ObjectNode event, String defect) {}

    private ObjectNode geo(int place, boolean withPostalCode) {
        ObjectNode geo = JSON.createObjectNode().put("country", COUNTRIES[place]).put("region", CITIES[place][0])
                .put("city", CITIES[place][1])
                .put("latitude", COORDINATES[place][0]).put("longitude", COORDINATES[place][1]);
        if (withPostalCode) geo.put("postal_code", String.format("%05d", random.nextInt(100_000)));
        return geo;
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String ipv4MappedBase64() {
        byte[] address = new byte[16];
        address[10] = (byte) 0xff;
        address[11] = (byte) 0xff;
        address[12] = (byte) (81 + random.nextInt(100));
        address[13] = (byte) random.nextInt(256);
        address[14] = (byte) random.nextInt(256);
        address[15] = (byte) (1 + random.nextInt(254));
        return Base64.getEncoder().encodeToString(address);
    }
}
