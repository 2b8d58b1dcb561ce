package glocal.model.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The one parser of settings given as text (a properties file, a checkpoint's provenance, {@code
 * key=value} pairs of a command line): each read takes a key and the value to use when the key is
 * absent, and a value that does not parse fails with an {@link IllegalArgumentException} that names
 * the key and quotes the value. {@code ModelSpec}, {@code TallConfig} and the stream's
 * configuration read through it; values are trimmed first.
 */
public final class KeyValues {

    private final Map<?, ?> values;

    private KeyValues(Map<?, ?> values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    /** Reads {@code values} (a {@link java.util.Properties} is a map); the map is not copied. */
    public static KeyValues of(Map<?, ?> values) {
        return new KeyValues(values);
    }

    /** The raw text of {@code key}, or null when absent. */
    public String raw(String key) {
        Object v = values.get(key);
        return v == null ? null : v.toString();
    }

    public String string(String key, String absent) {
        String v = raw(key);
        return v == null ? absent : v.trim();
    }

    public int integer(String key, int absent) {
        String v = raw(key);
        return v == null ? absent : integer(key, v);
    }

    public long longInteger(String key, long absent) {
        String v = raw(key);
        if (v == null) {
            return absent;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw wholeNumber(key, v, e);
        }
    }

    public float decimal(String key, float absent) {
        String v = raw(key);
        if (v == null) {
            return absent;
        }
        try {
            return Float.parseFloat(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, was '" + v + "'", e);
        }
    }

    /** {@code true} or {@code false}, any case; anything else fails. */
    public boolean bool(String key, boolean absent) {
        String v = raw(key);
        if (v == null) {
            return absent;
        }
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (!t.equals("true") && !t.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(t);
    }

    /** A comma-separated list of whole numbers; a blank value is the empty list. */
    public int[] integers(String key, int[] absent) {
        String v = raw(key);
        return v == null ? absent.clone() : integers(key, v);
    }

    /** Parses {@code text}, the value of {@code key}, as one whole number. */
    public static int integer(String key, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw wholeNumber(key, text, e);
        }
    }

    /**
     * Parses {@code text}, the value of {@code key}, as a comma-separated list of whole numbers.
     */
    public static int[] integers(String key, String text) {
        if (text.isBlank()) {
            return new int[0];
        }
        try {
            return Arrays.stream(text.split(","))
                    .map(String::trim)
                    .mapToInt(Integer::parseInt)
                    .toArray();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    key + " must be a comma-separated list of integers, was '" + text + "'", e);
        }
    }

    private static IllegalArgumentException wholeNumber(
            String key, String text, NumberFormatException e) {
        return new IllegalArgumentException(key + " must be an integer, was '" + text + "'", e);
    }
}
