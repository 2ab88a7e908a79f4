package io.avrogate.core.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Avro's date, time and timestamp logical types from their ISO-8601 text forms. Every conversion is exact: text that
 * carries more precision than the logical type keeps (e.g. microseconds for a {@code timestamp-millis}) is refused
 * rather than truncated, because truncation would silently change the event.
 */
final class TemporalValues {
    /** The unit a time or timestamp logical type counts in, as nanoseconds per unit. */
    enum Unit {
        MILLIS(1_000_000L, "milliseconds"), MICROS(1_000L, "microseconds"), NANOS(1L, "nanoseconds");

        final long nanosPerUnit;
        final String label;

        Unit(long nanosPerUnit, String label) {
            this.nanosPerUnit = nanosPerUnit;
            this.label = label;
        }

        static Unit of(String logicalType) {
            if (logicalType.endsWith("millis")) return MILLIS;
            if (logicalType.endsWith("micros")) return MICROS;
            return NANOS;
        }
    }

    /** A value that cannot be converted; the message is the reason shown to the user. */
    static final class Invalid extends Exception {
        Invalid(String message) {
            super(message, null, false, false);
        }
    }

    private TemporalValues() {}

    /** {@code 2024-05-01} to days since 1970-01-01. */
    static int date(String text) throws Invalid {
        try {
            return Math.toIntExact(LocalDate.parse(text).toEpochDay());
        } catch (DateTimeParseException e) {
            throw new Invalid("expected an ISO-8601 date (e.g. 2024-05-01) or days since 1970-01-01, got \"" + text + "\"");
        } catch (ArithmeticException e) {
            throw new Invalid("date " + text + " is out of range");
        }
    }

    /** {@code 13:45:00.250} to units after midnight. */
    static long timeOfDay(String text, Unit unit) throws Invalid {
        LocalTime time;
        try {
            time = LocalTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid("expected an ISO-8601 time of day (e.g. 13:45:00.250) or " + unit.label
                    + " after midnight, got \"" + text + "\"");
        }
        return exactUnits(time.toNanoOfDay(), unit, text);
    }

    /** An instant with a zone offset ({@code 2024-05-01T12:00:00Z}, {@code ...+02:00}) to units since the epoch. */
    static long timestamp(String text, Unit unit) throws Invalid {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            if (parsesAsLocal(text)) {
                throw new Invalid("timestamp \"" + text + "\" has no zone offset; add Z or +hh:mm (it is an instant, not"
                        + " a local date-time)");
            }
            throw new Invalid("expected an ISO-8601 timestamp with zone offset (e.g. 2024-05-01T12:00:00Z) or "
                    + unit.label + " since the epoch, got \"" + text + "\"");
        }
        return epochUnits(instant, unit, text);
    }

    /** A local date-time without offset ({@code 2024-05-01T12:00:00}) to units since 1970-01-01T00:00. */
    static long localTimestamp(String text, Unit unit) throws Invalid {
        LocalDateTime local;
        try {
            local = LocalDateTime.parse(text);
        } catch (DateTimeParseException e) {
            throw new Invalid("expected an ISO-8601 local date-time without offset (e.g. 2024-05-01T12:00:00) or "
                    + unit.label + " since 1970-01-01T00:00, got \"" + text + "\"");
        }
        return epochUnits(local.toInstant(ZoneOffset.UTC), unit, text);
    }

    private static boolean parsesAsLocal(String text) {
        try {
            LocalDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    private static long epochUnits(Instant instant, Unit unit, String text) throws Invalid {
        if (instant.getNano() % unit.nanosPerUnit != 0) {
            throw new Invalid("\"" + text + "\" is more precise than " + unit.label);
        }
        try {
            long perSecond = 1_000_000_000L / unit.nanosPerUnit;
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), perSecond), instant.getNano() / unit.nanosPerUnit);
        } catch (ArithmeticException e) {
            throw new Invalid("\"" + text + "\" is out of range for " + unit.label + " since the epoch");
        }
    }

    private static long exactUnits(long nanos, Unit unit, String text) throws Invalid {
        if (nanos % unit.nanosPerUnit != 0) {
            throw new Invalid("\"" + text + "\" is more precise than " + unit.label);
        }
        return nanos / unit.nanosPerUnit;
    }
}
