package dev.spike.profile.procedures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.profile.testing.FakeModelServer;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Scripts;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.neo4j.graphdb.Transaction;

/**
 * {@code spike.profile.write} with the offline template writer and MiniLM embeddings on the
 * bundled demo catalogue. The tests run in order: the first run, an unchanged rerun, a changed
 * review, then an embedding cut short by a transaction timeout.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProfileWriteTest {

    /** Every linked item and every interaction reaches the prompts, so dependencies are easy to state. */
    private static final Map<String, Object> CONFIG = Map.of(
            "domain", "movies",
            "itemTextProperties", List.of("title", "description"),
            "maxItemsPerEntity", 1000,
            "maxItemsPerUser", 1000,
            "maxPromptTokens", 1_000_000);

    private static EmbeddedNeo4j db;
    private static Map<String, Map<String, Object>> firstRun;

    @BeforeAll
    static void generate() {
        db = DemoGraph.load();
        Map<String, Object> config = new HashMap<>(CONFIG);
        config.put("embed", true);
        firstRun = byKind(db.rows("CALL spike.profile.write($config)", Map.of("config", config)));
    }

    @Test
    @Order(1)
    void everyNodeGetsProfileAndUnitEmbedding() {
        long nodes = Scripts.count(db, "MATCH (n) WHERE n:User OR n:Item OR n:Entity RETURN count(n)");
        assertTrue(nodes > 1000, "demo graph has " + nodes + " nodes");
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND (n.profile IS NULL OR trim(n.profile) = '') RETURN count(n)"));
        assertEquals(nodes, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND n.profileEmbeddingModel = 'all-minilm-l6-v2' AND n.profileEmbeddingDimension = 384 "
                + "AND size(n.profileEmbedding) = 384 RETURN count(n)"));
        List<Map<String, Object>> norms = db.rows("MATCH (n) WHERE n:User OR n:Item OR n:Entity "
                + "RETURN sqrt(reduce(sum = 0.0, x IN n.profileEmbedding | sum + x * x)) AS norm");
        for (Map<String, Object> row : norms) {
            assertEquals(1.0, (Double) row.get("norm"), 1e-3);
        }
        assertEquals(List.of("ITEM", "ENTITY", "USER"), List.copyOf(firstRun.keySet()));
        for (Map<String, Object> stage : firstRun.values()) {
            assertEquals(0L, stage.get("failed"), stage.toString());
            assertEquals(stage.get("generated"), stage.get("embedded"), stage.toString());
            // Embedding hundreds of profiles takes far longer than a millisecond.
            assertTrue((Long) stage.get("embedMillis") > 0, stage.toString());
        }
        assertEquals(nodes, firstRun.values().stream().mapToLong(stage -> (Long) stage.get("generated")).sum());
    }

    @Test
    @Order(2)
    void profilesReadAsFacts() {
        Map<String, Object> heat = db.rows("MATCH (i:Item)-[:HAS_GENRE]->(g:Genre) "
                + "RETURN i.title AS title, g.name AS genre, i.profile AS profile ORDER BY i.id LIMIT 1").get(0);
        String profile = (String) heat.get("profile");
        assertTrue(profile.contains(heat.get("title") + " has genre " + heat.get("genre") + "."), profile);
        assertEquals("template", db.rows("MATCH (i:Item) RETURN i.profileModel AS model LIMIT 1").get(0).get("model"));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile CONTAINS '(no ' RETURN count(n)"));
    }

    @Test
    @Order(3)
    void stagesRunItemsThenEntitiesThenUsers() {
        Map<String, Object> times = db.rows("""
                MATCH (i:Item) WITH max(i.profileUpdatedAt) AS lastItem
                MATCH (e:Entity) WITH lastItem, min(e.profileUpdatedAt) AS firstEntity, max(e.profileUpdatedAt) AS lastEntity
                MATCH (u:User) RETURN lastItem, firstEntity, lastEntity, min(u.profileUpdatedAt) AS firstUser
                """).get(0);
        assertFalse(((ZonedDateTime) times.get("lastItem")).isAfter((ZonedDateTime) times.get("firstEntity")), times.toString());
        assertFalse(((ZonedDateTime) times.get("lastEntity")).isAfter((ZonedDateTime) times.get("firstUser")), times.toString());
    }

    @Test
    @Order(4)
    void secondRunSkipsEverything() {
        Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.write($config)", Map.of("config", CONFIG)));
        for (String kind : List.of("ITEM", "ENTITY", "USER")) {
            assertEquals(0L, rerun.get(kind).get("generated"), kind);
            assertEquals(firstRun.get(kind).get("generated"), rerun.get(kind).get("skippedUnchanged"), kind);
        }
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND n.profileEmbedding IS NULL RETURN count(n)"));
    }

    @Test
    @Order(5)
    void changedReviewRedoesItemAndDependents() {
        Map<String, Object> changed = db.rows("""
                MATCH (:User)-[r:RATED]->(i:Item) WHERE r.review IS NOT NULL
                WITH i, r ORDER BY r.timestamp DESC
                WITH i, collect(r)[0] AS latest
                RETURN id(i) AS item, elementId(latest) AS review ORDER BY item LIMIT 1
                """).get(0);
        long item = (Long) changed.get("item");
        Map<Long, String> hashesBefore = hashes();
        Map<Long, String> profilesBefore = profiles();
        String profileBefore = profile(item);

        db.rows("MATCH ()-[r]->() WHERE elementId(r) = $review SET r.review = 'A completely different review, newly written.'",
                Map.of("review", changed.get("review")));
        Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.write($config)", Map.of("config", CONFIG)));

        Set<Long> expectedEntities = ids("MATCH (i:Item)--(e:Entity) WHERE id(i) = $item RETURN DISTINCT id(e) AS id", item);
        Set<Long> expectedUsers = ids("MATCH (i:Item)<-[:RATED]-(u:User) WHERE id(i) = $item RETURN DISTINCT id(u) AS id", item);
        assertNotEquals(profileBefore, profile(item));
        assertTrue(profile(item).contains("A completely different review"), profile(item));
        assertEquals(1L, rerun.get("ITEM").get("generated"));
        assertEquals((long) expectedEntities.size(), rerun.get("ENTITY").get("generated"));
        assertEquals((long) expectedUsers.size(), rerun.get("USER").get("generated"));

        Map<Long, String> hashesAfter = hashes();
        Set<Long> redone = new TreeSet<>();
        hashesAfter.forEach((id, hash) -> {
            if (!hash.equals(hashesBefore.get(id))) {
                redone.add(id);
            }
        });
        Set<Long> expected = new TreeSet<>(expectedEntities);
        expected.addAll(expectedUsers);
        expected.add(item);
        assertEquals(expected, redone);
        Set<Long> newText = new TreeSet<>();
        profiles().forEach((id, text) -> {
            if (!text.equals(profilesBefore.get(id))) {
                newText.add(id);
            }
        });
        assertTrue(newText.contains(item));
        assertEquals(newText, ids("MATCH (n) WHERE (n:User OR n:Item OR n:Entity) AND n.profileEmbedding IS NULL "
                + "RETURN id(n) AS id", -1), "only profiles whose text changed lose their embedding");
        assertEquals("1 changed profile lost its embedding; run spike.profile.embed, or pass embed: true, to embed the "
                + "new text.", rerun.get("ITEM").get("message"));
    }

    @Test
    @Order(6)
    void terminatedEmbeddingKeepsFinishedBatches() throws Exception {
        db.rows("MATCH (u:User) REMOVE u.profileEmbedding, u.profileEmbeddingModel, u.profileEmbeddingDimension");
        long users = Scripts.count(db, "MATCH (u:User) RETURN count(u)");

        // A remote embedder that takes 600 ms per request makes the 30 batches of 10 users take
        // several seconds whatever the machine's speed, so a 3 s limit always stops the run midway.
        try (FakeModelServer slow = FakeModelServer.start()) {
            slow.responseDelay(java.time.Duration.ofMillis(600));
            Map<String, Object> remote = Map.of("kinds", List.of("USER"), "batchSize", 10, "embedder", "openai",
                    "embeddingModel", "embed-fake", "baseUrl", slow.openAiBaseUrl(), "apiKey", "sk-test");

            // The same limit as db.transaction.timeout=3s, for this one call.
            long start = System.nanoTime();
            assertThrows(RuntimeException.class, () -> {
                try (Transaction transaction = db.database().beginTx(3, TimeUnit.SECONDS)) {
                    transaction.execute("CALL spike.profile.embed($configuration)", Map.of("configuration", remote))
                            .resultAsString();
                }
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds < 10, "embedding went on for " + seconds + " s under a 3 s timeout");

            long kept = Scripts.count(db, "MATCH (u:User) WHERE u.profileEmbedding IS NOT NULL RETURN count(u)");
            assertTrue(kept > 0, kept + " of " + users + " users embedded before the timeout");
            assertTrue(kept < users, kept + " of " + users + " users embedded before the timeout");
            assertEquals(0, kept % 10, "only whole batches are written");

            Map<String, Object> rest = new HashMap<>(remote);
            rest.put("onlyMissing", true);
            slow.responseDelay(java.time.Duration.ZERO);
            Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.embed($configuration)",
                    Map.of("configuration", rest)));
            assertEquals(users - kept, rerun.get("USER").get("embedded"));
            assertEquals(kept, rerun.get("USER").get("skipped"));
            assertEquals(users, Scripts.count(db, "MATCH (u:User) WHERE u.profileEmbeddingModel = 'embed-fake' RETURN count(u)"));
        }
    }

    @Test
    @Order(7)
    void forcedRewriteKeepsEmbeddingsOfUnchangedText() {
        db.rows("CALL spike.profile.embed($config)", Map.of("config", Map.of("kinds", List.of("ITEM", "ENTITY", "USER"))));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND n.profileEmbedding IS NULL RETURN count(n)"));
        Map<Long, String> before = profiles();

        Map<String, Object> config = new HashMap<>(CONFIG);
        config.put("force", true);
        Map<String, Map<String, Object>> forced = byKind(db.rows("CALL spike.profile.write($config)",
                Map.of("config", config)));

        assertEquals(firstRun.get("ITEM").get("generated"), forced.get("ITEM").get("generated"));
        assertEquals(before, profiles(), "the same inputs give the same texts");
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND n.profileEmbedding IS NULL RETURN count(n)"), "an unchanged text keeps its embedding");
    }

    private static Map<Long, String> hashes() {
        return byNode("profileHash");
    }

    private static Map<Long, String> profiles() {
        return byNode("profile");
    }

    /** Returns one string property of every user, item and entity by node id. */
    private static Map<Long, String> byNode(String property) {
        Map<Long, String> values = new HashMap<>();
        for (Map<String, Object> row : db.rows("MATCH (n) WHERE n:User OR n:Item OR n:Entity RETURN id(n) AS id, "
                + "n[$property] AS value", Map.of("property", property))) {
            values.put((Long) row.get("id"), (String) row.get("value"));
        }
        return values;
    }

    private static String profile(long nodeId) {
        return (String) db.rows("MATCH (n) WHERE id(n) = $id RETURN n.profile AS profile", Map.of("id", nodeId))
                .get(0).get("profile");
    }

    private static Set<Long> ids(String cypher, long item) {
        Set<Long> ids = new TreeSet<>();
        for (Map<String, Object> row : db.rows(cypher, Map.of("item", item))) {
            ids.add((Long) row.get("id"));
        }
        return ids;
    }

    static Map<String, Map<String, Object>> byKind(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> stages = new java.util.LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            stages.put((String) row.get("kind"), row);
        }
        return stages;
    }

    @Test
    @Order(8)
    void callSharingOneLabelWithARunningCallFails() {
        // A running call on other item nodes still writes user profiles, so a second call must wait.
        try (var running = dev.spike.config.ExclusiveWrites.claim(
                List.of(List.of("profile", "neo4j", "User", "profile")), index -> "held by this test")) {
            String message = dev.spike.testing.Errors.messageOf(db, "CALL spike.profile.write($config)",
                    Map.of("config", Map.of("itemLabel", "Book")));

            assertEquals("spike.profile.write: another spike.profile call is writing 'profile' on :User nodes of "
                    + "database 'neo4j'. Wait for it to finish, or terminate it, and call again; a scheduled refresh "
                    + "and a manual run must not overlap.", message);
        }
        assertEquals(0L, byKind(db.rows("CALL spike.profile.write($config)", Map.of("config", CONFIG)))
                .get("USER").get("generated"), "the claim ends with the call that held it");
    }

    @Test
    @Order(9)
    void userWithoutInteractionsGetsNoProfile() {
        db.rows("CREATE (:User {id: 99001}), (:Lonely {id: 1})");
        try {
            Map<String, Map<String, Object>> rows = byKind(db.rows("CALL spike.profile.write($config)",
                    Map.of("config", Map.of("kinds", List.of("USER")))));
            Map<String, Map<String, Object>> none = byKind(db.rows("CALL spike.profile.write($config)",
                    Map.of("config", Map.of("kinds", List.of("USER"), "userLabel", "Lonely"))));

            assertEquals(0, Scripts.count(db, "MATCH (u:User {id: 99001}) WHERE u.profile IS NOT NULL RETURN count(u)"));
            assertEquals("1 :User node without a training :RATED interaction with an :Item node got no profile.",
                    rows.get("USER").get("message"));
            assertEquals(0L, none.get("USER").get("generated"));
            assertEquals("No :Lonely node has a training :RATED interaction with an :Item node, so no user profile was "
                    + "written. Check userLabel, interactionType and itemLabel, and splitProperty and trainValue.",
                    none.get("USER").get("message"));
        } finally {
            db.rows("MATCH (n) WHERE (n:User AND n.id = 99001) OR n:Lonely DETACH DELETE n");
        }
    }

    @Test
    @Order(11)
    void profileOfUserWhoseInteractionsAreGoneIsRemoved() {
        Map<String, Object> config = Map.of("kinds", List.of("USER"), "embed", true);
        db.rows("CREATE (u:User {id: 99002}) WITH u MATCH (i:Item {id: 3}) CREATE (u)-[:RATED {timestamp: 1}]->(i)");
        try {
            db.rows("CALL spike.profile.write($config)", Map.of("config", config));
            assertEquals(1, Scripts.count(db, "MATCH (u:User {id: 99002}) WHERE u.profile IS NOT NULL "
                    + "AND u.profileEmbedding IS NOT NULL RETURN count(u)"));
            db.rows("MATCH (:User {id: 99002})-[r:RATED]->() DELETE r");

            Map<String, Map<String, Object>> rows = byKind(db.rows("CALL spike.profile.write($config)",
                    Map.of("config", config)));

            assertEquals(0, Scripts.count(db, "MATCH (u:User {id: 99002}) WHERE u.profile IS NOT NULL "
                    + "OR u.profileHash IS NOT NULL OR u.profileEmbedding IS NOT NULL RETURN count(u)"));
            assertEquals("1 :User node without a training :RATED interaction with an :Item node got no profile. "
                    + "Removed the profile of 1 of them, written from interactions that are gone.",
                    rows.get("USER").get("message"));
        } finally {
            db.rows("MATCH (u:User {id: 99002}) DETACH DELETE u");
        }
    }

    @Test
    @Order(10)
    void chosenNameMissingBesideAnEarlierRunIsNamed() {
        // Items carry their own 'description'; entities carry the earlier run's 'profileHash' without it.
        List<Map<String, Object>> before = db.rows("MATCH (i:Item) RETURN id(i) AS id, i.description AS text ORDER BY id");
        String message = dev.spike.testing.Errors.messageOf(db, "CALL spike.profile.write($config)",
                Map.of("config", Map.of("kinds", List.of("ITEM"), "profileProperty", "description")));

        assertTrue(message.contains("has 'profileHash' from an earlier profile run but no 'description' (configuration "
                + "key `profileProperty`), so that run wrote under other names, or 'description' holds other data."),
                message);
        assertEquals(before, db.rows("MATCH (i:Item) RETURN id(i) AS id, i.description AS text ORDER BY id"),
                "no description was replaced by a profile");
    }

    @Test
    @Order(12)
    void rejectedEmbeddingKeyStopsTheStage() throws Exception {
        long users = Scripts.count(db, "MATCH (u:User) WHERE u.profile IS NOT NULL RETURN count(u)");
        try (FakeModelServer rejecting = FakeModelServer.start()) {
            rejecting.always(dev.spike.profile.testing.Fault.status(401, "{\"error\":{\"message\":\"Incorrect API key\"}}"));
            Map<String, Object> config = Map.of("kinds", List.of("USER"), "batchSize", 10, "embedder", "openai",
                    "embeddingModel", "embed-fake", "baseUrl", rejecting.openAiBaseUrl(), "apiKey", "sk-rejected-SECRET",
                    "force", true, "embeddingProperty", "rejectedEmbedding",
                    "embeddingModelProperty", "rejectedEmbeddingModel",
                    "embeddingDimensionProperty", "rejectedEmbeddingDimension");

            Map<String, Object> row = byKind(db.rows("CALL spike.profile.embed($config)",
                    Map.of("config", config))).get("USER");

            assertEquals(1, rejecting.requests().size(), "later batches send no request");
            assertEquals(users, row.get("failed"));
            List<?> failures = (List<?>) row.get("failures");
            String first = (String) ((Map<?, ?>) failures.get(0)).get("reason");
            String last = (String) ((Map<?, ?>) failures.get(failures.size() - 1)).get("reason");
            assertTrue(first.contains("HTTP 401"), first);
            assertTrue(first.contains("Check that `apiKey`"), first);
            assertTrue(last.startsWith("skipped without a request, because the endpoint rejected the API key"), last);
            assertFalse(failures.toString().contains("SECRET"), failures.toString());
            assertEquals(0, Scripts.count(db, "MATCH (u) WHERE u.rejectedEmbedding IS NOT NULL RETURN count(u)"));
        }
    }

    @Test
    @Order(13)
    void newProfilePropertyKeepsOldEmbeddings() {
        long embedded = Scripts.count(db, "MATCH (i:Item) WHERE i.profileEmbedding IS NOT NULL RETURN count(i)");
        Map<String, Object> config = Map.of("kinds", List.of("ITEM"), "profileProperty", "altProfile",
                "profileHashProperty", "altProfileHash", "profileModelProperty", "altProfileModel",
                "profileUpdatedAtProperty", "altProfileAt");

        String message = dev.spike.testing.Errors.messageOf(db, "CALL spike.profile.write($config)",
                Map.of("config", config));

        assertTrue(embedded > 0, "the earlier tests left item embeddings");
        assertTrue(message.startsWith("spike.profile.write: " + String.format("%,d", embedded) + " :Item nodes, such as "
                + "node "), message);
        assertTrue(message.contains("have 'profileEmbedding' (configuration key `embeddingProperty`) but no "
                + "'altProfile' (`profileProperty`)"), message);
        assertEquals(embedded, Scripts.count(db, "MATCH (i:Item) WHERE i.profileEmbedding IS NOT NULL RETURN count(i)"));
        assertEquals(0, Scripts.count(db, "MATCH (i:Item) WHERE i.altProfile IS NOT NULL RETURN count(i)"));
    }
}
