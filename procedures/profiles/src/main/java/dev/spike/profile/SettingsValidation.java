package dev.spike.profile;

import java.time.Duration;
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

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw invalid(key, value, "an integer from " + min + " to " + max);
        }
    }

    static void temperature(double value) {
        if (!(value >= 0.0 && value <= 2.0)) {
            throw invalid("temperature", value, "a number from 0.0 to 2.0");
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

    private static IllegalArgumentException invalid(String key, Object value, String expected) {
        return new IllegalArgumentException(
                "Invalid value for profile setting `" + key + "`: " + value + ". Expected " + expected + ".");
    }
}
