package dev.spike.profile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed, validated settings for profile writing and text embedding.
 *
 * <p>{@code model}, {@code embeddingModel}, {@code baseUrl} and {@code timeout} may be null,
 * which means "the default of the chosen provider"; the {@code …For} methods resolve them.
 * {@link #toString()} never shows the API key.
 *
 * @param provider           profile writer: {@code template}, {@code openai} or {@code ollama}
 * @param model              chat model name, or null for the provider default
 * @param baseUrl            endpoint of the provider, or null for the provider default
 * @param apiKey             API key, or null to read it from {@code apiKeyEnv}
 * @param apiKeyEnv          name of the environment variable holding the API key, or null
 * @param timeout            time allowed for one request, or null for the provider default
 * @param retries            retries after a failed attempt (0 means one attempt only)
 * @param concurrency        max requests in flight
 * @param maxFacts           max facts per prompt
 * @param maxReviews         max reviews per prompt
 * @param maxItemsPerEntity  max item profiles in an entity prompt
 * @param maxItemsPerUser    max item profiles in a user prompt
 * @param maxPromptTokens    max estimated prompt tokens, system prompt included
 * @param maxReviewChars     max characters kept of each review or item text field
 * @param domain             domain word used in the system prompts, such as "movies"
 * @param itemSystemPrompt   system prompt for items, or null for the built-in one
 * @param entitySystemPrompt system prompt for entities, or null for the built-in one
 * @param userSystemPrompt   system prompt for users, or null for the built-in one
 * @param temperature        sampling temperature sent to chat models
 * @param maxOutputTokens    max tokens a chat model may generate per profile
 * @param reasoningModel     whether the openai chat model is a reasoning model such as o1 or o3,
 *                           which takes the output limit as {@code max_completion_tokens} and
 *                           rejects {@code max_tokens} and {@code temperature}
 * @param embedder           text embedder: {@code all-minilm-l6-v2}, {@code openai} or {@code ollama}
 * @param embeddingModel     embedding model name, or null for the embedder default
 * @param embeddingBaseUrl   endpoint of a remote embedder, or null to use {@code baseUrl}, and
 *                           the embedder default when that is null as well
 */
public record ProfileSettings(
        String provider,
        String model,
        String baseUrl,
        String apiKey,
        String apiKeyEnv,
        Duration timeout,
        int retries,
        int concurrency,
        int maxFacts,
        int maxReviews,
        int maxItemsPerEntity,
        int maxItemsPerUser,
        int maxPromptTokens,
        int maxReviewChars,
        String domain,
        String itemSystemPrompt,
        String entitySystemPrompt,
        String userSystemPrompt,
        double temperature,
        int maxOutputTokens,
        boolean reasoningModel,
        String embedder,
        String embeddingModel,
        String embeddingBaseUrl) {

    public static final String TEMPLATE = "template";
    public static final String OPENAI = "openai";
    public static final String OLLAMA = "ollama";
    public static final String ALL_MINILM_L6_V2 = "all-minilm-l6-v2";

    /** The keys that {@link #fromMap} accepts, in documentation order. */
    public static final List<String> KEYS = SettingsMap.KEYS;

    /** The sampling temperature used when {@code temperature} is not set. */
    static final double DEFAULT_TEMPERATURE = 0.0;

    public static final Set<String> PROVIDERS = Set.of(TEMPLATE, OPENAI, OLLAMA);
    public static final Set<String> EMBEDDERS = Set.of(ALL_MINILM_L6_V2, OPENAI, OLLAMA);

    /** The default request timeout for OpenAI-compatible endpoints. */
    public static final Duration OPENAI_TIMEOUT = Duration.ofSeconds(60);
    /** The default request timeout for Ollama, chosen so that loading a
     * large model from disk, which can take minutes, fits in the first request. */
    public static final Duration OLLAMA_TIMEOUT = Duration.ofMinutes(5);

    public ProfileSettings {
        provider = lower(provider);
        embedder = lower(embedder);
        SettingsValidation.choice("provider", provider, PROVIDERS);
        SettingsValidation.choice("embedder", embedder, EMBEDDERS);
        SettingsValidation.optionalText("model", model);
        SettingsValidation.optionalText("embeddingModel", embeddingModel);
        SettingsValidation.optionalText("apiKeyEnv", apiKeyEnv);
        SettingsValidation.optionalSecret("apiKey", apiKey);
        SettingsValidation.optionalText("itemSystemPrompt", itemSystemPrompt);
        SettingsValidation.optionalText("entitySystemPrompt", entitySystemPrompt);
        SettingsValidation.optionalText("userSystemPrompt", userSystemPrompt);
        SettingsValidation.requiredText("domain", domain);
        SettingsValidation.baseUrl("baseUrl", baseUrl);
        SettingsValidation.baseUrl("embeddingBaseUrl", embeddingBaseUrl);
        SettingsValidation.timeout(timeout);

        SettingsValidation.range("retries", retries);
        SettingsValidation.range("concurrency", concurrency);
        SettingsValidation.range("maxFacts", maxFacts);
        SettingsValidation.range("maxReviews", maxReviews);
        SettingsValidation.range("maxItemsPerEntity", maxItemsPerEntity);
        SettingsValidation.range("maxItemsPerUser", maxItemsPerUser);
        SettingsValidation.range("maxPromptTokens", maxPromptTokens);
        SettingsValidation.range("maxReviewChars", maxReviewChars);
        SettingsValidation.range("maxOutputTokens", maxOutputTokens);
        SettingsValidation.temperature(temperature);
        SettingsValidation.reasoningModel(reasoningModel, provider, temperature);
    }

    /** Returns the settings with every key at its default. */
    public static ProfileSettings defaults() {
        return fromMap(Map.of());
    }

    /**
     * Parses a configuration map, such as a Cypher map parameter.
     *
     * @throws IllegalArgumentException for an unknown key, a value of the wrong type or an
     *                                  invalid value. The message names the key and lists
     *                                  what is allowed.
     */
    public static ProfileSettings fromMap(Map<String, Object> values) {
        return SettingsMap.parse(values);
    }

    /** Returns the chat model name, falling back to the default of the provider. */
    public String chatModel() {
        if (model != null) {
            return model;
        }
        return switch (provider) {
            case OPENAI -> "gpt-4o-mini";
            case OLLAMA -> "llama3.2";
            default -> TEMPLATE;
        };
    }

    /** Returns the embedding model name, falling back to the default of the embedder. */
    public String embeddingModelName() {
        if (embeddingModel != null) {
            return embeddingModel;
        }
        return switch (embedder) {
            case OPENAI -> "text-embedding-3-small";
            case OLLAMA -> "nomic-embed-text";
            default -> ALL_MINILM_L6_V2;
        };
    }

    /** Returns the chat base URL for a remote provider name ({@code openai} or {@code ollama}). */
    public String baseUrlFor(String remoteName) {
        return baseUrl != null ? baseUrl : defaultBaseUrl(remoteName);
    }

    /** Returns the base URL of the remote embedder: {@code embeddingBaseUrl}, else {@code baseUrl}, else its default. */
    public String embeddingBaseUrl() {
        if (embeddingBaseUrl != null) {
            return embeddingBaseUrl;
        }
        return baseUrl != null ? baseUrl : defaultBaseUrl(embedder);
    }

    private static String defaultBaseUrl(String remoteName) {
        return OLLAMA.equals(remoteName) ? "http://localhost:11434" : "https://api.openai.com/v1";
    }

    /** Returns the request timeout for a remote provider or embedder name. */
    public Duration timeoutFor(String remoteName) {
        if (timeout != null) {
            return timeout;
        }
        return OLLAMA.equals(remoteName) ? OLLAMA_TIMEOUT : OPENAI_TIMEOUT;
    }

    /**
     * Returns the API key: {@code apiKey} when set, otherwise the value of the environment
     * variable named by {@code apiKeyEnv}, otherwise null.
     */
    public String resolveApiKey(Function<String, String> environment) {
        if (apiKey != null) {
            return apiKey;
        }
        if (apiKeyEnv == null) {
            return null;
        }
        String value = environment.apply(apiKeyEnv);
        return value == null || value.isBlank() ? null : value;
    }

    @Override
    public String toString() {
        return "ProfileSettings[provider=" + provider
                + ", model=" + chatModel()
                + ", baseUrl=" + baseUrl
                + ", apiKey=" + (apiKey == null ? "null" : "<redacted>")
                + ", apiKeyEnv=" + apiKeyEnv
                + ", timeout=" + timeout
                + ", retries=" + retries
                + ", concurrency=" + concurrency
                + ", maxFacts=" + maxFacts
                + ", maxReviews=" + maxReviews
                + ", maxItemsPerEntity=" + maxItemsPerEntity
                + ", maxItemsPerUser=" + maxItemsPerUser
                + ", maxPromptTokens=" + maxPromptTokens
                + ", maxReviewChars=" + maxReviewChars
                + ", domain=" + domain
                + ", temperature=" + temperature
                + ", maxOutputTokens=" + maxOutputTokens
                + ", reasoningModel=" + reasoningModel
                + ", embedder=" + embedder
                + ", embeddingModel=" + embeddingModelName()
                + ", embeddingBaseUrl=" + embeddingBaseUrl
                + "]";
    }

    /** Trims and lower-cases a provider or embedder name, as the settings store it. */
    static String lower(String value) {
        return value == null ? null : value.trim().toLowerCase(Locale.ROOT);
    }
}
