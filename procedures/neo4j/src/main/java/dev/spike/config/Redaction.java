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
        String text = show(value);
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** Writes a value as Cypher would, so that a string inside a list keeps its quotes: ['10'], not [10]. */
    private static String show(Object value) {
        if (value instanceof String text) {
            return "'" + text + "'";
        }
        if (value instanceof java.util.List<?> list) {
            return list.stream().map(Redaction::show).collect(java.util.stream.Collectors.joining(", ", "[", "]"));
        }
        return String.valueOf(value);
    }
}
