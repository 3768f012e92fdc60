package dev.spike.profile;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProfileSettingsTest {

    @Test
    void defaultsAreOfflineAndValid() {
        ProfileSettings settings = ProfileSettings.defaults();

        assertEquals("template", settings.provider());
        assertEquals("all-minilm-l6-v2", settings.embedder());
        assertEquals(3, settings.retries());
        assertEquals(4, settings.concurrency());
        assertEquals(30, settings.maxFacts());
        assertEquals(5, settings.maxReviews());
        assertEquals(10, settings.maxItemsPerEntity());
        assertEquals(20, settings.maxItemsPerUser());
        assertEquals(3000, settings.maxPromptTokens());
        assertEquals(600, settings.maxReviewChars());
        assertEquals("items", settings.domain());
        assertNull(settings.timeout());
        assertEquals(0.0, settings.temperature());
        assertFalse(settings.reasoningModel());
    }

    @Test
    void providerDefaultsDependOnProvider() {
        ProfileSettings ollama = ProfileSettings.fromMap(Map.of("provider", "ollama"));
        ProfileSettings openai = ProfileSettings.fromMap(Map.of("provider", "openai"));

        assertEquals(Duration.ofMinutes(5), ollama.timeoutFor("ollama"));
        assertEquals(Duration.ofSeconds(60), openai.timeoutFor("openai"));
        assertEquals("http://localhost:11434", ollama.baseUrlFor("ollama"));
        assertEquals("OPENAI_API_KEY", openai.apiKeyEnv());
        assertNull(ollama.apiKeyEnv());
    }

    @Test
    void openAiKeyVariableDefaultForEitherSide() {
        assertEquals("OPENAI_API_KEY", ProfileSettings.fromMap(Map.of("provider", " OpenAI ")).apiKeyEnv());
        assertEquals("OPENAI_API_KEY", ProfileSettings.fromMap(Map.of("embedder", "openai")).apiKeyEnv());
        assertEquals("OPENAI_API_KEY", ProfileSettings.fromMap(Map.of("provider", "ollama", "embedder", "OPENAI")).apiKeyEnv());
        assertEquals("OWN_KEY", ProfileSettings.fromMap(Map.of("embedder", "openai", "apiKeyEnv", "OWN_KEY")).apiKeyEnv());
        assertNull(ProfileSettings.fromMap(Map.of("provider", "ollama", "embedder", "ollama")).apiKeyEnv());
        assertNull(ProfileSettings.fromMap(Map.of()).apiKeyEnv());
    }

    @Test
    void blankApiKeyIsRejected() {
        for (String blank : List.of("", "  ")) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ProfileSettings.fromMap(Map.of("provider", "openai", "apiKey", blank)));

            assertEquals("Invalid value for profile setting `apiKey`: empty or blank. Expected the key itself, or leave "
                    + "`apiKey` out and name the environment variable that holds it in `apiKeyEnv`.", error.getMessage());
        }
    }

    @Test
    void fromMapReadsCypherTypes() {
        Map<String, Object> map = new HashMap<>();
        map.put("provider", "OpenAI");
        map.put("model", "gpt-test");
        map.put("baseUrl", "http://127.0.0.1:9/v1");
        map.put("timeout", "2m");
        map.put("retries", 2L);
        map.put("concurrency", 8L);
        map.put("temperature", 0.5);
        map.put("domain", "movies");

        ProfileSettings settings = ProfileSettings.fromMap(map);

        assertEquals("openai", settings.provider());
        assertEquals("gpt-test", settings.chatModel());
        assertEquals(Duration.ofMinutes(2), settings.timeout());
        assertEquals(2, settings.retries());
        assertEquals(8, settings.concurrency());
        assertEquals(0.5, settings.temperature());
        assertEquals("movies", settings.domain());
    }

    @Test
    void timeoutAcceptsUnitsAndSeconds() {
        assertEquals(Duration.ofSeconds(60), timeout("60s"));
        assertEquals(Duration.ofMinutes(2), timeout("2m"));
        assertEquals(Duration.ofMillis(500), timeout("500ms"));
        assertEquals(Duration.ofSeconds(30), timeout(30L));
        assertEquals(Duration.ofMillis(1500), timeout(1.5));
        assertEquals(Duration.ofSeconds(90), timeout("PT90S"));
    }

    @Test
    void publicKeyListMatchesRecord() {
        assertEquals(ProfileSettings.class.getRecordComponents().length, ProfileSettings.KEYS.size());
        for (java.lang.reflect.RecordComponent component : ProfileSettings.class.getRecordComponents()) {
            assertTrue(ProfileSettings.KEYS.contains(component.getName()), component.getName());
        }
    }

    @Test
    void unknownKeyListsValidKeys() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.fromMap(Map.of("concurency", 4L)));

        assertTrue(error.getMessage().contains("concurency"), error.getMessage());
        assertTrue(error.getMessage().contains("Valid keys: provider, model"), error.getMessage());
        assertTrue(error.getMessage().contains("concurrency"), error.getMessage());
    }

    @Test
    void wrongTypeNamesKeyAndValue() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.fromMap(Map.of("retries", "three")));

        assertTrue(error.getMessage().contains("`retries`"), error.getMessage());
        assertTrue(error.getMessage().contains("three"), error.getMessage());
        assertTrue(error.getMessage().contains("integer"), error.getMessage());
    }

    @Test
    void invalidValuesNameKeyAndRange() {
        assertMessage(Map.of("concurrency", 0L), "`concurrency` is 0", "range [1, 64]");
        assertMessage(Map.of("provider", "claude"), "`provider`: 'claude'", "[ollama, openai, template]");
        assertMessage(Map.of("embedder", "bert"), "`embedder`: 'bert'", "all-minilm-l6-v2");
        assertMessage(Map.of("timeout", "soon"), "`timeout`: 'soon'", "'60s'");
        assertMessage(Map.of("timeout", 0L), "`timeout`", "positive duration");
        assertMessage(Map.of("baseUrl", "localhost:11434"), "`baseUrl`", "http://");
        assertMessage(Map.of("embeddingBaseUrl", "ftp://x"), "`embeddingBaseUrl`", "http://");
        assertMessage(Map.of("retries", 11L), "`retries` is 11", "range [0, 10]");
        assertMessage(Map.of("temperature", 3.0), "`temperature` is 3.0", "range [0, 2]");
        assertMessage(Map.of("domain", " "), "`domain`", "non-blank");
    }

    @Test
    void reasoningModelIsReadForOpenAi() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "reasoningModel", true,
                "maxOutputTokens", 4000L));

        assertTrue(settings.reasoningModel());
        assertEquals(4000, settings.maxOutputTokens());
        assertTrue(settings.toString().contains("reasoningModel=true"), settings.toString());
    }

    @Test
    void reasoningModelAcceptsDefaultTemperature() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "reasoningModel", true,
                "temperature", 0.0));

        assertTrue(settings.reasoningModel());
    }

    @Test
    void reasoningModelFalseAllowsEveryProvider() {
        for (String provider : ProfileSettings.PROVIDERS) {
            ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", provider, "reasoningModel", false,
                    "temperature", 0.7));

            assertFalse(settings.reasoningModel(), provider);
        }
    }

    @Test
    void reasoningModelRejectsOtherProviders() {
        assertMessage(Map.of("provider", "ollama", "reasoningModel", true),
                "`reasoningModel`: true with provider 'ollama'", "only to provider 'openai'",
                "Set `provider: 'openai'`, or remove `reasoningModel`.");
        assertMessage(Map.of("reasoningModel", true),
                "`reasoningModel`: true with provider 'template'", "remove `reasoningModel`");
    }

    @Test
    void reasoningModelRejectsTemperature() {
        assertMessage(Map.of("provider", "openai", "reasoningModel", true, "temperature", 0.7),
                "`temperature`: 0.7", "`reasoningModel`: true", "only their own default temperature",
                "Remove `temperature`, or set `reasoningModel: false`.");
        assertMessage(Map.of("provider", "openai", "reasoningModel", true, "temperature", 1L),
                "`temperature`: 1.0", "`reasoningModel`: true");
    }

    @Test
    void wholeFloatGetsTheIntegerHint() {
        assertMessage(Map.of("maxFacts", 30.0), "Invalid type for profile setting `maxFacts`: Double 30.0",
                "Send it as an integer: neo4j.int(30) with the JavaScript driver, or toInteger(...) in Cypher.");
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.fromMap(Map.of("maxFacts", 30.5)));
        assertFalse(fraction.getMessage().contains("neo4j.int"), fraction.getMessage());
    }

    @Test
    void integerBeyondIntRangeGetsRangeMessage() {
        for (long value : new long[] {99_999_999_999L, -99_999_999_999L, 5000L}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> ProfileSettings.fromMap(Map.of("maxFacts", value)));
            assertEquals("configuration key `maxFacts` is " + value + ", outside the allowed range [0, 1000].",
                    error.getMessage());
        }
    }

    @Test
    void reasoningModelOfWrongTypeIsRejected() {
        assertMessage(Map.of("provider", "openai", "reasoningModel", "yes"),
                "Invalid type for profile setting `reasoningModel`: String yes", "a boolean, true or false");
    }

    @Test
    void embeddingBaseUrlFallsBackToBaseUrl() {
        ProfileSettings own = ProfileSettings.fromMap(Map.of("embedder", "ollama", "baseUrl", "http://127.0.0.1:1/v1",
                "embeddingBaseUrl", "http://127.0.0.1:2"));
        ProfileSettings shared = ProfileSettings.fromMap(Map.of("embedder", "openai", "baseUrl", "http://127.0.0.1:1/v1"));
        ProfileSettings neither = ProfileSettings.fromMap(Map.of("embedder", "ollama"));

        assertEquals("http://127.0.0.1:2", own.embeddingBaseUrl());
        assertEquals("http://127.0.0.1:1/v1", shared.embeddingBaseUrl());
        assertEquals("http://localhost:11434", neither.embeddingBaseUrl());
    }

    @Test
    void toStringHidesApiKey() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "apiKey", "sk-test-SECRET-123"));

        assertFalse(settings.toString().contains("SECRET"), settings.toString());
        assertTrue(settings.toString().contains("apiKey=<redacted>"), settings.toString());
    }

    @Test
    void wrongTypeOfApiKeyIsNotEchoed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProfileSettings.fromMap(Map.of("apiKey", 12345678L)));

        assertFalse(error.getMessage().contains("12345678"), error.getMessage());
    }

    @Test
    void apiKeyFromNamedEnvironmentVariable() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "apiKeyEnv", "MY_KEY"));

        assertEquals("from-env", settings.resolveApiKey(name -> "MY_KEY".equals(name) ? "from-env" : null));
        assertNull(settings.resolveApiKey(name -> null));
    }

    private static Duration timeout(Object value) {
        return ProfileSettings.fromMap(Map.of("timeout", value)).timeout();
    }

    private static void assertMessage(Map<String, Object> map, String... parts) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ProfileSettings.fromMap(map));
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), () -> "'" + part + "' missing in: " + error.getMessage());
        }
    }
}
