package dev.spike.profile.writer;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.http.RecordingHttpClientBuilder;

import java.time.Duration;
import java.util.function.Function;

/** Creates the {@link ProfileWriter} named by the {@code provider} setting. */
public final class ProfileWriters {

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
            case ProfileSettings.OLLAMA -> ollama(settings);
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
        ChatModel model = OpenAiChatModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.baseUrlFor(ProfileSettings.OPENAI))
                .apiKey(apiKey)
                .modelName(settings.chatModel())
                .temperature(settings.temperature())
                // NOTE: sends max_tokens and temperature, which OpenAI's reasoning models (o1, o3,
                // gpt-5) reject with HTTP 400; they would need max_completion_tokens instead.
                .maxTokens(settings.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new ChatProfileWriter(ProfileSettings.OPENAI, settings.chatModel(), model, new Redactor(apiKey), timeout);
    }

    private static ProfileWriter ollama(ProfileSettings settings) {
        Duration timeout = settings.timeoutFor(ProfileSettings.OLLAMA);
        ChatModel model = OllamaChatModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.baseUrlFor(ProfileSettings.OLLAMA))
                .modelName(settings.chatModel())
                .temperature(settings.temperature())
                .numPredict(settings.maxOutputTokens())
                .timeout(timeout)
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new ChatProfileWriter(ProfileSettings.OLLAMA, settings.chatModel(), model,
                new Redactor(settings.apiKey()), timeout);
    }
}
