package io.avrogate.registry;

/** A version path parameter: 1..2^31-1, or "latest"/-1 for the latest live version. */
public record VersionId(int number) {
    public static final VersionId LATEST = new VersionId(-1);

    public boolean isLatest() {
        return number == -1;
    }

    public static VersionId parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.equalsIgnoreCase("latest")) return LATEST;
        try {
            int n = Integer.parseInt(t);
            if (n == -1) return LATEST;
            if (n >= 1) return new VersionId(n);
        } catch (NumberFormatException e) {
            // falls through to the Confluent error
        }
        throw RegistryError.INVALID_VERSION.exception(text);
    }
}
