package dev.spike.profile;

import dev.spike.profile.testing.CollectingListener;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.profile.testing.Fault;
import dev.spike.profile.testing.RecordedRequest;
import dev.spike.profile.testing.RecordingRunLog;
import dev.spike.profile.writer.ProfileWriter;
import dev.spike.profile.writer.ProfileWriters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Ollama writer through {@link ProfileRunner} against {@link FakeModelServer}, over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OllamaRunnerTest {

    private static final String MODEL = "llama-fake";
    private static final String API_KEY = "proxy-token-SECRET-789";

    private FakeModelServer fake;
    private final RecordingRunLog log = new RecordingRunLog();
    private final CollectingListener listener = new CollectingListener();

    @BeforeEach
    void startServer() throws Exception {
        fake = FakeModelServer.start();
    }

    @AfterEach
    void stopServer() {
        fake.close();
    }

    private ProfileSettings settings(Object... keysAndValues) {
        Map<String, Object> map = new HashMap<>();
        map.put("provider", "ollama");
        map.put("model", MODEL);
        map.put("baseUrl", fake.baseUrl());
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return ProfileSettings.fromMap(map);
    }

    private RunSummary run(ProfileSettings settings, int subjectCount) {
        ProfileWriter writer = ProfileWriters.create(settings, name -> null);
        return new ProfileRunner(writer, settings, log).run(subjects(subjectCount), listener, () -> false);
    }

    private static List<ProfileSubject> subjects(int count) {
        List<ProfileSubject> subjects = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            subjects.add(ProfileSubject.builder(SubjectKind.ENTITY, "g" + i).name("Genre " + i)
                    .upstreamProfile("A film of genre " + i + ".").build());
        }
        return subjects;
    }

    @Test
    void writesProfilesWithUsage() {
        RunSummary summary = run(settings(), 2);

        assertEquals(2, summary.succeeded(), log.text());
        assertEquals("Genre 2 is a fine subject.", listener.result("g2").text());
        assertEquals(42, listener.result("g2").tokensIn());
        assertEquals(7, listener.result("g2").tokensOut());
        assertEquals("ollama", listener.result("g2").provider());
    }

    @Test
    void apiKeyIsSentAsBearerToken() {
        // Ollama behind a reverse proxy that checks a bearer token, with the token in an environment variable.
        ProfileSettings settings = settings("apiKeyEnv", "OLLAMA_PROXY_TOKEN");
        ProfileWriter writer = ProfileWriters.create(settings, name -> name.equals("OLLAMA_PROXY_TOKEN") ? API_KEY : null);

        RunSummary summary = new ProfileRunner(writer, settings, log).run(subjects(2), listener, () -> false);

        assertEquals(2, summary.succeeded(), log.text());
        List<RecordedRequest> chats = fake.requests("/api/chat");
        assertEquals(2, chats.size(), fake.log().toString());
        for (RecordedRequest chat : chats) {
            assertEquals("Bearer " + API_KEY, chat.header("authorization"));
        }
        assertFalse(log.text().contains(API_KEY), log.text());
    }

    @Test
    void noApiKeySendsNoAuthorization() {
        run(settings(), 1);

        List<RecordedRequest> chats = fake.requests("/api/chat");
        assertEquals(1, chats.size(), fake.log().toString());
        assertNull(chats.get(0).header("authorization"));
    }

    @Test
    void openAiKeyStaysAwayFromOllama() {
        // Profiles from Ollama, vectors from OpenAI: OPENAI_API_KEY is the default key, and it is OpenAI's.
        ProfileSettings settings = settings("embedder", "OpenAI");
        ProfileWriter writer = ProfileWriters.create(settings, name -> name.equals("OPENAI_API_KEY") ? API_KEY : null);

        RunSummary summary = new ProfileRunner(writer, settings, log).run(subjects(1), listener, () -> false);

        assertEquals(1, summary.succeeded(), log.text());
        List<RecordedRequest> chats = fake.requests("/api/chat");
        assertEquals(1, chats.size(), fake.log().toString());
        assertNull(chats.get(0).header("authorization"));
    }

    @Test
    void defaultTimeoutSurvivesColdStart() {
        // The fake's load takes 3 s here instead of the 20 s or more of a real model; the default timeout is 5 min.
        fake.coldStart(Duration.ofSeconds(3), Duration.ofSeconds(60));

        RunSummary summary = run(settings("concurrency", 1L), 3);

        assertEquals(3, summary.succeeded(), log.text());
        assertEquals(3, summary.requests(), "no retries were needed");
        assertNull(summary.runMessage());
        List<RecordedRequest> requests = fake.requests("/api/chat");
        long firstMillis = TimeUnit.NANOSECONDS.toMillis(requests.get(0).endNanos() - requests.get(0).startNanos());
        assertTrue(firstMillis >= 3000, "the first request waits for the model load: " + firstMillis + " ms");
    }

    @Test
    void shortTimeoutGivesOneRunMessage() {
        // Scaled down from a 20 s load against a 10 s timeout: every attempt ends before the load does.
        fake.coldStart(Duration.ofSeconds(20), Duration.ofSeconds(60));

        RunSummary summary = run(settings("timeout", "1s", "retries", 3L, "concurrency", 2L), 2);

        assertEquals(0, summary.succeeded());
        assertEquals(2, summary.failed());
        assertEquals(8, summary.requests());
        String message = summary.runMessage();
        assertNotNull(message, log.text());
        assertTrue(message.contains(fake.baseUrl()), message);
        assertTrue(message.contains(MODEL), message);
        assertTrue(message.contains("timed out after 1s"), message);
        assertTrue(message.contains("`timeout`"), message);
        assertTrue(message.contains("ollama run " + MODEL), message);
        assertEquals(1, log.lines().stream().filter(line -> line.contains("Every one of the")).count(), log.text());
        assertFalse(log.text().contains("Exception"), log.text());
        assertFalse(log.text().contains("\tat "), log.text());
        assertEquals("timed out after 1s", listener.failure("g1").reason());
    }

    @Test
    void timeoutsSkipRemainingSubjects() {
        fake.coldStart(Duration.ofSeconds(20), Duration.ofSeconds(60));

        RunSummary summary = run(settings("timeout", "1s", "retries", 0L, "concurrency", 1L), 6);

        assertEquals(6, summary.failed());
        assertEquals(2, summary.requests(), "after 2 × concurrency timed-out subjects the rest are skipped");
        assertNotNull(summary.runMessage());
        assertEquals("timed out after 1s", listener.failure("g2").reason());
        assertTrue(listener.failure("g3").reason().startsWith("skipped without a request: 2 subjects had been "
                + "tried and none had succeeded, and 2 of them had timed out."),
                listener.failure("g3").reason());
        assertEquals(0, listener.failure("g6").attempts());
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, names = {"NULL_CONTENT", "EMPTY_CONTENT", "BLANK_CONTENT", "EMPTY_CHOICES"})
    void emptyCompletionFailsOnlyItsSubject(Fault.Kind kind) {
        fake.whenBodyContains("Genre 2", Fault.of(kind));

        RunSummary summary = run(settings("retries", 1L), 3);

        assertEquals(2, summary.succeeded(), log.text());
        assertNotNull(listener.result("g1"));
        assertNotNull(listener.result("g3"));
        ProfileFailure failure = listener.failure("g2");
        assertNotNull(failure, log.text());
        assertEquals("empty completion", failure.reason());
        assertEquals(MODEL, failure.model());
        assertEquals("ollama", failure.provider());
        assertFalse(log.text().contains("NullPointerException"), log.text());
    }

    @Test
    void serverErrorThenSuccess() {
        fake.enqueue(Fault.status(503));

        RunSummary summary = run(settings("retries", 1L), 1);

        assertEquals(1, summary.succeeded(), log.text());
        assertEquals(2, listener.result("g1").attempts());
        assertEquals(2, fake.requests("/api/chat").size(), "LangChain4j must not retry on its own");
    }
}
