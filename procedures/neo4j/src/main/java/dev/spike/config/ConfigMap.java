package dev.spike.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Typed access to a procedure's configuration map, with one error message style for every
 * procedure. Each getter names the key it reads; {@link #rejectUnknownKeys()} then fails on any
 * key no getter asked for, listing the valid keys, so a typo never passes silently.
 */
public final class ConfigMap {

    private final String procedure;
    private final Map<String, Object> values;
    private final Set<String> knownKeys = new LinkedHashSet<>();

    private ConfigMap(String procedure, Map<String, Object> values) {
        this.procedure = procedure;
        this.values = values == null ? Map.of() : values;
    }

    public static ConfigMap of(String procedure, Map<String, Object> values) {
        return new ConfigMap(procedure, values);
    }

    public boolean has(String key) {
        knownKeys.add(key);
        return values.get(key) != null;
    }

    /** Returns true when the key is in the map, even with a null value. */
    public boolean present(String key) {
        knownKeys.add(key);
        return values.containsKey(key);
    }

    public String string(String key, String defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, value, "a string");
        }
        return text;
    }

    /**
     * Reads a string that must be present and not blank. The error message states whether the key
     * was left out or given as null, as an empty string or as a blank one.
     */
    public String requiredString(String key) {
        boolean inMap = present(key);
        String value = string(key, null);
        if (!inMap) {
            String near = values.keySet().stream().filter(other -> other.equalsIgnoreCase(key) && !other.equals(key))
                    .findFirst().map(other -> " The configuration has `" + other + "`; keys are case-sensitive.")
                    .orElse("");
            throw new IllegalArgumentException(procedure + ": missing required configuration key `" + key + "`."
                    + near);
        }
        if (value == null || value.isBlank()) {
            String cause = value == null ? ", which usually comes from a missing parameter" : "";
            throw new IllegalArgumentException(procedure + ": configuration key `" + key + "` " + describeBlank(value)
                    + cause + ". Pass a non-empty string.");
        }
        return value;
    }

    /**
     * Describes a null, empty or blank string for an error message, as in "`graphName` is null".
     * Returns "is null", "is an empty string" or "is blank ('  ')".
     */
    public static String describeBlank(String value) {
        if (value == null) {
            return "is null";
        }
        return value.isEmpty() ? "is an empty string" : "is blank ('" + value + "')";
    }

    /** Reads a label, relationship type or property name, checked before it can reach a Cypher string. */
    public String identifier(String key, String defaultValue) {
        if (defaultValue != null && present(key) && values.get(key) == null) {
            // A null name usually comes from a missing parameter. Taking the default instead could
            // write into, or read from, a property the caller did not mean.
            throw new IllegalArgumentException(String.format("%s: configuration key `%s` is null. Leave it out to "
                    + "use the default '%s', or give a name.", procedure, key, defaultValue));
        }
        String value = string(key, defaultValue);
        return value == null ? null : Identifiers.check(procedure, key, value);
    }

    /** Reads a list of names, each checked as {@link #identifier} does. A single string counts as a list of one. */
    public List<String> identifierList(String key, List<String> defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> list;
        if (value instanceof List<?> values) {
            list = values;
        } else if (value instanceof String single) {
            list = List.of(single);
        } else {
            throw wrongType(key, value, "a list of strings");
        }
        List<String> names = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof String text)) {
                throw wrongType(key, value, "a list of strings");
            }
            names.add(Identifiers.check(procedure, key, text));
        }
        return List.copyOf(names);
    }

    public int integer(String key, int defaultValue, int min, int max) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short)) {
            throw wrongType(key, value, "an integer");
        }
        long number = ((Number) value).longValue();
        if (number < min || number > max) {
            throw outOfRange(key, value, min, max);
        }
        return (int) number;
    }

    public long longValue(String key, long defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short)) {
            throw wrongType(key, value, "an integer");
        }
        return ((Number) value).longValue();
    }

    public double decimal(String key, double defaultValue, double min, double max) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number)) {
            throw wrongType(key, value, "a number");
        }
        double result = number.doubleValue();
        if (Double.isNaN(result) || result < min || result > max) {
            throw outOfRange(key, value, min, max);
        }
        return result;
    }

    /** Reads a rate such as a dropout: at least 0 and below 1. */
    public double fraction(String key, double defaultValue) {
        Double result = number(key);
        if (result == null) {
            return defaultValue;
        }
        if (!(result >= 0 && result < 1)) {
            throw outOfRange(key, get(key), "[0, 1)");
        }
        return result;
    }

    /** Reads a number above 0 and at most {@code max}, such as a learning rate. */
    public double positive(String key, double defaultValue, double max) {
        Double result = number(key);
        if (result == null) {
            return defaultValue;
        }
        if (!(result > 0 && result <= max)) {
            throw outOfRange(key, get(key), "(0, " + plain(max) + "]");
        }
        return result;
    }

    private Double number(String key) {
        Object value = get(key);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw wrongType(key, value, "a number");
        }
        return number.doubleValue();
    }

    public boolean bool(String key, boolean defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, value, "true or false");
        }
        return flag;
    }

    /** Reads a list of integers. A single integer counts as a list of one. */
    public List<Long> integerList(String key, List<Long> defaultValue) {
        Object value = get(key);
        if (value == null) {
            return defaultValue;
        }
        List<?> list = value instanceof List<?> values ? values : List.of(value);
        List<Long> numbers = new ArrayList<>();
        for (Object element : list) {
            if (!(element instanceof Long || element instanceof Integer)) {
                throw wrongType(key, value, "a list of integers");
            }
            numbers.add(((Number) element).longValue());
        }
        return List.copyOf(numbers);
    }

    /** Raw value for keys whose type a caller checks itself (node lists, nested maps). */
    public Object raw(String key) {
        return get(key);
    }

    /** Fails on keys that no getter has read, listing the valid keys. */
    public void rejectUnknownKeys() {
        Set<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(knownKeys);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(procedure + ": unknown configuration key"
                    + (unknown.size() > 1 ? "s " : " ") + unknown.stream().map(k -> "`" + k + "`").toList()
                    + ". Valid keys: " + String.join(", ", new TreeSet<>(knownKeys)) + ".");
        }
    }

    private Object get(String key) {
        knownKeys.add(key);
        return values.get(key);
    }

    private IllegalArgumentException wrongType(String key, Object value, String expected) {
        String hint = expected.contains("integer") ? dev.spike.profile.IntegerHint.of(value) : "";
        return new IllegalArgumentException(String.format("%s: configuration key `%s` must be %s, got %s %s.%s",
                procedure, key, expected, typeName(value), Redaction.describe(key, value), hint));
    }

    private IllegalArgumentException outOfRange(String key, Object value, Number min, Number max) {
        return outOfRange(key, value, "[" + plain(min) + ", " + plain(max) + "]");
    }

    private IllegalArgumentException outOfRange(String key, Object value, String range) {
        return new IllegalArgumentException(String.format("%s: configuration key `%s` is %s, outside the allowed range %s.",
                procedure, key, value, range));
    }

    private static String plain(Number number) {
        double value = number.doubleValue();
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : number.toString();
    }

    private static String typeName(Object value) {
        if (value instanceof String) {
            return "the string";
        }
        if (value instanceof Long || value instanceof Integer) {
            return "the integer";
        }
        if (value instanceof Double || value instanceof Float) {
            return "the float";
        }
        if (value instanceof Boolean) {
            return "the boolean";
        }
        if (value instanceof List<?>) {
            return "the list";
        }
        if (value instanceof Map<?, ?>) {
            return "the map";
        }
        return "a value of type " + value.getClass().getSimpleName();
    }
}
