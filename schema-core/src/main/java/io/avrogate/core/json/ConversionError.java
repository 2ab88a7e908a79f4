package io.avrogate.core.json;

/**
 * One reason a JSON value does not fit a schema.
 *
 * @param path   JSON Pointer of the offending value, e.g. {@code /metadata/device/platform}; {@code /} for the root
 * @param reason what is wrong, e.g. {@code expected one of [IOS, ANDROID], got "WINDOWS"}
 */
public record ConversionError(String path, String reason) {
    @Override
    public String toString() {
        return path + ": " + reason;
    }
}
