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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * {@code spike.profile.write}, {@code stream} and {@code embed} with the ollama provider and
 * embedder: real LangChain4j Ollama clients over HTTP to {@link FakeModelServer} on 127.0.0.1,
 * which serves {@code /api/chat} and {@code /api/embed}, with scripted faults and reruns.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ProfileOllamaTest {

    private static final String MODEL = "llama-fake";
    private static final String EMBEDDING_MODEL = "nomic-fake";
    /**
     * A fake key. Ollama itself takes no key, so the procedures send it as a bearer token for a
     * reverse proxy, and it must reach no row, log line or node property.
     */
    private static final String API_KEY = "ollama-test-SECRET-456";
    /** An Ollama-style error body that echoes the key, as a misconfigured proxy in front of Ollama might. */
    private static final String ECHOED_KEY_ERROR = "{\"error\":\"upstream rejected key " + API_KEY + "\"}";
    private static final List<String> TITLES = List.of(
            "Heat (1995)", "Ronin (1998)", "Collateral (2004)", "Alien (1979)", "Aliens (1986)", "Solaris (1972)");
    private static final int CHAT_REQUESTS_PER_RUN = 6 + 2 + 3;

    private EmbeddedNeo4j db;
    private final List<FakeModelServer> servers = new ArrayList<>();

    /** Six items in two genres, and three users who each rated two items, one of each genre. */
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
                MATCH (i:Item)
                FOREACH (genre IN CASE WHEN i.id < 3 THEN [crime] ELSE [scifi] END | CREATE (i)-[:HAS_GENRE]->(genre))
                """);
        db.rows("""
                UNWIND range(0, 2) AS userId
                CREATE (u:User {id: userId})
                WITH u
                MATCH (i:Item) WHERE i.id % 3 = u.id
                CREATE (u)-[:RATED {timestamp: i.id * 100, review: 'User ' + u.id + ' liked ' + i.title}]->(i)
                """);
    }

    @AfterEach
    void stopServers() {
        servers.forEach(FakeModelServer::close);
    }

    @Test
    void writeSendsOllamaChatOptions() throws IOException {
        FakeModelServer fake = server();

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(fake, "temperature", 0.3, "maxOutputTokens", 120, "concurrency", 2)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        assertEquals(List.of("ITEM", "ENTITY", "USER"), List.copyOf(stages.keySet()));
        assertEquals(6L, stages.get("ITEM").get("generated"), stages.toString());
        assertEquals(2L, stages.get("ENTITY").get("generated"), stages.toString());
        assertEquals(3L, stages.get("USER").get("generated"), stages.toString());
        for (Map<String, Object> stage : stages.values()) {
            long generated = (Long) stage.get("generated");
            assertEquals(0L, stage.get("failed"), stage.toString());
            assertNull(stage.get("message"), stage.toString());
            // The fake reports prompt_eval_count 42 and eval_count 7 for every chat response.
            assertEquals(42 * generated, stage.get("tokensIn"), stage.toString());
            assertEquals(7 * generated, stage.get("tokensOut"), stage.toString());
        }

        for (String title : TITLES) {
            Map<String, Object> item = db.rows("MATCH (i:Item {title: $title}) RETURN i.profile AS profile, "
                    + "i.profileHash AS hash, i.profileModel AS model, i.profileUpdatedAt AS updatedAt",
                    Map.of("title", title)).get(0);
            assertEquals(title + " is a fine subject.", item.get("profile"));
            assertEquals("ollama/" + MODEL, item.get("model"));
            assertNotNull(item.get("hash"), title);
            assertNotNull(item.get("updatedAt"), title);
        }
        assertEquals(5, Scripts.count(db, "MATCH (n) WHERE (n:Entity OR n:User) AND n.profile IS NOT NULL "
                + "AND n.profileModel = 'ollama/" + MODEL + "' RETURN count(n)"));

        List<RecordedRequest> chats = fake.requests("/api/chat");
        assertEquals(CHAT_REQUESTS_PER_RUN, chats.size(), fake.log().toString());
        assertEquals(CHAT_REQUESTS_PER_RUN, fake.requests().size(), "only /api/chat is called: " + fake.log());
        for (RecordedRequest chat : chats) {
            JsonNode body = chat.json();
            assertEquals(200, chat.status(), chat.body());
            assertEquals(MODEL, body.path("model").asText(), chat.body());
            assertFalse(body.path("stream").asBoolean(true), chat.body());
            assertEquals(0.3, body.path("options").path("temperature").asDouble(), 1e-9, chat.body());
            assertEquals(120, body.path("options").path("num_predict").asInt(), chat.body());
            assertEquals("system", body.path("messages").path(0).path("role").asText(), chat.body());
            assertEquals("user", body.path("messages").path(1).path("role").asText(), chat.body());
            assertNull(chat.header("authorization"), "no apiKey, so no Authorization header");
        }
        assertNoSecret(rows);
    }

    @Test
    void apiKeyReachesOllamaAsBearerToken() throws IOException {
        FakeModelServer fake = server();

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)", Map.of("config",
                config(fake, "apiKey", API_KEY, "embed", true, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        for (Map<String, Object> stage : stages.values()) {
            assertEquals(0L, stage.get("failed"), stage.toString());
            assertEquals(stage.get("generated"), stage.get("embedded"), stage.toString());
        }
        List<RecordedRequest> chats = fake.requests("/api/chat");
        List<RecordedRequest> embeds = fake.requests("/api/embed");
        assertEquals(CHAT_REQUESTS_PER_RUN, chats.size(), fake.log().toString());
        assertFalse(embeds.isEmpty(), fake.log().toString());
        for (RecordedRequest request : fake.requests()) {
            assertEquals("Bearer " + API_KEY, request.header("authorization"), request.path());
            assertFalse(request.body().contains("SECRET"), request.body());
        }
        assertNoSecret(rows);
    }

    @Test
    void streamSendsDefaultsWithoutWriting() {
        // Ollama returns HTTP 404 with a body like this one for a model that was never pulled.
        String missing = TITLES.get(4);
        FakeModelServer fake = server();
        fake.whenBodyContains(nameMarker(missing), Fault.status(404,
                "{\"error\":\"model \\\"" + MODEL + "\\\" not found, try pulling it first\"}"));

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.stream($config)",
                Map.of("config", config(fake, "kinds", List.of("ITEM"), "retries", 3)));

        assertEquals(TITLES.size(), rows.size(), rows.toString());
        Map<Long, String> titles = titlesByNodeId();
        for (Map<String, Object> row : rows) {
            String title = titles.get((Long) row.get("nodeId"));
            assertEquals("ITEM", row.get("kind"), row.toString());
            if (title.equals(missing)) {
                assertNull(row.get("profile"), row.toString());
                String reason = (String) row.get("failure");
                assertTrue(reason.startsWith("HTTP 404 (request rejected)"), reason);
                assertTrue(reason.contains("not found, try pulling it first"), reason);
            } else {
                assertEquals(title + " is a fine subject.", row.get("profile"), row.toString());
                assertNull(row.get("failure"), row.toString());
                assertEquals(42L, row.get("promptTokens"), row.toString());
            }
        }
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL OR n.profileHash IS NOT NULL "
                + "RETURN count(n)"));

        List<RecordedRequest> chats = fake.requests("/api/chat");
        assertEquals(TITLES.size(), chats.size(), "HTTP 404 must not be retried: " + fake.log());
        for (RecordedRequest chat : chats) {
            JsonNode options = chat.json().path("options");
            assertEquals(0.0, options.path("temperature").asDouble(-1), 1e-9, chat.body());
            assertEquals(250, options.path("num_predict").asInt(), chat.body());
        }
    }

    @Test
    void serverErrorsFailOnlyTheirNodes() throws IOException {
        String broken = TITLES.get(2);
        String hanging = TITLES.get(5);
        FakeModelServer faulty = server();
        faulty.whenBodyContains(nameMarker(broken), Fault.status(500, ECHOED_KEY_ERROR));
        faulty.whenBodyContains(nameMarker(hanging), Fault.hang());

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)", Map.of("config",
                config(faulty, "timeout", "1s", "retries", 1, "concurrency", 1, "batchSize", 2, "apiKey", API_KEY)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        Map<String, Object> items = stages.get("ITEM");
        assertEquals(4L, items.get("generated"), items.toString());
        assertEquals(2L, items.get("failed"), items.toString());
        assertNull(items.get("message"), "some requests succeeded, so there is no run message: " + items);
        Map<Long, Map<?, ?>> failures = failuresByNodeId(items);
        assertEquals(Set.of(nodeId(broken), nodeId(hanging)), failures.keySet());

        Map<?, ?> serverError = failures.get(nodeId(broken));
        String serverReason = (String) serverError.get("reason");
        assertEquals(500L, serverError.get("status"), serverError.toString());
        assertTrue(serverReason.startsWith("HTTP 500 (server error): "), serverReason);
        assertTrue(serverReason.contains("upstream rejected key <redacted>"), serverReason);
        assertEquals("ollama", serverError.get("provider"));
        assertEquals(MODEL, serverError.get("model"));

        Map<?, ?> timeout = failures.get(nodeId(hanging));
        assertEquals("timed out after 1s", timeout.get("reason"), timeout.toString());
        assertNull(timeout.get("status"), timeout.toString());
        assertEquals("ollama", timeout.get("provider"));

        assertEquals(0L, stages.get("ENTITY").get("failed"), stages.toString());
        assertEquals(2L, stages.get("ENTITY").get("generated"), stages.toString());
        assertEquals(0L, stages.get("USER").get("failed"), stages.toString());
        assertEquals(3L, stages.get("USER").get("generated"), stages.toString());
        for (String title : List.of(broken, hanging)) {
            Map<String, Object> item = db.rows("MATCH (i:Item {title: $title}) RETURN i.profile AS profile, "
                    + "i.profileHash AS hash, i.profileModel AS model, i.profileUpdatedAt AS updatedAt",
                    Map.of("title", title)).get(0);
            assertNull(item.get("profile"), title);
            assertNull(item.get("hash"), title);
            assertNull(item.get("model"), title);
            assertNull(item.get("updatedAt"), title);
        }
        assertEquals(new TreeSet<>(List.of(TITLES.get(0), TITLES.get(1), TITLES.get(3), TITLES.get(4))),
                titlesWithProfile());
        assertNoSecret(rows);

        // A hanging request is recorded only once the server closes and releases it.
        faulty.close();
        assertEquals(2, requestsContaining(faulty, nameMarker(broken)).size(), "retries: 1 means two attempts");
        for (RecordedRequest attempt : requestsContaining(faulty, nameMarker(broken))) {
            assertEquals(500, attempt.status(), attempt.body());
        }
        assertEquals(2, requestsContaining(faulty, nameMarker(hanging)).size(), "retries: 1 means two attempts");

        FakeModelServer healthy = server();
        Map<String, Map<String, Object>> resumed = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(healthy, "onlyMissing", true, "apiKey", API_KEY))));
        assertEquals(2L, resumed.get("ITEM").get("generated"), resumed.toString());
        assertEquals(4L, resumed.get("ITEM").get("skippedUnchanged"), resumed.toString());
        assertEquals(0L, resumed.get("ENTITY").get("generated"), resumed.toString());
        assertEquals(0L, resumed.get("USER").get("generated"), resumed.toString());
        List<RecordedRequest> resumedChats = healthy.requests("/api/chat");
        assertEquals(2, resumedChats.size(), healthy.log().toString());
        assertEquals(1, requestsContaining(healthy, nameMarker(broken)).size());
        assertEquals(1, requestsContaining(healthy, nameMarker(hanging)).size());
        assertEquals(new TreeSet<>(TITLES), titlesWithProfile());

        // Both genres and user 2, who rated the two failed items, were written without those item
        // profiles. Their inputs have changed since, so a plain rerun redoes exactly these three nodes.
        FakeModelServer refresh = server();
        Map<String, Map<String, Object>> refreshed = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(refresh))));
        assertEquals(0L, refreshed.get("ITEM").get("generated"), refreshed.toString());
        assertEquals(2L, refreshed.get("ENTITY").get("generated"), refreshed.toString());
        assertEquals(1L, refreshed.get("USER").get("generated"), refreshed.toString());
        assertEquals(2L, refreshed.get("USER").get("skippedUnchanged"), refreshed.toString());
        assertEquals(3, refresh.requests("/api/chat").size(), refresh.log().toString());
    }

    @Test
    void hangingModelGivesStageMessage() {
        FakeModelServer fake = server();
        fake.always(Fault.hang());

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)", Map.of("config",
                config(fake, "kinds", List.of("ITEM"), "timeout", "1s", "retries", 0, "concurrency", 1)));
        Map<String, Object> items = byKind(rows).get("ITEM");

        assertEquals(0L, items.get("generated"), items.toString());
        assertEquals(6L, items.get("failed"), items.toString());
        String message = (String) items.get("message");
        assertNotNull(message, items.toString());
        assertTrue(message.startsWith("Every one of the 2 requests to " + fake.baseUrl() + " for model " + MODEL
                + " timed out after 1s."), message);
        assertTrue(message.contains("`ollama run " + MODEL + "`"), message);

        List<String> reasons = new ArrayList<>();
        for (Object failure : (List<?>) items.get("failures")) {
            reasons.add((String) ((Map<?, ?>) failure).get("reason"));
        }
        assertEquals(6, reasons.size(), reasons.toString());
        assertEquals(2, reasons.stream().filter("timed out after 1s"::equals).count(), reasons.toString());
        String skipped = "skipped without a request: 2 subjects had been tried and none had succeeded, and 2 of them "
                + "had timed out.";
        assertEquals(4, reasons.stream().filter(reason -> reason.startsWith(skipped)).count(), reasons.toString());
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL RETURN count(n)"));
    }

    @Test
    void writeEmbedsWithOllamaEmbedder() {
        FakeModelServer fake = server();

        Map<String, Map<String, Object>> stages = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config(fake, "embed", true, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL,
                        "batchSize", 4))));

        for (Map<String, Object> stage : stages.values()) {
            assertEquals(0L, stage.get("failed"), stage.toString());
            assertEquals(stage.get("generated"), stage.get("embedded"), stage.toString());
        }
        assertEquals(11, Scripts.count(db, "MATCH (n) WHERE n:Item OR n:Entity OR n:User RETURN count(n)"));
        assertEquals(11, Scripts.count(db, "MATCH (n) WHERE n.profileEmbeddingModel = '" + EMBEDDING_MODEL + "' "
                + "AND n.profileEmbeddingDimension = 8 AND size(n.profileEmbedding) = 8 RETURN count(n)"));
        for (Map<String, Object> row : db.rows("MATCH (n) WHERE n.profileEmbedding IS NOT NULL "
                + "RETURN sqrt(reduce(sum = 0.0, x IN n.profileEmbedding | sum + x * x)) AS norm")) {
            assertEquals(1.0, (Double) row.get("norm"), 1e-5);
        }

        List<RecordedRequest> embeds = fake.requests("/api/embed");
        List<String> inputs = new ArrayList<>();
        for (RecordedRequest embed : embeds) {
            JsonNode body = embed.json();
            assertEquals(200, embed.status(), embed.body());
            assertEquals(EMBEDDING_MODEL, body.path("model").asText(), embed.body());
            assertTrue(body.path("input").isArray(), embed.body());
            body.path("input").forEach(text -> inputs.add(text.asText()));
        }
        List<String> profiles = db.rows("MATCH (n) WHERE n.profile IS NOT NULL RETURN n.profile AS profile").stream()
                .map(row -> (String) row.get("profile")).toList();
        assertEquals(new TreeSet<>(profiles), new TreeSet<>(inputs));
        assertEquals(11, inputs.size(), "each profile is embedded once: " + inputs);

        // Every embedding is current, so spike.profile.embed sends no request at all, and the
        // dimension comes from the stored embeddings.
        List<Map<String, Object>> again = db.rows("CALL spike.profile.embed($config)", Map.of("config",
                config(fake, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL)));
        for (Map<String, Object> row : again) {
            assertEquals(0L, row.get("embedded"), row.toString());
            assertEquals(0L, row.get("failed"), row.toString());
            assertEquals(EMBEDDING_MODEL, row.get("model"), row.toString());
            assertEquals(8L, row.get("dimension"), row.toString());
        }
        assertEquals(11L, again.stream().mapToLong(row -> (Long) row.get("skipped")).sum(), again.toString());
        assertEquals(embeds.size(), fake.requests("/api/embed").size(), fake.log().toString());
    }

    @Test
    void embedWithoutProfilesSendsNoRequest() {
        FakeModelServer fake = server();

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.embed($config)", Map.of("config",
                config(fake, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL)));

        assertEquals(3, rows.size(), rows.toString());
        for (Map<String, Object> row : rows) {
            assertEquals(0L, row.get("embedded"), row.toString());
            assertEquals(0L, row.get("failed"), row.toString());
            assertEquals(0L, row.get("dimension"), "nothing was embedded and nothing is stored: " + row);
        }
        assertEquals(List.of(), fake.log(), "no profile to embed, so no request");
    }

    @Test
    void embedErrorFailsOnlyItsBatch() throws IOException {
        db.rows("MATCH (i:Item) SET i.profile = 'Profile of ' + i.title");
        List<Long> order = new ArrayList<>(titlesByNodeId().keySet());
        // Targets are embedded in node-id order, so with batchSize 2 the third item shares its batch with the fourth.
        long brokenId = order.get(2);
        long partnerId = order.get(3);
        String broken = titlesByNodeId().get(brokenId);
        FakeModelServer faulty = server();
        faulty.whenBodyContains("Profile of " + broken, Fault.status(500, ECHOED_KEY_ERROR));

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.embed($config)", Map.of("config",
                embedConfig(faulty, "retries", 1)));

        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> items = rows.get(0);
        assertEquals("ITEM", items.get("kind"));
        assertEquals(4L, items.get("embedded"), items.toString());
        assertEquals(2L, items.get("failed"), items.toString());
        assertEquals(8L, items.get("dimension"), items.toString());
        Map<Long, Map<?, ?>> failures = failuresByNodeId(items);
        assertEquals(Set.of(brokenId, partnerId), failures.keySet());
        for (Map<?, ?> failure : failures.values()) {
            String reason = (String) failure.get("reason");
            assertTrue(reason.startsWith("Embedding request failed after 2 attempt(s): HTTP 500: "), reason);
            assertTrue(reason.contains("upstream rejected key <redacted>"), reason);
            assertEquals("ollama", failure.get("provider"), failure.toString());
            assertEquals(EMBEDDING_MODEL, failure.get("model"), failure.toString());
        }
        assertEquals(2, requestsContaining(faulty, "Profile of " + broken).size(), "retries: 1 means two attempts");
        assertEquals(Set.of(brokenId, partnerId), idsWithoutEmbedding());
        assertEquals(0, Scripts.count(db, "MATCH (i:Item) WHERE i.profileEmbedding IS NULL AND "
                + "(i.profileEmbeddingModel IS NOT NULL OR i.profileEmbeddingDimension IS NOT NULL) RETURN count(i)"));
        assertNoSecret(rows);

        FakeModelServer healthy = server();
        List<Map<String, Object>> resumed = db.rows("CALL spike.profile.embed($config)", Map.of("config",
                embedConfig(healthy, "onlyMissing", true)));
        assertEquals(2L, resumed.get(0).get("embedded"), resumed.toString());
        assertEquals(4L, resumed.get(0).get("skipped"), resumed.toString());
        List<RecordedRequest> embeds = healthy.requests("/api/embed");
        assertEquals(1, embeds.size(), healthy.log().toString());
        List<String> inputs = new ArrayList<>();
        embeds.get(0).json().path("input").forEach(text -> inputs.add(text.asText()));
        assertEquals(List.of("Profile of " + broken, "Profile of " + titlesByNodeId().get(partnerId)), inputs);
        assertEquals(Set.of(), idsWithoutEmbedding());
    }

    @Test
    void embedOutageStillReturnsRows() throws IOException {
        db.rows("MATCH (i:Item) SET i.profile = 'Profile of ' + i.title");
        FakeModelServer down = server();
        down.always(Fault.status(503, ECHOED_KEY_ERROR));

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.embed($config)", Map.of("config",
                embedConfig(down, "retries", 0)));

        assertEquals(1, rows.size(), rows.toString());
        Map<String, Object> items = rows.get(0);
        assertEquals(0L, items.get("embedded"), items.toString());
        assertEquals(6L, items.get("failed"), items.toString());
        assertEquals(0L, items.get("dimension"), "no vector came back, so the dimension is unknown: " + items);
        assertEquals(3, down.requests("/api/embed").size(), "three batches of 2 and no probe: " + down.log());
        Map<Long, Map<?, ?>> failures = failuresByNodeId(items);
        assertEquals(new TreeSet<>(titlesByNodeId().keySet()), new TreeSet<>(failures.keySet()));
        for (Map<?, ?> failure : failures.values()) {
            String reason = (String) failure.get("reason");
            assertTrue(reason.startsWith("Embedding request failed after 1 attempt(s): HTTP 503: "), reason);
        }
        assertEquals(new TreeSet<>(titlesByNodeId().keySet()), idsWithoutEmbedding());
        assertNoSecret(rows);
    }

    @Test
    void embedderOutageKeepsWrittenProfiles() throws IOException {
        FakeModelServer chat = server();
        FakeModelServer embeddings = server();
        embeddings.always(Fault.status(500, ECHOED_KEY_ERROR));

        List<Map<String, Object>> rows = db.rows("CALL spike.profile.write($config)", Map.of("config",
                config(chat, "embed", true, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL,
                        "embeddingBaseUrl", embeddings.baseUrl(), "retries", 0, "apiKey", API_KEY)));
        Map<String, Map<String, Object>> stages = byKind(rows);

        assertEquals(6L, stages.get("ITEM").get("generated"), stages.toString());
        assertEquals(2L, stages.get("ENTITY").get("generated"), stages.toString());
        assertEquals(3L, stages.get("USER").get("generated"), stages.toString());
        for (Map<String, Object> stage : stages.values()) {
            assertEquals(0L, stage.get("failed"), stage.toString());
            assertEquals(0L, stage.get("embedded"), stage.toString());
            // The embedding failures and their reasons reach the rows, not only the log.
            assertEquals(stage.get("generated"), stage.get("embedFailed"), stage.toString());
            List<?> embedFailures = (List<?>) stage.get("embedFailures");
            assertEquals(((Long) stage.get("generated")).intValue(), embedFailures.size(), stage.toString());
            assertTrue(String.valueOf(embedFailures.get(0)).contains("500"), stage.toString());
        }
        assertEquals(11, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL AND n.profileEmbedding IS NULL "
                + "RETURN count(n)"));
        assertEquals(CHAT_REQUESTS_PER_RUN, chat.requests().size(),
                "the chat server gets no embed request: " + chat.log());
        assertFalse(embeddings.requests().isEmpty());
        assertTrue(embeddings.requests().stream().allMatch(request -> request.path().equals("/api/embed")),
                embeddings.log().toString());
        assertNoSecret(rows);
    }

    private FakeModelServer server() {
        FakeModelServer server;
        try {
            server = FakeModelServer.start();
        } catch (IOException e) {
            throw new IllegalStateException("the fake Ollama server did not start", e);
        }
        servers.add(server);
        return server;
    }

    private static Map<String, Object> config(FakeModelServer fake, Object... keysAndValues) {
        Map<String, Object> config = new HashMap<>();
        config.put("provider", "ollama");
        config.put("model", MODEL);
        config.put("baseUrl", fake.baseUrl());
        config.put("domain", "movies");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    private static Map<String, Object> embedConfig(FakeModelServer fake, Object... keysAndValues) {
        Map<String, Object> config = config(fake, "embedder", "ollama", "embeddingModel", EMBEDDING_MODEL,
                "apiKey", API_KEY, "kinds", List.of("ITEM"), "batchSize", 2);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            config.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return config;
    }

    /** Checks the rows, every node property and every Neo4j log file for the API key. */
    private void assertNoSecret(List<Map<String, Object>> rows) throws IOException {
        assertFalse(rows.toString().contains("SECRET"), rows.toString());
        for (Map<String, Object> row : db.rows("MATCH (n) RETURN properties(n) AS properties")) {
            assertFalse(row.toString().contains("SECRET"), row.toString());
        }
        Path logs = db.harness().config().get(GraphDatabaseSettings.logs_directory);
        List<Path> files;
        try (Stream<Path> listing = Files.list(logs)) {
            files = listing.filter(Files::isRegularFile).toList();
        }
        assertTrue(files.stream().anyMatch(file -> file.getFileName().toString().equals("debug.log")),
                files.toString());
        for (Path file : files) {
            assertFalse(Files.readString(file, StandardCharsets.UTF_8).contains("SECRET"), "the API key is in " + file);
        }
    }

    /**
     * Returns the name block of a prompt as it appears in the JSON request body, so that a fault
     * hits only the prompt of that subject.
     */
    private static String nameMarker(String name) {
        return "Name:\\n<data>\\n" + name + "\\n";
    }

    private static List<RecordedRequest> requestsContaining(FakeModelServer fake, String marker) {
        return fake.requests().stream().filter(request -> request.body().contains(marker)).toList();
    }

    private static Map<Long, Map<?, ?>> failuresByNodeId(Map<String, Object> row) {
        Map<Long, Map<?, ?>> failures = new HashMap<>();
        for (Object failure : (List<?>) row.get("failures")) {
            Map<?, ?> map = (Map<?, ?>) failure;
            failures.put((Long) map.get("nodeId"), map);
        }
        return failures;
    }

    /** Returns item titles by node id, in node-id order. */
    private Map<Long, String> titlesByNodeId() {
        Map<Long, String> titles = new LinkedHashMap<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) RETURN id(i) AS id, i.title AS title ORDER BY id")) {
            titles.put((Long) row.get("id"), (String) row.get("title"));
        }
        return titles;
    }

    private long nodeId(String title) {
        List<Map<String, Object>> rows = db.rows("MATCH (i:Item {title: $title}) RETURN id(i) AS id",
                Map.of("title", title));
        return (Long) rows.get(0).get("id");
    }

    private Set<String> titlesWithProfile() {
        Set<String> titles = new TreeSet<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) WHERE i.profile IS NOT NULL RETURN i.title AS title")) {
            titles.add((String) row.get("title"));
        }
        return titles;
    }

    private Set<Long> idsWithoutEmbedding() {
        Set<Long> ids = new TreeSet<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) WHERE i.profileEmbedding IS NULL RETURN id(i) AS id")) {
            ids.add((Long) row.get("id"));
        }
        return ids;
    }
}
