package io.avrogate.bench;

/**
 * Generates realistic, evolving tracking-event schemas for benchmarks: subject {@code i} at version {@code v} is a
 * record of about fifteen fields (a nested device record, an enum with a default, a map, an array, a nullable union,
 * logical types) plus one optional field per version after the first. Every version can read and be read by every
 * other, so a transitive check walks the whole history instead of stopping early.
 */
public final class SyntheticSchemas {
    private SyntheticSchemas() {}

    public static String subjectName(int subject) {
        return String.format("bench-topic-%04d-value", subject);
    }

    public static String schema(int subject, int version) {
        String ns = "io.avrogate.bench.s" + subject;
        StringBuilder sb = new StringBuilder(2048);
        sb.append("{\"type\":\"record\",\"name\":\"TrackingEvent\",\"namespace\":\"").append(ns).append("\",")
          .append("\"doc\":\"Synthetic tracking event for subject ").append(subject).append("\",\"fields\":[")
          .append("{\"name\":\"event_id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"},\"doc\":\"Event id\"},")
          .append("{\"name\":\"occurred_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},")
          .append("{\"name\":\"received_at\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}},")
          .append("{\"name\":\"user_id\",\"type\":[\"null\",\"string\"],\"default\":null},")
          .append("{\"name\":\"session_id\",\"type\":\"string\"},")
          .append("{\"name\":\"kind\",\"type\":{\"type\":\"enum\",\"name\":\"Kind\",")
          .append("\"symbols\":[\"VIEW\",\"CLICK\",\"PURCHASE\",\"UNKNOWN\"],\"default\":\"UNKNOWN\"}},")
          .append("{\"name\":\"device\",\"type\":{\"type\":\"record\",\"name\":\"Device\",\"doc\":\"The device.\",\"fields\":[")
          .append("{\"name\":\"os\",\"type\":\"string\"},{\"name\":\"os_version\",\"type\":[\"null\",\"string\"],\"default\":null},")
          .append("{\"name\":\"model\",\"type\":\"string\"},{\"name\":\"screen_width\",\"type\":\"int\"},")
          .append("{\"name\":\"screen_height\",\"type\":\"int\"}]}},")
          .append("{\"name\":\"geo\",\"type\":[\"null\",{\"type\":\"record\",\"name\":\"Geo\",\"doc\":\"Where.\",\"fields\":[")
          .append("{\"name\":\"country\",\"type\":\"string\"},{\"name\":\"lat\",\"type\":\"double\"},")
          .append("{\"name\":\"lon\",\"type\":\"double\"}]}],\"default\":null},")
          .append("{\"name\":\"amount\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":12,\"scale\":4}},")
          .append("{\"name\":\"tags\",\"type\":{\"type\":\"array\",\"items\":\"string\"},\"default\":[]},")
          .append("{\"name\":\"attributes\",\"type\":{\"type\":\"map\",\"values\":\"string\"},\"default\":{}},")
          .append("{\"name\":\"day\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},")
          .append("{\"name\":\"checksum\",\"type\":{\"type\":\"fixed\",\"name\":\"Md5\",\"size\":16}}");
        for (int added = 2; added <= version; added++) {
            sb.append(",{\"name\":\"extra_").append(added).append("\",\"type\":[\"null\",\"long\"],\"default\":null,")
              .append("\"doc\":\"Added in version ").append(added).append("\"}");
        }
        return sb.append("]}").toString();
    }
}
