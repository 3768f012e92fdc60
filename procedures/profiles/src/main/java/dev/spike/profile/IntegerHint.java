package dev.spike.profile;

import java.util.List;

/**
 * The sentence that ends a "must be an integer" message when the value is a whole number sent
 * as a float. The JavaScript driver sends every plain number as a float, so a caller from
 * JavaScript meets this first and needs to know how to send an integer.
 */
public final class IntegerHint {

    private IntegerHint() {}

    /** Returns the hint, starting with a space, or "" when {@code value} contains no whole float. */
    public static String of(Object value) {
        Object example = value instanceof List<?> list
                ? list.stream().filter(IntegerHint::wholeFloat).findFirst().orElse(null)
                : wholeFloat(value) ? value : null;
        if (example == null) {
            return "";
        }
        return " Send it as an integer: neo4j.int(" + (long) ((Number) example).doubleValue()
                + ") with the JavaScript driver, or toInteger(...) in Cypher.";
    }

    private static boolean wholeFloat(Object value) {
        return (value instanceof Double || value instanceof Float)
                && ((Number) value).doubleValue() == Math.rint(((Number) value).doubleValue())
                && !Double.isInfinite(((Number) value).doubleValue());
    }
}
