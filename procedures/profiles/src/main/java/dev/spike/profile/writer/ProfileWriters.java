package dev.spike.profile.writer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.http.BearerToken;
import dev.spike.profile.http.RecordingHttpClientBuilder;

import java.time.Duration;
import java.util.function.Function;

/** Creates the {@link ProfileWriter} named by the {@code provider} setting. */
public final class ProfileWriters {

    /** Appended to an HTTP 400 failure of an openai request sent with {@code max_tokens} and {@code temperature}. */
    static final String REASONING_MODEL_HINT = "If the model is a reasoning model such as o1, o3 or gpt-5,"
            + " which rejects max_tokens and temperature, set reasoningModel: true.";

    private ProfileWriters() {
    }

    /** Creates a writer, reading the API key from the process environment when {@code apiKeyEnv} is set. */
    public static ProfileWriter create(ProfileSettings settings) {
        return create(settings, System::getenv);
    }

    /**
     * Creates a writer.
     *
     * @param environment looks up environment variables, for {@code apiKeyEnv}
     * @throws IllegalArgumentException when the openai provider has no API key
     */
    public static ProfileWriter create(ProfileSettings settings, Function<String, String> environment) {
        return switch (settings.provider()) {
            case ProfileSettings.OPENAI -> openAi(settings, environment);
            case ProfileSettings.OLLAMA -> ollama(settings, environment);
            default -> new TemplateProfileWriter();
        };
    }

    private static ProfileWriter openAi(ProfileSettings settings, Function<String, String> environment) {
        String apiKey = settings.resolveApiKey(environment);
        if (apiKey == null) {
            throw new IllegalArgumentException("The openai provider needs an API key: set `apiKey`, or set `apiKeyEnv`"
                    + " to the name of an environment variable that holds it (now: "
                    + (settings.apiKeyEnv() == null ? "not set" : settings.apiKeyEnv() + ", which is empty or unset")
                    + ").");
        }
        Duration timeout = settings.timeoutFor(ProfileSettings.OPENAI);
        OpenAiChatModel.OpenAiChatModelBuilder builder = OpenAiChatModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.baseUrlFor(ProfileSettings.OPENAI))
                .apiKey(apiKey)
                .modelName(settings.chatModel())
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false);
        String badRequestHint;
        if (settings.reasoningModel()) {
            // OpenAI's reasoning models reject max_tokens and any temperature but their default with HTTP 400.
            // Their max_completion_tokens also bounds the hidden reasoning tokens, so a low maxOutputTokens
            // can leave no visible text, which then fails as an empty completion.
            builder.maxCompletionTokens(settings.maxOutputTokens());
            badRequestHint = null;
        } else {
            builder.temperature(settings.temperature()).maxTokens(settings.maxOutputTokens());
            badRequestHint = REASONING_MODEL_HINT;
        }
        FailureClassifier classifier = new FailureClassifier(new Redactor(apiKey), timeout, badRequestHint);
        return new ChatProfileWriter(ProfileSettings.OPENAI, settings.chatModel(), builder.build(), classifier);
    }

    /**
     * Creates the Ollama writer. Ollama itself takes no key, so an API key, when one is set, is sent
     * as a bearer token for a reverse proxy in front of it. With the {@code openai} embedder the key
     * is OpenAI's, and the writer sends none.
     */
    private static ProfileWriter ollama(ProfileSettings settings, Function<String, String> environment) {
        String apiKey = ProfileSettings.OPENAI.equals(settings.embedder()) ? null : settings.resolveApiKey(environment);
        Duration timeout = settings.timeoutFor(ProfileSettings.OLLAMA);
        ChatModel model = OllamaChatModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.baseUrlFor(ProfileSettings.OLLAMA))
                .customHeaders(BearerToken.headers(apiKey))
                .modelName(settings.chatModel())
                .temperature(settings.temperature())
                .numPredict(settings.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        FailureClassifier classifier = new FailureClassifier(new Redactor(apiKey), timeout, null);
        return new ChatProfileWriter(ProfileSettings.OLLAMA, settings.chatModel(), model, classifier);
    }
}
