package dev.spike.profile.embed;

import dev.spike.profile.ProfileSettings;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.profile.testing.Fault;
import dev.spike.profile.testing.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    @Test
    void ollamaEmbedderReturnsUnitVectors() {
        TextEmbedder embedder = TextEmbedders.create(ProfileSettings.fromMap(Map.of("embedder", "ollama",
                "embeddingModel", "nomic-fake", "baseUrl", fake.baseUrl())));

        float[][] vectors = embedder.embed(List.of("crime epic", "toy story"));

        assertEquals(2, vectors.length);
        assertEquals(8, vectors[0].length);
        assertEquals(1.0, Vectors.norm(vectors[0]), 1e-5);
        assertEquals(1.0, Vectors.norm(vectors[1]), 1e-5);
        assertEquals(1, fake.requests("/api/embed").size());
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
    }
}
