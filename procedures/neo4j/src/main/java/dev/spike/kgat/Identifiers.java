package dev.spike.kgat;

import java.util.regex.Pattern;

/** Checks and quotes the label, type and property names that go into Cypher text. */
final class Identifiers {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private Identifiers() {}

    static boolean isSafe(String name) {
        return name != null && SAFE.matcher(name).matches();
    }

    /** Returns {@code name} unchanged, or rejects it naming the configuration key it came from. */
    static String require(String key, String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException(String.format(
                    "%s must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                            + "found \"%s\"",
                    key, name));
        }
        return name;
    }

    /** Backtick-quotes a name that {@link #isSafe} accepted. */
    static String quote(String name) {
        if (!isSafe(name)) {
            throw new IllegalArgumentException("Invalid identifier \"" + name + "\"");
        }
        return "`" + name + "`";
    }
}
