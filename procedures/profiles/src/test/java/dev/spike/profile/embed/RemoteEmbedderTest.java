package dev.spike.profile.embed;

import dev.spike.profile.ProfileSettings;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.profile.testing.Fault;
import dev.spike.profile.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RemoteEmbedderTest {

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

    private TextEmbedder openAi(long retries) {
        return TextEmbedders.create(ProfileSettings.fromMap(Map.of("embedder", "openai", "embeddingModel", "embed-fake",
                "baseUrl", fake.openAiBaseUrl(), "apiKey", API_KEY, "retries", retries)), name -> null);
    }

    @Test
    void openAiEmbedderReturnsUnitVectors() {
        TextEmbedder embedder = openAi(0);

        float[][] vectors = embedder.embed(List.of("crime epic", "toy story", "crime epic", " "));

        assertEquals("embed-fake", embedder.model());
        assertEquals(8, embedder.dimension());
        for (int i = 0; i < 3; i++) {
            assertEquals(8, vectors[i].length);
            assertEquals(1.0, Vectors.norm(vectors[i]), 1e-5);
        }
        assertArrayEquals(vectors[0], vectors[2]);
        assertEquals(0.0, Vectors.norm(vectors[3]));
        assertEquals("Bearer " + API_KEY, fake.requests().get(0).header("authorization"));
    }

    private TextEmbedder ollama() {
        return TextEmbedders.create(ProfileSettings.fromMap(Map.of("embedder", "ollama",
                "embeddingModel", "nomic-fake", "baseUrl", fake.baseUrl())));
    }

    @Test
    void ollamaEmbedderReturnsUnitVectors() {
        TextEmbedder embedder = ollama();

        float[][] vectors = embedder.embed(List.of("crime epic", "toy story"));

        assertEquals(2, vectors.length);
        assertEquals(8, vectors[0].length);
        assertEquals(1.0, Vectors.norm(vectors[0]), 1e-5);
        assertEquals(1.0, Vectors.norm(vectors[1]), 1e-5);
        assertEquals(1, fake.requests("/api/embed").size());
    }

    @Test
    void ollamaEmbedderSendsApiKeyAsBearerToken() {
        TextEmbedder embedder = TextEmbedders.create(ProfileSettings.fromMap(Map.of("provider", "ollama",
                "embedder", "ollama", "embeddingModel", "nomic-fake", "baseUrl", fake.baseUrl(), "apiKey", API_KEY)),
                name -> null);

        embedder.embed(List.of("crime epic"));

        List<RecordedRequest> requests = fake.requests("/api/embed");
        assertEquals(1, requests.size());
        assertEquals("Bearer " + API_KEY, requests.get(0).header("authorization"));
    }

    @Test
    void ollamaEmbedderKeepsOpenAiKey() {
        // With the openai provider, OPENAI_API_KEY is read by default, and that key is OpenAI's.
        TextEmbedder embedder = TextEmbedders.create(ProfileSettings.fromMap(Map.of("provider", "openai",
                "embedder", "ollama", "embeddingModel", "nomic-fake", "embeddingBaseUrl", fake.baseUrl())),
                name -> name.equals("OPENAI_API_KEY") ? API_KEY : null);

        embedder.embed(List.of("crime epic"));

        List<RecordedRequest> requests = fake.requests("/api/embed");
        assertEquals(1, requests.size());
        assertNull(requests.get(0).header("authorization"));
        assertFalse(requests.get(0).body().contains("SECRET"), requests.get(0).body());
    }

    @Test
    void emptyBatchSendsNoRequest() {
        TextEmbedder embedder = openAi(0);

        float[][] vectors = embedder.embed(List.of());

        assertEquals(0, vectors.length);
        assertEquals(0, embedder.dimension(), "a remote model's length is unknown before its first vector");
        assertEquals(List.of(), fake.requests(), "neither embed nor dimension sends a request");
    }

    @Test
    void blankBatchesProbeOnce() {
        TextEmbedder embedder = ollama();

        float[][] first = embedder.embed(List.of(" "));
        float[][] second = embedder.embed(Arrays.asList("", null));

        assertEquals(8, first[0].length);
        assertEquals(0.0, Vectors.norm(first[0]));
        assertEquals(2, second.length);
        assertEquals(8, second[1].length);
        assertEquals(1, fake.requests("/api/embed").size(), "one probe for the first blank batch only");

        embedder.embed(List.of("crime epic"));

        assertEquals(2, fake.requests("/api/embed").size());
    }

    @Test
    void firstBatchRevealsDimension() {
        TextEmbedder embedder = ollama();

        embedder.embed(List.of("crime epic", "toy story"));
        float[][] blank = embedder.embed(List.of(" "));

        assertEquals(8, embedder.dimension());
        assertEquals(8, blank[0].length);
        assertEquals(1, fake.requests("/api/embed").size(), "no probe once a batch returned vectors");
    }

    @Test
    void failedProbeIsNotRepeated() {
        fake.always(Fault.status(503));
        TextEmbedder embedder = TextEmbedders.create(ProfileSettings.fromMap(Map.of("embedder", "ollama",
                "embeddingModel", "nomic-fake", "baseUrl", fake.baseUrl(), "retries", 0L)));

        EmbeddingException first = assertThrows(EmbeddingException.class, () -> embedder.embed(List.of(" ")));
        EmbeddingException second = assertThrows(EmbeddingException.class, () -> embedder.embed(List.of(" ")));

        assertTrue(first.getMessage().contains("HTTP 503"), first.getMessage());
        assertTrue(second.getMessage().contains("probe request failed earlier"), second.getMessage());
        assertTrue(second.getMessage().contains("HTTP 503"), second.getMessage());
        assertEquals(1, fake.requests("/api/embed").size(), "the failed probe is sent once");

        fake.always(null);
        embedder.embed(List.of("crime epic"));
        float[][] blank = embedder.embed(List.of(" "));

        assertEquals(8, blank[0].length);
        assertEquals(2, fake.requests("/api/embed").size(), "a real batch revealed the length, so no probe");
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() {
        fake.enqueue(Fault.rateLimit("1"));

        float[][] vectors = openAi(2).embed(List.of("crime epic"));

        assertEquals(8, vectors[0].length);
        List<RecordedRequest> requests = fake.requests("/v1/embeddings");
        assertEquals(2, requests.size());
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(requests.get(1).startNanos() - requests.get(0).endNanos());
        assertTrue(waitMillis >= 1000, "waited only " + waitMillis + " ms");
    }

    @Test
    void failureMessageHidesApiKey() {
        fake.always(Fault.status(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + "\"}}"));

        EmbeddingException error = assertThrows(EmbeddingException.class, () -> openAi(2).embed(List.of("text")));

        assertTrue(error.getMessage().contains("HTTP 401"), error.getMessage());
        assertFalse(error.getMessage().contains("SECRET"), error.getMessage());
        assertEquals(1, fake.requests().size(), "401 is not retried");
        assertTrue(error.keyRejected());
        assertTrue(error.getMessage().contains("Check that `apiKey`, or the environment variable named by "
                + "`apiKeyEnv`, holds a valid key"), error.getMessage());
    }
}
