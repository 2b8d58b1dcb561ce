package glocal.model.data.files;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Parsers for single fields; each failure is a {@link LineParseException} with a reason. */
final class FieldParsers {

    private static final Pattern EPOCH_MILLIS = Pattern.compile("-?\\d{1,19}");

    /** ISO 3166-1 alpha-2, optionally with a sub-code such as the MovieLens zip region US-Z3. */
    private static final Pattern TERRITORY = Pattern.compile("[A-Z]{2}(-[A-Z0-9]{1,4})?");

    private FieldParsers() {}

    /** Epoch milliseconds, or an ISO-8601 instant with a zone offset (Z or ±hh:mm). */
    static long eventTime(String column, String value) throws LineParseException {
        if (EPOCH_MILLIS.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new LineParseException(
                        column + " '" + value + "' is out of the epoch-millis range");
            }
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notInstant) {
            try {
                return OffsetDateTime.parse(value).toInstant().toEpochMilli();
            } catch (DateTimeParseException e) {
                throw new LineParseException(
                        column
                                + " '"
                                + value
                                + "' is neither epoch millis nor an "
                                + "ISO-8601 instant with offset (e.g. 2026-01-01T12:00:00Z)");
            }
        }
    }

    /** A share in [0, 1]. */
    static float ratio(String column, String value) throws LineParseException {
        float r;
        try {
            r = Float.parseFloat(value);
        } catch (NumberFormatException e) {
            throw new LineParseException(column + " '" + value + "' is not a number");
        }
        if (!(r >= 0f && r <= 1f)) {
            throw new LineParseException(column + " " + value + " is outside [0, 1]");
        }
        return r;
    }

    /** true/false, 1/0, yes/no, any case. */
    static boolean bool(String column, String value) throws LineParseException {
        switch (value.toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> {
                return true;
            }
            case "false", "0", "no" -> {
                return false;
            }
            default ->
                    throw new LineParseException(
                            column + " '" + value + "' is not a boolean (true/false, 1/0, yes/no)");
        }
    }

    /** Upper-cased territory code, checked against the ISO alpha-2 shape. */
    static String territory(String column, String value) throws LineParseException {
        String code = value.toUpperCase(Locale.ROOT);
        if (!TERRITORY.matcher(code).matches()) {
            throw new LineParseException(
                    column
                            + " '"
                            + value
                            + "' is not an ISO 3166-1 alpha-2 code (two letters, optionally -SUB such as US-Z3)");
        }
        return code;
    }

    /** A whole number. */
    static long integer(String column, String value) throws LineParseException {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new LineParseException(column + " '" + value + "' is not a whole number");
        }
    }
}
