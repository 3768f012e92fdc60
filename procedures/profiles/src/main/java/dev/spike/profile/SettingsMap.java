package dev.spike.profile;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Parses a configuration map into {@link ProfileSettings}, rejecting unknown keys and wrong types. */
final class SettingsMap {

    static final List<String> KEYS = List.of(
            "provider", "model", "baseUrl", "apiKey", "apiKeyEnv", "timeout", "retries",
            "concurrency", "maxFacts", "maxReviews", "maxItemsPerEntity", "maxItemsPerUser",
            "maxPromptTokens", "maxReviewChars", "domain", "itemSystemPrompt",
            "entitySystemPrompt", "userSystemPrompt", "temperature", "maxOutputTokens",
            "reasoningModel", "embedder", "embeddingModel", "embeddingBaseUrl");

    private final Map<String, Object> values;

    private SettingsMap(Map<String, Object> values) {
        this.values = values;
    }

    static ProfileSettings parse(Map<String, Object> values) {
        Map<String, Object> copy = values == null ? Map.of() : new HashMap<>(values);
        rejectUnknownKeys(copy);
        SettingsMap map = new SettingsMap(copy);

        String provider = map.string("provider", ProfileSettings.TEMPLATE);
        String embedder = map.string("embedder", ProfileSettings.ALL_MINILM_L6_V2);
        // The key then goes to OpenAI only: the Ollama writer and embedder send none beside an OpenAI side.
        boolean usesOpenAi = ProfileSettings.OPENAI.equals(ProfileSettings.lower(provider))
                || ProfileSettings.OPENAI.equals(ProfileSettings.lower(embedder));
        String apiKeyEnv = map.string("apiKeyEnv", usesOpenAi ? "OPENAI_API_KEY" : null);

        return new ProfileSettings(
                provider,
                map.string("model", null),
                map.string("baseUrl", null),
                map.string("apiKey", null),
                apiKeyEnv,
                map.duration("timeout"),
                map.integer("retries", 3),
                map.integer("concurrency", 4),
                map.integer("maxFacts", 30),
                map.integer("maxReviews", 5),
                map.integer("maxItemsPerEntity", 10),
                map.integer("maxItemsPerUser", 20),
                map.integer("maxPromptTokens", 3000),
                map.integer("maxReviewChars", 600),
                map.string("domain", "items"),
                map.string("itemSystemPrompt", null),
                map.string("entitySystemPrompt", null),
                map.string("userSystemPrompt", null),
                map.decimal("temperature", ProfileSettings.DEFAULT_TEMPERATURE),
                map.integer("maxOutputTokens", 250),
                map.bool("reasoningModel", false),
                embedder,
                map.string("embeddingModel", null),
                map.string("embeddingBaseUrl", null));
    }

    private static void rejectUnknownKeys(Map<String, Object> values) {
        TreeSet<String> unknown = new TreeSet<>(values.keySet());
        unknown.removeAll(KEYS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown profile setting(s) " + unknown
                    + ". Valid keys: " + String.join(", ", KEYS) + ".");
        }
    }

    private String string(String key, String defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof String text)) {
            throw wrongType(key, value, "a string");
        }
        return text;
    }

    private int integer(String key, int defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short) {
            long number = ((Number) value).longValue();
            SettingsValidation.range(key, number);
            return (int) number;
        }
        throw wrongType(key, value, "an integer");
    }

    private double decimal(String key, double defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Number number)) {
            throw wrongType(key, value, "a number");
        }
        return number.doubleValue();
    }

    private boolean bool(String key, boolean defaultValue) {
        Object value = values.get(key);
        if (value == null) {
            return defaultValue;
        }
        if (!(value instanceof Boolean flag)) {
            throw wrongType(key, value, "a boolean, true or false");
        }
        return flag;
    }

    private Duration duration(String key) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number || value instanceof String) {
            return Durations.parse(key, value);
        }
        throw wrongType(key, value, "a duration such as '60s', '2m', '500ms' or a number of seconds");
    }

    private static IllegalArgumentException wrongType(String key, Object value, String expected) {
        return new IllegalArgumentException("Invalid type for profile setting `" + key + "`: "
                + value.getClass().getSimpleName() + " " + describe(key, value) + ". Expected " + expected + "."
                + (expected.startsWith("an integer") ? IntegerHint.of(value) : ""));
    }

    private static String describe(String key, Object value) {
        return "apiKey".equals(key) ? "<redacted>" : String.valueOf(value);
    }
}
