package dev.spike.profile;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Range and choice checks for {@link ProfileSettings}; each message names the key and the allowed values. */
final class SettingsValidation {

    private static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    private SettingsValidation() {
    }

    static void choice(String key, String value, Set<String> allowed) {
        if (!allowed.contains(value)) {
            throw invalid(key, "'" + value + "'", "one of " + new TreeSet<>(allowed));
        }
    }

    static void optionalText(String key, String value) {
        if (value != null && value.isBlank()) {
            throw invalid(key, "'" + value + "'", "a non-blank string, or leave the key out for the default");
        }
    }

    /** Rejects an empty or blank secret, which would be sent as an empty credential, without showing it. */
    static void optionalSecret(String key, String value) {
        if (value != null && value.isBlank()) {
            throw invalid(key, "empty or blank", "the key itself, or leave `" + key + "` out and name the environment "
                    + "variable that holds it in `apiKeyEnv`");
        }
    }

    static void requiredText(String key, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(key, "'" + value + "'", "a non-blank string");
        }
    }

    static void baseUrl(String key, String value) {
        if (value != null && !(value.startsWith("http://") || value.startsWith("https://"))) {
            throw invalid(key, "'" + value + "'", "an http:// or https:// URL");
        }
    }

    static void timeout(Duration value) {
        if (value != null && (value.isZero() || value.isNegative() || value.compareTo(MAX_TIMEOUT) > 0)) {
            throw invalid("timeout", Durations.format(value), "a duration greater than 0 and at most 1h");
        }
    }

    /** Allowed range of each integer setting, as {min, max}. */
    private static final Map<String, int[]> INTEGER_RANGES = Map.of(
            "retries", new int[] {0, 10},
            "concurrency", new int[] {1, 64},
            "maxFacts", new int[] {0, 1000},
            "maxReviews", new int[] {0, 1000},
            "maxItemsPerEntity", new int[] {0, 1000},
            "maxItemsPerUser", new int[] {0, 1000},
            "maxPromptTokens", new int[] {512, 1_000_000},
            "maxReviewChars", new int[] {50, 100_000},
            "maxOutputTokens", new int[] {16, 32_768});

    /**
     * Checks an integer setting against its range in {@link #INTEGER_RANGES}. It takes a long, so
     * that a value beyond the int range gets the same message as any other value out of range.
     */
    static void range(String key, long value) {
        int[] range = INTEGER_RANGES.get(key);
        if (range == null) {
            throw new IllegalStateException("No range is declared for the integer setting `" + key + "`.");
        }
        if (value < range[0] || value > range[1]) {
            throw outOfRange(key, value, "[" + range[0] + ", " + range[1] + "]");
        }
    }

    static void temperature(double value) {
        if (!(value >= 0.0 && value <= 2.0)) {
            throw outOfRange("temperature", value, "[0, 2]");
        }
    }

    /**
     * Checks that {@code reasoningModel: true} comes with the openai provider and the default
     * temperature, because the openai writer then sends no temperature at all.
     */
    static void reasoningModel(boolean reasoningModel, String provider, double temperature) {
        if (!reasoningModel) {
            return;
        }
        if (!ProfileSettings.OPENAI.equals(provider)) {
            throw new IllegalArgumentException("Invalid value for profile setting `reasoningModel`: true with provider '"
                    + provider + "'. It applies only to provider 'openai', where it replaces max_tokens and temperature"
                    + " with max_completion_tokens. Set `provider: 'openai'`, or remove `reasoningModel`.");
        }
        if (temperature != ProfileSettings.DEFAULT_TEMPERATURE) {
            throw new IllegalArgumentException("Invalid combination of profile settings `temperature`: " + temperature
                    + " and `reasoningModel`: true. Reasoning models accept only their own default temperature,"
                    + " so none is sent. Remove `temperature`, or set `reasoningModel: false`.");
        }
    }

    /** Builds the error for a value out of range, worded as the procedures' own keys word it. */
    private static IllegalArgumentException outOfRange(String key, Object value, String range) {
        return new IllegalArgumentException(
                "configuration key `" + key + "` is " + value + ", outside the allowed range " + range + ".");
    }

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(
                "Invalid value for profile setting `" + key + "`: " + value + ". Expected " + expected + ".");
    }
}
