package dev.spike.profile.procedures;

import static dev.spike.profile.procedures.ProfileWriteTest.byKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.profile.testing.Fault;
import dev.spike.profile.testing.RecordedRequest;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * {@code spike.profile.write} with the openai provider: real LangChain4j clients over HTTP to
 * {@link FakeModelServer} on 127.0.0.1, with scripted faults, a terminated run and reruns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProfileOpenAiTest {

    private static final String API_KEY = "sk-test-SECRET-123";
    private static final List<String> TITLES = List.of(
            "Heat (1995)", "Ronin (1998)", "Collateral (2004)", "Broken Item (2000)",
            "Hang Item (2001)", "Alien (1979)", "Aliens (1986)", "Solaris (1972)");

    private EmbeddedNeo4j db;
    private final List<FakeModelServer> servers = new ArrayList<>();

    @BeforeEach
    void smallGraph() {
        db = SharedDbms.reset();
        db.rows("""
                UNWIND range(0, size($titles) - 1) AS index
                CREATE (:Item {id: index, title: $titles[index]})
                """, Map.of("titles", TITLES));
        db.rows("""
                CREATE (crime:Entity:Genre {name: 'Crime'}), (scifi:Entity:Genre {name: 'Science Fiction'})
                WITH crime, scifi
                MATCH (i:Item) WHERE i.id < 5 CREATE (i)-[:HAS_GENRE]->(crime)
                WITH DISTINCT scifi
                MATCH (i:Item) WHERE i.id >= 5 CREATE (i)-[:HAS_GENRE]->(scifi)
                """);
        db.rows("""
                UNWIND range(0, 2) AS userId
                CREATE (u:User {id: userId})
                WITH u
                MATCH (i:Item) WHERE i.id % 3 = u.id OR i.id = u.id + 1
                CREATE (u)-[:RATED {timestamp: i.id * 100 + u.id, review: 'Review ' + u.id + ' of ' + i.title}]->(i)
                """);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FakeModelServer::close);
    }

    @Test
    void faultsAreRetriedAndFailuresReported() throws IOException {
        // With one request at a time, the queued faults hit the first item in node order: four
        // failed attempts, then the second item gets an empty completion and succeeds on retry.
        List<String> order = titlesByNodeId();
        String faulty = order.get(0);
        String broken = order.get(order.size() - 1);
        FakeModelServer fake = server();
        fake.enqueue(Fault.rateLimit("1"), Fault.status(500), Fault.hang(), Fault.of(Fault.Kind.BAD_JSON),
                Fault.of(Fault.Kind.EMPTY_CHOICES));
        fake.whenBodyContains(nameMarker(broken), Fault.status(400));

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(fake, "timeout", "1s", "retries", 3, "concurrency", 1, "batchSize", 2)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        Map<String, Object> items = stages.get("ITEM");
        assertEquals(6L, items.get("generated"), items.toString());
        assertEquals(2L, items.get("failed"), items.toString());
        Map<Long, Map<String, Object>> failures = new HashMap<>();
        for (Object failure : (List<?>) items.get("failures")) {
            Map<?, ?> row = (Map<?, ?>) failure;
            failures.put((Long) row.get("nodeId"), Map.of(
                    "reason", row.get("reason"), "status", String.valueOf(row.get("status")),
                    "provider", row.get("provider"), "model", row.get("model")));
        }
        long faultyId = nodeId(faulty);
        long brokenId = nodeId(broken);
        assertEquals(Set.of(faultyId, brokenId), failures.keySet());
        assertEquals("400", failures.get(brokenId).get("status"));
        assertEquals("openai", failures.get(faultyId).get("provider"));
        assertEquals("gpt-fake", failures.get(faultyId).get("model"));
        assertFalse(((String) failures.get(faultyId).get("reason")).isBlank());

        List<RecordedRequest> chats = fake.requests("/v1/chat/completions");
        assertEquals(429, chats.get(0).status());
        long waitMillis = TimeUnit.NANOSECONDS.toMillis(chats.get(1).startNanos() - chats.get(0).endNanos());
        assertTrue(waitMillis >= 900, "Retry-After of 1 s not honoured: next request after " + waitMillis + " ms");
        assertEquals(500, chats.get(1).status());
        // The third attempt hangs until the server closes, so it is not recorded yet; the fourth gets bad JSON.
        for (RecordedRequest attempt : chats.subList(0, 3)) {
            assertTrue(attempt.body().contains(nameMarker(faulty)), attempt.body());
        }
        assertEquals(3, chats.stream().filter(request -> request.body().contains(nameMarker(faulty))).count());
        assertTrue(chats.get(3).body().contains(nameMarker(order.get(1))), chats.get(3).body());
        assertTrue(chats.get(4).body().contains(nameMarker(order.get(1))), chats.get(4).body());
        assertEquals(200, chats.get(4).status());

        assertEquals(0L, stages.get("ENTITY").get("failed"));
        assertEquals(2L, stages.get("ENTITY").get("generated"));
        assertEquals(3L, stages.get("USER").get("generated"));
        for (String title : TITLES) {
            Map<String, Object> item = db.rows("MATCH (i:Item {title: $title}) RETURN i.profile AS profile, "
                    + "i.profileHash AS hash, i.profileModel AS model", Map.of("title", title)).get(0);
            if (title.equals(faulty) || title.equals(broken)) {
                assertNull(item.get("profile"), title);
                assertNull(item.get("hash"), title);
            } else {
                assertEquals(title + " is a fine subject.", item.get("profile"));
                assertEquals("openai/gpt-fake", item.get("model"));
            }
        }
        assertNoApiKey(rows);

        FakeModelServer healthy = server();
        Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(healthy, "onlyMissing", true))));
        assertEquals(2L, rerun.get("ITEM").get("generated"));
        assertEquals(6L, rerun.get("ITEM").get("skippedUnchanged"));
        assertEquals(0L, rerun.get("ENTITY").get("generated"));
        assertEquals(0L, rerun.get("USER").get("generated"));
        assertEquals(2, healthy.requests("/v1/chat/completions").size());
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NULL RETURN count(n)"));
    }

    @Test
    void terminatedRunKeepsFinishedBatches() throws Exception {
        List<String> order = titlesByNodeId();
        FakeModelServer fake = server();
        fake.whenBodyContains(nameMarker(order.get(4)), Fault.hang());
        Map<String, Object> config = config(fake, "timeout", "60s", "retries", 0, "concurrency", 1, "batchSize", 2);
        CompletableFuture<List<Map<String, Object>>> run = CompletableFuture.supplyAsync(
                () -> db.rows("CALL spike.profile.write($config)", Map.of("config", config)));

        awaitCount("MATCH (i:Item) WHERE i.profile IS NOT NULL RETURN count(i)", 4);
        Thread.sleep(300);
        List<Map<String, Object>> jobs = profileJobs();
        assertEquals(1, jobs.size(), jobs.toString());
        assertEquals("RUNNING", jobs.get(0).get("status"));
        Map<String, String> steps = new HashMap<>();
        for (Map<String, Object> row : db.rows("CALL gds.listProgress($jobId) YIELD taskName, progress "
                + "RETURN taskName, progress", Map.of("jobId", jobs.get(0).get("jobId")))) {
            steps.put(((String) row.get("taskName")).replaceAll("^[^a-z]*", ""), (String) row.get("progress"));
        }
        assertEquals("50%", steps.get("item profiles"), "4 of 8 items are done: " + steps);
        assertTrue(steps.containsKey("user profiles"), steps.toString());
        FakeModelServer second = server();
        String overlap = rootMessage(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> db.rows("CALL spike.profile.write($config)", Map.of("config", config(second)))));
        assertTrue(overlap.contains("spike.profile.write: another spike.profile call is writing 'profile' on :Item "
                + "nodes of database 'neo4j'. Wait for it to finish"), overlap);
        String embedOverlap = rootMessage(org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class,
                () -> db.rows("CALL spike.profile.embed({})")));
        assertTrue(embedOverlap.contains("another spike.profile call is writing 'profileEmbedding'"), embedOverlap);
        assertEquals(0, second.requests("/v1/chat/completions").size(), "an overlapping call sent no prompt");
        String transactionId = (String) db.rows("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                + "WHERE currentQuery CONTAINS 'spike.profile.write' AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' "
                + "RETURN transactionId").get(0).get("transactionId");
        long terminatedAt = System.nanoTime();
        db.rows("TERMINATE TRANSACTIONS $id", Map.of("id", transactionId));

        ExecutionException failure = org.junit.jupiter.api.Assertions.assertThrows(
                ExecutionException.class, () -> run.get(30, TimeUnit.SECONDS));
        double seconds = (System.nanoTime() - terminatedAt) / 1e9;
        assertTrue(seconds < 15, "the run went on for " + seconds + " s after termination");
        assertTrue(String.valueOf(rootMessage(failure)).contains("terminated"), rootMessage(failure));

        Set<String> written = titlesWithProfile();
        assertEquals(new TreeSet<>(order.subList(0, 4)), written);
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Entity) AND n.profile IS NOT NULL RETURN count(n)"));

        FakeModelServer healthy = server();
        Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(healthy, "onlyMissing", true, "concurrency", 1))));
        assertEquals(4L, rerun.get("ITEM").get("generated"));
        assertEquals(4L, rerun.get("ITEM").get("skippedUnchanged"));
        assertEquals(2L, rerun.get("ENTITY").get("generated"));
        assertEquals(3L, rerun.get("USER").get("generated"));
        List<String> requested = healthy.requests("/v1/chat/completions").stream().map(RecordedRequest::body).toList();
        for (String title : order.subList(0, 4)) {
            assertTrue(requested.stream().noneMatch(body -> body.contains(nameMarker(title))), title);
        }
        assertEquals(new TreeSet<>(TITLES), titlesWithProfile());
        assertNoApiKey(List.of());
        assertEquals(List.of(), profileJobs(), "stopped and finished runs leave gds.listProgress()");
    }

    private List<Map<String, Object>> profileJobs() {
        return db.rows("CALL gds.listProgress() YIELD jobId, taskName, status WHERE taskName STARTS WITH "
                + "'spike.profile' RETURN jobId, taskName, status");
    }

    @Test
    void reasoningModelKeyReachesRequest() throws IOException {
        FakeModelServer fake = server().actAsReasoningModel();

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(fake, "reasoningModel", true, "maxOutputTokens", 2000)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        assertEquals(8L, stages.get("ITEM").get("generated"), stages.toString());
        assertEquals(2L, stages.get("ENTITY").get("generated"), stages.toString());
        assertEquals(3L, stages.get("USER").get("generated"), stages.toString());
        List<RecordedRequest> chats = fake.requests("/v1/chat/completions");
        assertEquals(13, chats.size());
        for (RecordedRequest chat : chats) {
            JsonNode body = chat.json();
            assertEquals(200, chat.status(), chat.body());
            assertEquals(2000, body.path("max_completion_tokens").asInt(), chat.body());
            assertFalse(body.has("max_tokens"), chat.body());
            assertFalse(body.has("temperature"), chat.body());
        }
    }

    @Test
    void rejectedMaxTokensSuggestsReasoningModel() throws IOException {
        FakeModelServer fake = server().actAsReasoningModel();

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(fake, "kinds", List.of("ITEM"), "retries", 3)));
        Map<String, Object> items = byKind(rows).get("ITEM");

        assertEquals(0L, items.get("generated"), items.toString());
        assertEquals(8L, items.get("failed"), items.toString());
        assertEquals(8, fake.requests("/v1/chat/completions").size(), "HTTP 400 must not be retried");
        for (Object failure : (List<?>) items.get("failures")) {
            Map<?, ?> row = (Map<?, ?>) failure;
            assertEquals(400L, row.get("status"), row.toString());
            assertTrue(String.valueOf(row.get("reason")).contains("set reasoningModel: true"), row.toString());
        }
        assertFalse(rows.toString().contains("SECRET"), rows.toString());
    }

    @Test
    void unreachableEndpointGivesStageMessage() throws IOException {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";
        Map<String, Object> configuration = config(server(), "kinds", List.of("ITEM"), "retries", 0);
        configuration.put("baseUrl", baseUrl);

        Map<String, Object> items = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", configuration))).get("ITEM");

        assertEquals(0L, items.get("generated"), items.toString());
        assertEquals(8L, items.get("failed"), items.toString());
        for (Object failure : (List<?>) items.get("failures")) {
            String reason = String.valueOf(((Map<?, ?>) failure).get("reason"));
            assertTrue(reason.startsWith("connection failed: "), reason);
        }
        String message = (String) items.get("message");
        assertNotNull(message, items.toString());
        assertTrue(message.startsWith("Every one of the 8 requests to " + baseUrl
                + " for model gpt-fake failed, so no profile was written."), message);
        assertTrue(message.contains("Check that the endpoint is running and that `baseUrl` points to it"), message);
        assertFalse(message.contains("SECRET"), message);
    }

    private FakeModelServer server() throws IOException {
        FakeModelServer server = FakeModelServer.start();
        servers.add(server);
        return server;
    }

    private static Map<String, Object> config(FakeModelServer fake, Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("provider", "openai");
        config.put("model", "gpt-fake");
        config.put("baseUrl", fake.openAiBaseUrl());
        config.put("apiKey", API_KEY);
        config.put("domain", "movies");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private void assertNoApiKey(List<Map<String, Object>> rows) throws IOException {
        assertFalse(rows.toString().contains(API_KEY), rows.toString());
        for (Map<String, Object> row : db.rows("MATCH (n) RETURN properties(n) AS properties")) {
            assertFalse(row.toString().contains("SECRET"), row.toString());
        }
        Path logs = db.harness().config().get(GraphDatabaseSettings.logs_directory);
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(file -> file.getFileName().toString().equals("debug.log")), files.toString());
        boolean progressLogged = false;
        for (Path file : files) {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertFalse(text.contains("SECRET"), "the API key is in " + file);
            progressLogged |= text.contains("spike.profile.write :: ITEM batch");
        }
        assertTrue(progressLogged, "no batch progress in " + files);
    }

    /** Returns the name block of a prompt as it appears in the JSON request body, so a fault hits only that subject's own prompt. */
    private static String nameMarker(String name) {
        return "Name:\\n<data>\\n" + name + "\\n";
    }

    private List<String> titlesByNodeId() {
        List<String> titles = new ArrayList<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) RETURN i.title AS title ORDER BY id(i)")) {
            titles.add((String) row.get("title"));
        }
        return titles;
    }

    private long nodeId(String title) {
        return (Long) db.rows("MATCH (i:Item {title: $title}) RETURN id(i) AS id", Map.of("title", title)).get(0).get("id");
    }

    private Set<String> titlesWithProfile() {
        Set<String> titles = new TreeSet<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) WHERE i.profile IS NOT NULL RETURN i.title AS title")) {
            titles.add((String) row.get("title"));
        }
        return titles;
    }

    private void awaitCount(String cypher, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (Scripts.count(db, cypher) >= expected) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + expected + ": " + cypher);
    }

    private static String rootMessage(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        return messages.toString();
    }
}
