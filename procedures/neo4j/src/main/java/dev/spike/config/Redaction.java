package dev.spike.config;

import java.util.Locale;

/** Keeps secrets out of messages: values of keys that hold credentials are never printed. */
final class Redaction {

    private Redaction() {}

    static String describe(String key, Object value) {
        String lower = key.toLowerCase(Locale.ROOT);
        if (lower.contains("key") && !lower.endsWith("env") || lower.contains("secret") || lower.contains("password")
                || lower.contains("token") && !lower.contains("tokens")) {
            return "<redacted>";
        }
        String text = value instanceof String ? "'" + value + "'" : String.valueOf(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }
}
