package dev.spike.config;

import java.util.regex.Pattern;

/**
 * Labels, relationship types and property names that a procedure puts into Cypher text.
 *
 * <p>Only names of ASCII letters, digits and underscores, not starting with a digit, are accepted, and
 * every accepted name is still backtick-quoted when it is written into a query, so a value from
 * a configuration map can never change the query around it.
 */
public final class Identifiers {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /** Maximum length of a name, and of a vector index name derived from names. */
    public static final int MAX_LENGTH = 128;

    private Identifiers() {}

    public static String check(String procedure, String key, String name) {
        if (name == null || name.length() > MAX_LENGTH || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException(String.format(
                    "%s: configuration key `%s` has the invalid name '%s'. Use ASCII letters (A-Z, a-z), digits "
                            + "and underscores, starting with a letter or underscore (at most %d characters).",
                    procedure, key, name, MAX_LENGTH));
        }
        return name;
    }

    /** Backtick-quotes a name that {@link #check} accepted. */
    public static String quote(String name) {
        return "`" + name + "`";
    }
}
