package dev.spike.profile.embed;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.ollama.OllamaEmbeddingModel;
import dev.langchain4j.model.openai.OpenAiEmbeddingModel;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.http.BearerToken;
import dev.spike.profile.http.RecordingHttpClientBuilder;
import dev.spike.profile.writer.Redactor;

import java.util.function.Function;

/** Creates the {@link TextEmbedder} named by the {@code embedder} setting. */
public final class TextEmbedders {

    /** Dimension of all-MiniLM-L6-v2 sentence embeddings. */
    public static final int MINILM_DIMENSION = 384;

    private static volatile TextEmbedder miniLm;

    private TextEmbedders() {
    }

    public static TextEmbedder create(ProfileSettings settings) {
        return create(settings, System::getenv);
    }

    /**
     * Creates an embedder.
     *
     * @param environment looks up environment variables, for {@code apiKeyEnv}
     * @throws IllegalArgumentException when the openai embedder has no API key
     */
    public static TextEmbedder create(ProfileSettings settings, Function<String, String> environment) {
        return switch (settings.embedder()) {
            case ProfileSettings.OPENAI -> openAi(settings, environment);
            case ProfileSettings.OLLAMA -> ollama(settings, environment);
            default -> miniLm();
        };
    }

    /**
     * Returns the in-process all-MiniLM-L6-v2 embedder, loaded once per JVM. The ONNX model and
     * the tokenizer ship inside the LangChain4j artifact. Before the first load this sets two
     * DJL system properties unless the process has set them already: {@code OPT_OUT_TRACKING=true},
     * which DJL 0.36's {@code Ec2Utils.callHome} checks before the {@code HuggingFaceTokenizer}
     * sends usage data, and {@code ai.djl.offline=true}, which stops DJL from downloading anything.
     */
    public static TextEmbedder miniLm() {
        TextEmbedder embedder = miniLm;
        if (embedder == null) {
            synchronized (TextEmbedders.class) {
                embedder = miniLm;
                if (embedder == null) {
                    setIfAbsent("OPT_OUT_TRACKING", "true");
                    setIfAbsent("ai.djl.offline", "true");
                    embedder = new LangChainTextEmbedder(new AllMiniLmL6V2EmbeddingModel(),
                            ProfileSettings.ALL_MINILM_L6_V2, MINILM_DIMENSION, EmbedRetry.NONE, text -> text);
                    miniLm = embedder;
                }
            }
        }
        return embedder;
    }

    private static TextEmbedder openAi(ProfileSettings settings, Function<String, String> environment) {
        String apiKey = settings.resolveApiKey(environment);
        if (apiKey == null) {
            throw new IllegalArgumentException("The openai embedder needs an API key: set `apiKey`, or set `apiKeyEnv`"
                    + " to the name of an environment variable that holds it.");
        }
        Redactor redactor = new Redactor(apiKey);
        OpenAiEmbeddingModel model = OpenAiEmbeddingModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.embeddingBaseUrl())
                .apiKey(apiKey)
                .modelName(settings.embeddingModelName())
                .timeout(settings.timeoutFor(ProfileSettings.OPENAI))
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new LangChainTextEmbedder(model, settings.embeddingModelName(), 0,
                new EmbedRetry(settings.retries()), redactor::redact);
    }

    /**
     * Creates the Ollama embedder, which sends the API key as a bearer token for a reverse proxy
     * in front of Ollama. With the openai provider the key is OpenAI's, so none is sent.
     */
    private static TextEmbedder ollama(ProfileSettings settings, Function<String, String> environment) {
        String apiKey = settings.resolveApiKey(environment);
        Redactor redactor = new Redactor(apiKey);
        String sentKey = ProfileSettings.OPENAI.equals(settings.provider()) ? null : apiKey;
        OllamaEmbeddingModel model = OllamaEmbeddingModel.builder()
                .httpClientBuilder(new RecordingHttpClientBuilder())
                .baseUrl(settings.embeddingBaseUrl())
                .customHeaders(BearerToken.headers(sentKey))
                .modelName(settings.embeddingModelName())
                .timeout(settings.timeoutFor(ProfileSettings.OLLAMA))
                .maxRetries(0)
                .logRequests(false)
                .logResponses(false)
                .build();
        return new LangChainTextEmbedder(model, settings.embeddingModelName(), 0,
                new EmbedRetry(settings.retries()), redactor::redact);
    }

    private static void setIfAbsent(String property, String value) {
        if (System.getProperty(property) == null && System.getenv(property) == null) {
            System.setProperty(property, value);
        }
    }
}
