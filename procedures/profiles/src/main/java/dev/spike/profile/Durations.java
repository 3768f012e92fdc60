package dev.spike.profile;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses timeouts written as "60s", "2m", "500ms", "1h", an ISO-8601 duration or a number of seconds. */
public final class Durations {

    private static final Pattern WITH_UNIT = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    private Durations() {
    }

    /**
     * Parses a duration value of the setting {@code key}.
     *
     * @throws IllegalArgumentException naming the key and the accepted forms
     */
    public static Duration parse(String key, Object value) {
        if (value instanceof Number number) {
            return ofSeconds(key, value, number.doubleValue());
        }
        String text = String.valueOf(value).trim().toLowerCase(Locale.ROOT);
        if (text.startsWith("pt")) {
            try {
                return Duration.parse(text.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw invalid(key, value);
            }
        }
        Matcher matcher = WITH_UNIT.matcher(text);
        if (!matcher.matches()) {
            throw invalid(key, value);
        }
        double amount = Double.parseDouble(matcher.group(1));
        String unit = matcher.group(2) == null ? "s" : matcher.group(2);
        double seconds = switch (unit) {
            case "ms" -> amount / 1000.0;
            case "m" -> amount * 60.0;
            case "h" -> amount * 3600.0;
            default -> amount;
        };
        return ofSeconds(key, value, seconds);
    }

    /** Formats a duration the way users write it, such as "10s", "5m" or "1500ms". */
    public static String format(Duration duration) {
        long millis = duration.toMillis();
        if (millis % 60_000 == 0) {
            return (millis / 60_000) + "m";
        }
        if (millis % 1000 == 0) {
            return (millis / 1000) + "s";
        }
        return millis + "ms";
    }

    private static Duration ofSeconds(String key, Object value, double seconds) {
        if (Double.isNaN(seconds) || seconds <= 0) {
            throw invalid(key, value);
        }
        return Duration.ofMillis(Math.round(seconds * 1000.0));
    }

    private static IllegalArgumentException invalid(String key, Object value) {
        return new IllegalArgumentException("Invalid value for profile setting `" + key + "`: '" + value
                + "'. Expected a positive duration such as '60s', '2m', '500ms' or a number of seconds.");
    }
}
