package dev.spike.profile.writer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.ProfileSubject;
import dev.spike.profile.SubjectKind;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.PromptBuilder;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.profile.testing.Fault;
import dev.spike.profile.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON body that the real LangChain4j OpenAI client sends to {@link FakeModelServer}, with
 * and without {@code reasoningModel}, and the failure message of a rejected request.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenAiRequestTest {

    private static final String MODEL = "o3-fake";
    private static final String API_KEY = "sk-test-SECRET-123";

    private FakeModelServer fake;

    @BeforeEach
    void startServer() throws Exception {
        fake = FakeModelServer.start();
    }

    @AfterEach
    void stopServer() {
        fake.close();
    }

    @Test
    void reasoningModelSendsMaxCompletionTokens() throws Exception {
        fake.actAsReasoningModel();
        ProfileSettings settings = openAi("reasoningModel", true, "maxOutputTokens", 4000L);

        GeneratedProfile profile = ProfileWriters.create(settings, name -> null).generate(prompt(settings));

        assertEquals("Heat (1995) is a fine subject.", profile.text());
        JsonNode body = onlyRequestBody();
        assertEquals(MODEL, body.path("model").asText());
        assertTrue(body.path("max_completion_tokens").isInt(), body.toString());
        assertEquals(4000, body.path("max_completion_tokens").asInt());
        assertFalse(body.has("max_tokens"), body.toString());
        assertFalse(body.has("temperature"), body.toString());
    }

    @Test
    void defaultRequestSendsMaxTokensAndTemperature() throws Exception {
        ProfileSettings settings = openAi("temperature", 0.3, "maxOutputTokens", 300L);

        ProfileWriters.create(settings, name -> null).generate(prompt(settings));

        JsonNode body = onlyRequestBody();
        assertTrue(body.path("max_tokens").isInt(), body.toString());
        assertEquals(300, body.path("max_tokens").asInt());
        assertTrue(body.path("temperature").isNumber(), body.toString());
        assertEquals(0.3, body.path("temperature").asDouble());
        assertFalse(body.has("max_completion_tokens"), body.toString());
    }

    @Test
    void defaultTemperatureIsSentAsZero() throws Exception {
        ProfileSettings settings = openAi();

        ProfileWriters.create(settings, name -> null).generate(prompt(settings));

        JsonNode body = onlyRequestBody();
        assertEquals(0.0, body.path("temperature").asDouble());
        assertEquals(250, body.path("max_tokens").asInt());
    }

    @Test
    void rejectedMaxTokensSuggestsReasoningModel() {
        fake.actAsReasoningModel();
        ProfileSettings settings = openAi();

        ProfileWriterException error = assertThrows(ProfileWriterException.class,
                () -> ProfileWriters.create(settings, name -> null).generate(prompt(settings)));

        assertEquals(FailureKind.CLIENT_ERROR, error.kind());
        assertFalse(error.kind().retryable());
        assertEquals(400, error.httpStatus().orElseThrow());
        assertTrue(error.getMessage().startsWith("HTTP 400 (request rejected): "), error.getMessage());
        assertTrue(error.getMessage().contains("'max_tokens' is not supported with this model"), error.getMessage());
        assertTrue(error.getMessage().endsWith(ProfileWriters.REASONING_MODEL_HINT), error.getMessage());
        assertTrue(error.getMessage().contains("set reasoningModel: true"), error.getMessage());
        assertFalse(error.getMessage().contains("SECRET"), error.getMessage());
        assertEquals(1, fake.requests().size());
    }

    @Test
    void reasoningModelBadRequestHasNoHint() {
        fake.always(Fault.status(400));
        ProfileSettings settings = openAi("reasoningModel", true);

        ProfileWriterException error = assertThrows(ProfileWriterException.class,
                () -> ProfileWriters.create(settings, name -> null).generate(prompt(settings)));

        assertEquals(400, error.httpStatus().orElseThrow());
        assertFalse(error.getMessage().contains("reasoningModel"), error.getMessage());
    }

    @Test
    void serverErrorHasNoHint() {
        fake.always(Fault.status(500));
        ProfileSettings settings = openAi();

        ProfileWriterException error = assertThrows(ProfileWriterException.class,
                () -> ProfileWriters.create(settings, name -> null).generate(prompt(settings)));

        assertEquals(FailureKind.SERVER_ERROR, error.kind());
        assertFalse(error.getMessage().contains("reasoningModel"), error.getMessage());
    }

    @Test
    void ollamaBadRequestHasNoHint() {
        fake.always(Fault.status(400));
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "ollama", "model", "qwen3",
                "baseUrl", fake.baseUrl(), "domain", "movies"));

        ProfileWriterException error = assertThrows(ProfileWriterException.class,
                () -> ProfileWriters.create(settings, name -> null).generate(prompt(settings)));

        assertEquals(400, error.httpStatus().orElseThrow());
        assertFalse(error.getMessage().contains("reasoningModel"), error.getMessage());
    }

    private ProfileSettings openAi(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("provider", "openai");
        map.put("model", MODEL);
        map.put("baseUrl", fake.openAiBaseUrl());
        map.put("apiKey", API_KEY);
        map.put("domain", "movies");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ProfileSettings.fromMap(map);
    }

    private static Prompt prompt(ProfileSettings settings) {
        ProfileSubject subject = ProfileSubject.builder(SubjectKind.ITEM, "m1")
                .name("Heat (1995)")
                .fact("Heat (1995) has genre Crime.")
                .build();
        return new PromptBuilder(settings).build(subject);
    }

    private JsonNode onlyRequestBody() {
        List<RecordedRequest> requests = fake.requests("/v1/chat/completions");
        assertEquals(1, requests.size(), String.join("\n", fake.log()));
        assertEquals(200, requests.get(0).status(), requests.get(0).body());
        return requests.get(0).json();
    }
}
