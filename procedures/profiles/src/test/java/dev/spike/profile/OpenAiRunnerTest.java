package dev.spike.profile;

import com.fasterxml.jackson.databind.JsonNode;
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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The OpenAI writer through {@link ProfileRunner} against {@link FakeModelServer}, over real HTTP. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class OpenAiRunnerTest {

    private static final String MODEL = "gpt-fake";
    private static final String API_KEY = "sk-test-SECRET-123";

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
        map.put("provider", "openai");
        map.put("model", MODEL);
        map.put("baseUrl", fake.openAiBaseUrl());
        map.put("apiKey", API_KEY);
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
            subjects.add(ProfileSubject.builder(SubjectKind.ITEM, "m" + i).name("Subject " + i)
                    .fact("Subject " + i + " has genre Drama.").build());
        }
        return subjects;
    }

    @Test
    void rateLimitIsRetriedAfterRetryAfter() {
        fake.enqueue(Fault.rateLimit("2"), Fault.rateLimit("2"));

        RunSummary summary = run(settings("retries", 3L, "concurrency", 4L), 5);

        assertEquals(5, summary.succeeded(), log.text());
        assertEquals(0, summary.failed());
        assertEquals(7, summary.requests());
        assertEquals(7, fake.requests().size(), "LangChain4j must not retry on its own");
        assertTrue(fake.maxInFlight() <= 4, "max in flight " + fake.maxInFlight());
        assertEquals("Subject 3 is a fine subject.", listener.result("m3").text());
        assertEquals(42, listener.result("m3").tokensIn());
        assertEquals(7, listener.result("m3").tokensOut());

        List<RecordedRequest> requests = fake.requests("/v1/chat/completions");
        List<RecordedRequest> limited = requests.stream().filter(request -> request.status() == 429).toList();
        assertEquals(2, limited.size(), String.join("\n", fake.log()));
        for (RecordedRequest rejected : limited) {
            RecordedRequest retry = nextWithSameBody(requests, rejected);
            assertNotNull(retry, "the rejected subject is retried");
            long waitMillis = TimeUnit.NANOSECONDS.toMillis(retry.startNanos() - rejected.endNanos());
            assertTrue(waitMillis >= 2000, "waited only " + waitMillis + " ms after a 429 with retry-after: 2");
        }
    }

    @Test
    void concurrencyBoundsRequestsInFlight() {
        fake.responseDelay(Duration.ofMillis(300));

        RunSummary summary = run(settings("concurrency", 3L), 9);

        assertEquals(9, summary.succeeded());
        assertTrue(fake.maxInFlight() <= 3, "max in flight " + fake.maxInFlight());
        assertTrue(fake.maxInFlight() >= 2, "requests should overlap: max in flight " + fake.maxInFlight());
    }

    @Test
    void persistentRateLimitFailsEverySubject() {
        fake.always(Fault.rateLimit("2"));
        long start = System.nanoTime();

        RunSummary summary = run(settings("retries", 3L, "concurrency", 4L), 5);

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(0, summary.succeeded());
        assertEquals(5, summary.failed());
        assertEquals(20, summary.requests());
        assertEquals(20, fake.requests().size());
        assertTrue(fake.maxInFlight() <= 4, "max in flight " + fake.maxInFlight());
        // Two rounds of subjects on four workers, each round 3 retries × 2 s, plus slack for the machine.
        assertTrue(elapsedMillis >= 6000, "retries must wait for Retry-After: " + elapsedMillis + " ms");
        assertTrue(elapsedMillis < 2 * 3 * 2000 + 4000, "run took " + elapsedMillis + " ms");
        for (ProfileFailure failure : listener.failures()) {
            assertEquals(429, failure.httpStatus());
            assertEquals("openai", failure.provider());
            assertEquals(MODEL, failure.model());
            assertEquals(4, failure.attempts());
            assertTrue(failure.reason().contains("rate limited"), failure.reason());
        }
    }

    @ParameterizedTest
    @EnumSource(value = Fault.Kind.class, names = {"NULL_CONTENT", "EMPTY_CONTENT", "BLANK_CONTENT", "EMPTY_CHOICES"})
    void emptyCompletionFailsOnlyItsSubject(Fault.Kind kind) {
        fake.whenBodyContains("Subject 2", Fault.of(kind));

        RunSummary summary = run(settings("retries", 1L), 3);

        assertEquals(2, summary.succeeded(), log.text());
        assertEquals(1, summary.failed());
        assertNotNull(listener.result("m1"));
        assertNotNull(listener.result("m3"));
        ProfileFailure failure = listener.failure("m2");
        assertNotNull(failure);
        assertEquals("empty completion", failure.reason());
        assertEquals(MODEL, failure.model());
        assertEquals("openai", failure.provider());
        assertNull(failure.httpStatus());
        assertEquals(2, failure.attempts());
        assertFalse(log.text().contains("NullPointerException"), log.text());
    }

    @Test
    void serverErrorIsRetried() {
        fake.enqueue(Fault.status(500));

        RunSummary summary = run(settings("retries", 2L), 1);

        assertEquals(1, summary.succeeded(), log.text());
        assertEquals(2, listener.result("m1").attempts());
        assertTrue(log.text().contains("HTTP 500"), log.text());
    }

    @Test
    void hangingRequestTimesOutAndIsRetried() {
        fake.enqueue(Fault.hang());

        RunSummary summary = run(settings("retries", 2L, "timeout", "1s"), 1);

        assertEquals(1, summary.succeeded(), log.text());
        assertEquals(2, listener.result("m1").attempts());
        assertTrue(log.text().contains("timed out after 1s"), log.text());
        assertNull(summary.runMessage());
    }

    @Test
    void stalledBodyTimesOutAndIsRetried() {
        fake.enqueue(Fault.stallBody());

        RunSummary summary = run(settings("retries", 2L, "timeout", "1s"), 1);

        assertEquals(1, summary.succeeded(), log.text());
        assertEquals(2, listener.result("m1").attempts());
        assertTrue(log.text().contains("timed out after 1s"), log.text());
    }

    @Test
    void badJsonIsRetried() {
        fake.enqueue(Fault.of(Fault.Kind.BAD_JSON));

        RunSummary summary = run(settings("retries", 2L), 1);

        assertEquals(1, summary.succeeded(), log.text());
        assertEquals(2, listener.result("m1").attempts());
    }

    @Test
    void persistentBadJsonIsReported() {
        fake.always(Fault.of(Fault.Kind.BAD_JSON));

        RunSummary summary = run(settings("retries", 2L), 1);

        assertEquals(1, summary.failed());
        assertEquals(3, summary.requests());
        ProfileFailure failure = listener.failure("m1");
        assertEquals("malformed JSON in response", failure.reason());
        assertEquals(3, failure.attempts());
    }

    @Test
    void exhaustedQuotaIsNotRetried() {
        fake.always(Fault.status(429, "{\"error\":{\"message\":\"You exceeded your current quota\","
                + "\"type\":\"insufficient_quota\",\"code\":\"insufficient_quota\"}}"));

        RunSummary summary = run(settings("retries", 3L), 1);

        assertEquals(1, summary.requests());
        assertEquals(429, listener.failure("m1").httpStatus());
        assertTrue(listener.failure("m1").reason().contains("exceeded your current quota"), listener.failure("m1").reason());
    }

    @Test
    void clientErrorIsNotRetried() {
        fake.always(Fault.status(400));

        RunSummary summary = run(settings("retries", 3L), 1);

        assertEquals(1, summary.requests());
        assertEquals(400, listener.failure("m1").httpStatus());
        assertEquals(1, listener.failure("m1").attempts());
    }

    @Test
    void refusedConnectionNamesItsCause() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        run(settings("retries", 0L, "baseUrl", "http://127.0.0.1:" + closedPort + "/v1"), 1);

        String reason = listener.failure("m1").reason();
        assertTrue(reason.startsWith("connection failed: "), reason);
        assertFalse(reason.endsWith(": ") || reason.endsWith("null"), "the reason says more than its kind: " + reason);
        assertTrue(reason.contains("ConnectException") || reason.toLowerCase(java.util.Locale.ROOT).contains("refused"),
                reason);
    }

    @Test
    void refusedConnectionGivesRunMessage() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";

        RunSummary summary = run(settings("retries", 1L, "baseUrl", baseUrl), 2);

        assertEquals(2, summary.failed());
        assertEquals(4, summary.requests());
        String message = summary.message().orElseThrow();
        assertTrue(message.startsWith("Every one of the 4 requests to " + baseUrl + " for model " + MODEL
                + " failed, so no profile was written. The last failure: connection failed: "), message);
        assertTrue(message.endsWith("Check that the endpoint is running and that `baseUrl` points to it, then run "
                + "again."), message);
        assertTrue(log.text().contains(message), log.text());
    }

    @Test
    void refusedConnectionSkipsRemainingSubjects() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";
        int subjectCount = 100;

        // Default retries (3) and concurrency (4).
        RunSummary summary = run(settings("baseUrl", baseUrl), subjectCount);

        int attemptsPerSubject = 3 + 1;
        int concurrency = 4;
        assertEquals(0, summary.succeeded());
        assertEquals(subjectCount, summary.failed());
        assertEquals(subjectCount, listener.failures().size());
        // 2 × concurrency failed subjects trip the stop, and the up to concurrency − 1 subjects still on
        // other workers at that moment finish their retries.
        assertTrue(summary.requests() >= 2 * concurrency * attemptsPerSubject, summary.toString());
        assertTrue(summary.requests() <= (3 * concurrency - 1) * attemptsPerSubject, summary.toString());
        ProfileFailure last = listener.failure("m" + subjectCount);
        assertEquals(0, last.attempts());
        // The count of tried subjects includes those still on a worker when the stop triggered.
        long tried = listener.failures().stream().filter(failure -> failure.attempts() > 0).count();
        assertTrue(last.reason().startsWith("skipped without a request: " + tried + " subjects had been tried and none "
                + "had succeeded, and "), last.reason());
        assertTrue(last.reason().endsWith(" of them had found the endpoint unreachable. See the run message."),
                last.reason());
        String message = summary.message().orElseThrow();
        assertTrue(message.startsWith("Every one of the " + summary.requests() + " requests to " + baseUrl
                + " for model " + MODEL + " failed, so no profile was written. The last failure: connection failed: "),
                message);
        assertTrue(message.contains(" subjects were skipped without a request. "), message);
        assertTrue(message.endsWith("Check that the endpoint is running and that `baseUrl` points to it, then run "
                + "again."), message);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {401, 403})
    void rejectedApiKeySkipsRemainingSubjects(int status) {
        fake.always(Fault.status(status, "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY
                + "\",\"code\":\"invalid_api_key\"}}"));
        int subjectCount = 100;

        // Default retries (3) and concurrency (4).
        RunSummary summary = run(settings(), subjectCount);

        int concurrency = 4;
        assertEquals(0, summary.succeeded());
        assertEquals(subjectCount, summary.failed());
        assertEquals(summary.requests(), fake.requests().size());
        // A rejected key is not retried, so each tried subject sends one request.
        assertTrue(summary.requests() >= 2 * concurrency, summary.toString());
        assertTrue(summary.requests() <= 3 * concurrency - 1, summary.toString());
        ProfileFailure first = listener.failure("m1");
        assertEquals(status, first.httpStatus());
        assertEquals(1, first.attempts());
        assertTrue(first.reason().startsWith("HTTP " + status + " (API key rejected): "), first.reason());
        assertTrue(first.reason().endsWith("Check that `apiKey`, or the environment variable named by `apiKeyEnv`, "
                + "holds a valid key for this endpoint."), first.reason());
        ProfileFailure last = listener.failure("m" + subjectCount);
        assertEquals(0, last.attempts());
        assertTrue(last.reason().startsWith("skipped without a request: " + summary.requests() + " subjects had been "
                + "tried and none had succeeded, and "), last.reason());
        assertTrue(last.reason().endsWith(" of them had their API key rejected (HTTP 401 or 403). Check that `apiKey`, "
                + "or the environment variable named by `apiKeyEnv`, holds a valid key for this endpoint. See the run "
                + "message."), last.reason());
        String message = summary.message().orElseThrow();
        assertTrue(message.contains(" subjects were skipped without a request. "), message);
        assertTrue(message.endsWith("Correct the API key, then run again."), message);
        assertEquals(1, message.split("Check that `apiKey`", -1).length - 1, "the key advice appears once: " + message);
        String everything = log.text() + "\n" + listener.failures() + "\n" + summary;
        assertFalse(everything.contains("SECRET"), everything);
    }

    @Test
    void rateLimitsDoNotSkipSubjects() {
        fake.always(Fault.status(429));

        RunSummary summary = run(settings("retries", 0L, "concurrency", 1L), 3);

        assertEquals(3, summary.failed());
        assertEquals(3, summary.requests(), "HTTP 429 is sent for every subject, and no subject is skipped");
        assertEquals(1, listener.failure("m3").attempts());
        assertTrue(listener.failure("m3").reason().startsWith("HTTP 429 (rate limited)"), listener.failure("m3").reason());
    }

    @Test
    void serverErrorsDoNotSkipSubjects() {
        fake.always(Fault.status(503));

        RunSummary summary = run(settings("retries", 1L, "concurrency", 1L), 3);

        assertEquals(3, summary.failed());
        assertEquals(6, summary.requests(), "HTTP 503 is retried for every subject, and no subject is skipped");
        assertEquals(2, listener.failure("m3").attempts());
        assertTrue(listener.failure("m3").reason().startsWith("HTTP 503 (server error)"), listener.failure("m3").reason());
    }

    @Test
    void partialFailureGivesNoRunMessage() {
        fake.enqueue(Fault.status(400));

        RunSummary summary = run(settings("retries", 0L, "concurrency", 1L), 2);

        assertEquals(1, summary.failed());
        assertEquals(1, summary.succeeded());
        assertTrue(summary.message().isEmpty(), summary.toString());
    }

    @Test
    void reasoningModelRejectionIsNotRetried() {
        fake.actAsReasoningModel();

        RunSummary summary = run(settings("retries", 3L), 2);

        assertEquals(2, summary.failed(), log.text());
        assertEquals(2, summary.requests());
        assertEquals(2, fake.requests().size());
        ProfileFailure failure = listener.failure("m1");
        assertEquals(400, failure.httpStatus());
        assertEquals(1, failure.attempts());
        assertTrue(failure.reason().contains("'max_tokens' is not supported"), failure.reason());
        assertTrue(failure.reason().contains("set reasoningModel: true"), failure.reason());
        assertTrue(log.text().contains("set reasoningModel: true"), log.text());
        assertFalse(log.text().contains("SECRET"), log.text());
        assertFalse(listener.failures().toString().contains("SECRET"), listener.failures().toString());
    }

    @Test
    void reasoningModelRunSucceeds() {
        fake.actAsReasoningModel();

        RunSummary summary = run(settings("reasoningModel", true, "maxOutputTokens", 2000L), 3);

        assertEquals(3, summary.succeeded(), log.text());
        assertEquals(3, fake.requests().size());
        assertEquals("Subject 2 is a fine subject.", listener.result("m2").text());
        for (RecordedRequest request : fake.requests()) {
            JsonNode body = request.json();
            assertEquals(2000, body.path("max_completion_tokens").asInt(), request.body());
            assertFalse(body.has("max_tokens"), request.body());
            assertFalse(body.has("temperature"), request.body());
        }
    }

    @Test
    void repeatedFailureLinesAreCapped() {
        fake.always(Fault.status(400));

        RunSummary summary = run(settings("retries", 0L), 30);

        assertEquals(30, summary.failed());
        long failureLines = log.lines().stream().filter(line -> line.contains("Failed subject")).count();
        assertEquals(ProfileRunner.MAX_WARN_LINES, failureLines, log.text());
        assertTrue(log.text().contains("10 further retry and failure lines were not logged"), log.text());
    }

    @Test
    void apiKeyNeverLeaks() {
        fake.whenBodyContains("Subject 1", Fault.status(401,
                "{\"error\":{\"message\":\"Incorrect API key provided: " + API_KEY + "\",\"code\":\"invalid_api_key\"}}"));
        fake.whenBodyContains("Subject 2", Fault.status(500, "{\"error\":{\"message\":\"Bearer " + API_KEY + "\"}}"));
        fake.enqueue(Fault.rateLimit("1"));

        ProfileSettings settings = settings("retries", 1L);
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
        RunSummary summary;
        try {
            System.setOut(capture);
            System.setErr(capture);
            summary = run(settings, 3);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }

        assertEquals(2, summary.failed(), log.text());
        String everything = log.text() + "\n" + listener.results() + "\n" + listener.failures() + "\n" + summary
                + "\n" + settings + "\n" + ProfileWriters.create(settings, name -> null)
                + "\n" + console.toString(StandardCharsets.UTF_8);
        assertFalse(everything.contains("SECRET"), everything);
        assertTrue(listener.failure("m1").reason().contains("<redacted>"), listener.failure("m1").reason());
        assertEquals("Bearer " + API_KEY, fake.requests().get(0).header("authorization"),
                "the key is sent to the server");
    }

    @Test
    void apiKeyFromEnvironmentVariable() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "model", MODEL,
                "baseUrl", fake.openAiBaseUrl(), "apiKeyEnv", "FAKE_KEY"));
        ProfileWriter writer = ProfileWriters.create(settings, name -> "FAKE_KEY".equals(name) ? API_KEY : null);

        RunSummary summary = new ProfileRunner(writer, settings, log).run(subjects(1), listener, () -> false);

        assertEquals(1, summary.succeeded());
        assertEquals("Bearer " + API_KEY, fake.requests().get(0).header("authorization"));
        assertFalse(log.text().contains("SECRET"), log.text());
    }

    @Test
    void missingApiKeyIsRejected() {
        ProfileSettings settings = ProfileSettings.fromMap(Map.of("provider", "openai", "baseUrl", fake.openAiBaseUrl(),
                "apiKeyEnv", "UNSET_KEY"));

        IllegalArgumentException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> ProfileWriters.create(settings, name -> null));

        assertTrue(error.getMessage().contains("UNSET_KEY"), error.getMessage());
        assertTrue(error.getMessage().contains("apiKey"), error.getMessage());
    }

    @Test
    void cancellationStopsRunPromptly() throws Exception {
        fake.always(Fault.hang());
        AtomicBoolean cancelled = new AtomicBoolean();
        Thread canceller = new Thread(() -> {
            sleep(Duration.ofMillis(300));
            cancelled.set(true);
        });
        canceller.start();
        long start = System.nanoTime();

        RunSummary summary = new ProfileRunner(ProfileWriters.create(settings(), name -> null), settings(), log)
                .run(subjects(6), listener, cancelled::get);

        long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        canceller.join();
        assertTrue(summary.cancelled());
        assertEquals(0, listener.results().size() + listener.failures().size());
        assertTrue(elapsedMillis < 5000, "cancel took " + elapsedMillis + " ms");
        assertFalse(workerThreadsAlive(), "worker threads left after the run");
    }

    @Test
    void throwingCancellationCheckStopsRun() {
        fake.always(Fault.hang());
        long start = System.nanoTime();

        IllegalStateException error = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new ProfileRunner(ProfileWriters.create(settings(), name -> null), settings(), log)
                        .run(subjects(3), listener, () -> {
                            if (System.nanoTime() - start > TimeUnit.MILLISECONDS.toNanos(300)) {
                                throw new IllegalStateException("transaction terminated");
                            }
                            return false;
                        }));

        assertEquals("transaction terminated", error.getMessage());
        assertFalse(workerThreadsAlive(), "worker threads left after the run");
    }

    private static boolean workerThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(thread -> thread.getName().startsWith("spike-profile-") && thread.isAlive());
    }

    private static RecordedRequest nextWithSameBody(List<RecordedRequest> requests, RecordedRequest rejected) {
        return requests.stream()
                .filter(request -> request.body().equals(rejected.body()) && request.startNanos() > rejected.startNanos())
                .min(java.util.Comparator.comparingLong(RecordedRequest::startNanos))
                .orElse(null);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
