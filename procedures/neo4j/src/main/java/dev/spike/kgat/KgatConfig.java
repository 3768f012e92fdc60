package dev.spike.kgat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Configuration of {@code spike.kgat.load} and {@code spike.kgat.export}, parsed and validated
 * before any file or graph access.
 *
 * @param userLabel label of user nodes
 * @param itemLabel label of item nodes (KGAT entities with an id below the item count)
 * @param entityLabel label of the other KGAT entities
 * @param interactionType relationship type of user-item interactions
 * @param splitProperty interaction property that stores {@code 'train'} or {@code 'test'}
 * @param positionProperty interaction property that stores the item's place on its user's line
 * @param batchSize rows per write transaction (load only)
 * @param overwrite whether export may replace existing files (export only)
 * @param positionPropertyGiven whether the configuration named {@code positionProperty} itself
 */
record KgatConfig(
        String userLabel,
        String itemLabel,
        String entityLabel,
        String interactionType,
        String splitProperty,
        String positionProperty,
        int batchSize,
        boolean overwrite,
        boolean positionPropertyGiven) {

    static final int DEFAULT_BATCH_SIZE = 10_000;

    private static final List<String> NAME_KEYS =
            List.of("userLabel", "itemLabel", "entityLabel", "interactionType", "splitProperty", "positionProperty");
    private static final Map<String, String> NAME_DEFAULTS = Map.of(
            "userLabel", "User",
            "itemLabel", "Item",
            "entityLabel", "Entity",
            "interactionType", "RATED",
            "splitProperty", "split",
            "positionProperty", "position");

    static KgatConfig forLoad(Map<String, Object> configuration) {
        return parse("spike.kgat.load", configuration, "batchSize");
    }

    static KgatConfig forExport(Map<String, Object> configuration) {
        return parse("spike.kgat.export", configuration, "overwrite");
    }

    private static KgatConfig parse(String procedure, Map<String, Object> configuration, String extraKey) {
        Map<String, Object> values = configuration == null ? Map.of() : configuration;
        Set<String> validKeys = new TreeSet<>(NAME_KEYS);
        validKeys.add(extraKey);
        for (String key : values.keySet()) {
            if (!validKeys.contains(key)) {
                throw new IllegalArgumentException(String.format(
                        "%s: unknown configuration key '%s'. Valid keys: %s.",
                        procedure, key, String.join(", ", validKeys)));
            }
        }

        Map<String, String> names = new LinkedHashMap<>();
        for (String key : NAME_KEYS) {
            names.put(key, Identifiers.require(key, stringValue(values, key, NAME_DEFAULTS.get(key))));
        }
        requireDistinctLabels(names);
        if (names.get("splitProperty").equals(names.get("positionProperty"))) {
            throw new IllegalArgumentException(String.format(
                    "splitProperty and positionProperty must be two different properties, found \"%s\" for both",
                    names.get("splitProperty")));
        }

        int batchSize = extraKey.equals("batchSize") ? batchSize(values) : DEFAULT_BATCH_SIZE;
        boolean overwrite = extraKey.equals("overwrite") && booleanValue(values, "overwrite");
        return new KgatConfig(
                names.get("userLabel"),
                names.get("itemLabel"),
                names.get("entityLabel"),
                names.get("interactionType"),
                names.get("splitProperty"),
                names.get("positionProperty"),
                batchSize,
                overwrite,
                values.get("positionProperty") != null);
    }

    private static String stringValue(Map<String, Object> values, String key, String defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, "a string", value);
        }
        return text;
    }

    private static int batchSize(Map<String, Object> values) {
        Object value = values.get("batchSize");
        if (value == null) {
            return DEFAULT_BATCH_SIZE;
        }
        if (!(value instanceof Long || value instanceof Integer)) {
            throw wrongType("batchSize", "an integer", value);
        }
        long size = ((Number) value).longValue();
        if (size < 1 || size > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "batchSize must be between 1 and " + Integer.MAX_VALUE + ", found " + size);
        }
        return (int) size;
    }

    private static boolean booleanValue(Map<String, Object> values, String key) {
        Object value = values.get(key);
        if (value == null) {
            return false;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, "a boolean", value);
        }
        return flag;
    }

    private static void requireDistinctLabels(Map<String, String> names) {
        String user = names.get("userLabel");
        String item = names.get("itemLabel");
        String entity = names.get("entityLabel");
        if (user.equals(item) || user.equals(entity) || item.equals(entity)) {
            throw new IllegalArgumentException(String.format(
                    "userLabel, itemLabel and entityLabel must be three different labels, found \"%s\", \"%s\" and \"%s\"",
                    user, item, entity));
        }
    }

    private static IllegalArgumentException wrongType(String key, String expected, Object value) {
        return new IllegalArgumentException(String.format(
                "%s must be %s, found %s %s%s",
                key, expected, cypherTypeName(value), value instanceof String ? "\"" + value + "\"" : value,
                expected.contains("integer") && !dev.spike.profile.IntegerHint.of(value).isEmpty()
                        ? "." + dev.spike.profile.IntegerHint.of(value) : ""));
    }

    private static String cypherTypeName(Object value) {
        if (value instanceof String) {
            return "STRING";
        } else if (value instanceof Long || value instanceof Integer) {
            return "INTEGER";
        } else if (value instanceof Double || value instanceof Float) {
            return "FLOAT";
        } else if (value instanceof Boolean) {
            return "BOOLEAN";
        } else if (value instanceof List) {
            return "LIST";
        } else if (value instanceof Map) {
            return "MAP";
        }
        return value.getClass().getSimpleName();
    }
}
