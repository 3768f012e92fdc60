package dev.spike.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code spike.explain} on a small model trained on the bundled demo catalogue. */
class ExplainProcTest {

    private static EmbeddedNeo4j db;
    private static long user;
    private static long item;
    private static double recommendedScore;

    @BeforeAll
    static void trainOnDemo() {
        db = DemoGraph.load();
        DemoGraph.dropModels(db);
        db.rows("CALL spike.split({mode: 'temporal', testFraction: 0.2})");
        db.rows("MATCH (i:Item) SET i.profile = i.title + ' is a film. It has more to say.'");
        DemoGraph.project(db, "explain");
        db.rows("CALL spike.train('explain', {modelName: 'why', profiles: false, epochs: 5, embeddingDim: 16, "
                + "patience: 0, seed: 3})");
        Map<String, Object> top = db.rows("""
                MATCH (u:User {id: 0})
                CALL spike.recommend.stream('', {modelName: 'why', topK: 1, users: [u]})
                YIELD userId, itemId, score RETURN userId, itemId, score
                """).get(0);
        user = (Long) top.get("userId");
        item = (Long) top.get("itemId");
        recommendedScore = (Double) top.get("score");
    }

    private static List<Map<String, Object>> explain(Map<String, Object> configuration) {
        return db.rows("CALL spike.explain($user, $item, $configuration)",
                Map.of("user", user, "item", item, "configuration", configuration));
    }

    @Test
    void pathsAreRankedBestFirst() {
        List<Map<String, Object>> rows = explain(Map.of("modelName", "why"));

        assertEquals(5, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            double score = (Double) row.get("score");
            assertEquals((long) i + 1, row.get("rank"));
            assertTrue(score > 0, "score " + score);
            assertTrue(score < 1, "score " + score);
            if (i > 0) {
                assertTrue((Double) rows.get(i - 1).get("score") >= score);
            }
            assertEquals(recommendedScore, (Double) row.get("modelScore"), 1e-4);
        }
    }

    @Test
    void everyPathExistsInTheGraph() {
        for (Map<String, Object> row : explain(Map.of("modelName", "why", "maxPaths", 20))) {
            List<Long> ids = nodeIds(row);
            @SuppressWarnings("unchecked")
            List<String> types = (List<String>) row.get("relationshipTypes");
            assertEquals(user, ids.get(0));
            assertEquals(item, ids.get(ids.size() - 1));
            assertEquals(ids.size() - 1, types.size());
            assertEquals("RATED", types.get(0));
            long matches = ids.size() == 4
                    ? Scripts.count(db, "MATCH (u)-[r:RATED]->(j)-[a]-(e)-[b]-(i) WHERE id(u) = " + ids.get(0)
                            + " AND id(j) = " + ids.get(1) + " AND id(e) = " + ids.get(2) + " AND id(i) = " + ids.get(3)
                            + " AND coalesce(r.split, 'train') = 'train' AND type(a) = '" + types.get(1)
                            + "' AND type(b) = '" + types.get(2) + "' RETURN count(*)")
                    : Scripts.count(db, "MATCH (u)-[r:RATED]->(j)-[a]-(i) WHERE id(u) = " + ids.get(0)
                            + " AND id(j) = " + ids.get(1) + " AND id(i) = " + ids.get(2)
                            + " AND coalesce(r.split, 'train') = 'train' AND type(a) = '" + types.get(1)
                            + "' RETURN count(*)");
            assertTrue(matches > 0, "path not in the graph: " + row);
        }
    }

    @Test
    void descriptionNamesLikedItemEntityAndTarget() {
        Map<String, Object> row = explain(Map.of("modelName", "why", "maxPaths", 1)).get(0);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> path = (List<Map<String, Object>>) row.get("path");
        Map<String, Object> liked = db.rows("MATCH (n) WHERE id(n) = $id RETURN n.title AS title, n.year AS year",
                Map.of("id", path.get(1).get("nodeId"))).get(0);
        Map<String, Object> target = db.rows("MATCH (n) WHERE id(n) = $id RETURN n.title AS title, n.year AS year",
                Map.of("id", item)).get(0);
        String description = (String) row.get("description");

        // Demo titles end with their year already, so the year is not repeated.
        assertTrue(((String) liked.get("title")).endsWith("(" + liked.get("year") + ")"));
        assertTrue(description.startsWith("You liked " + liked.get("title") + " → "), description);
        assertTrue(description.endsWith(" → " + target.get("title")), description);
        if (path.size() == 4) {
            assertTrue(description.contains(" → " + ((List<?>) path.get(2).get("labels")).stream()
                    .filter(label -> !label.equals("Entity")).findFirst().orElseThrow().toString().toLowerCase()
                    + " " + path.get(2).get("name") + " → "), description);
        }
        assertEquals(target.get("title"), path.get(path.size() - 1).get("name"));
        assertEquals(target.get("title") + " is a film.", path.get(path.size() - 1).get("profileSentence"));
        assertTrue(((List<?>) path.get(0).get("labels")).contains("User"));
    }

    @Test
    void maxPathsLimitsRows() {
        assertEquals(2, explain(Map.of("modelName", "why", "maxPaths", 2)).size());
    }

    @Test
    void nodesAndNodeIdsGiveSameRows() {
        List<Map<String, Object>> byNode = db.rows("""
                MATCH (u), (i) WHERE id(u) = $user AND id(i) = $item
                CALL spike.explain(u, i, {modelName: 'why'}) YIELD rank, score, description
                RETURN rank, score, description
                """, Map.of("user", user, "item", item));
        List<Map<String, Object>> byId = db.rows("""
                CALL spike.explain($user, $item, {modelName: 'why'}) YIELD rank, score, description
                RETURN rank, score, description
                """, Map.of("user", user, "item", item));
        assertEquals(byId, byNode);
    }

    @Test
    void testInteractionsAreNotLikedItems() {
        for (Map<String, Object> row : explain(Map.of("modelName", "why", "maxPaths", 1000))) {
            long liked = nodeIds(row).get(1);
            assertEquals(0, Scripts.count(db, "MATCH (u)-[r:RATED {split: 'test'}]->(j) WHERE id(u) = " + user
                    + " AND id(j) = " + liked + " RETURN count(r)"), "test interaction used: " + row);
        }
    }

    @Test
    void trainValueChoosesLikedItems() {
        // The split wrote 'train' and 'test'; naming 'test' as trainValue makes the test interactions liked items.
        List<Map<String, Object>> rows = explain(Map.of("modelName", "why", "maxPaths", 1000, "trainValue", "test"));

        assertFalse(rows.isEmpty());
        for (Map<String, Object> row : rows) {
            long liked = nodeIds(row).get(1);
            assertEquals(1, Scripts.count(db, "MATCH (u)-[r:RATED {split: 'test'}]->(j) WHERE id(u) = " + user
                    + " AND id(j) = " + liked + " RETURN count(r)"), "liked item outside trainValue: " + row);
        }
        String message = Errors.messageOf(db, "CALL spike.explain($user, $item, {modelName: 'why', trainValue: 'fit'})",
                Map.of("user", user, "item", item));
        assertEquals("spike.explain: no RATED relationship has split = 'fit' named by trainValue. Values found: "
                + "[test, train]. Set trainValue to the value that spike.split wrote for training interactions.", message);
    }

    @Test
    void unknownUserIsNamed() {
        String message = Errors.messageOf(db, "MATCH (g:Genre) WITH g LIMIT 1 "
                + "CALL spike.explain(g, $item, {modelName: 'why'}) YIELD rank RETURN rank", Map.of("item", item));
        assertTrue(message.startsWith("spike.explain: model 'why' has no user with node id "), message);
        assertTrue(message.contains("retrain"), message);
    }

    @Test
    void unknownItemIsNamed() {
        String message = Errors.messageOf(db, "MATCH (g:Genre) WITH g LIMIT 1 "
                + "CALL spike.explain($user, g, {modelName: 'why'}) YIELD rank RETURN rank", Map.of("user", user));
        assertTrue(message.startsWith("spike.explain: model 'why' has no item with node id "), message);
    }

    @Test
    void misspeltProfilePropertyIsNamed() {
        assertEquals("spike.explain: no node has the property 'profil' named by profileProperty. Check the "
                + "spelling, or leave the key out to read 'profile'.", Errors.messageOf(db, "CALL spike.explain("
                + "$user, $item, {modelName: 'why', profileProperty: 'profil'})", Map.of("user", user, "item", item)));
    }

    @Test
    void misspeltSplitPropertyIsNamed() {
        assertEquals("spike.explain: no RATED relationship has the property 'splt' named by splitProperty. Check the "
                + "spelling, or leave the key out to read 'split'.", Errors.messageOf(db, "CALL spike.explain("
                + "$user, $item, {modelName: 'why', splitProperty: 'splt'})", Map.of("user", user, "item", item)));
    }

    @Test
    void missingModelIsNamed() {
        String message = Errors.messageOf(db, "CALL spike.explain($user, $item, {modelName: 'absent'})",
                Map.of("user", user, "item", item));
        assertTrue(message.startsWith("spike.explain: model 'absent' not found. Train one with spike.train"), message);
    }

    @Test
    void invalidArgumentsAreRejected() {
        String noModel = Errors.messageOf(db, "CALL spike.explain($user, $item, {})", Map.of("user", user, "item", item));
        String badUser = Errors.messageOf(db, "CALL spike.explain('heat', $item, {modelName: 'why'})", Map.of("item", item));
        String badKey = Errors.messageOf(db, "CALL spike.explain($user, $item, {modelName: 'why', maxPath: 3})",
                Map.of("user", user, "item", item));

        assertEquals("spike.explain: missing required configuration key `modelName`.", noModel);
        assertTrue(badUser.startsWith("spike.explain: argument `user` must be a node or a node id"), badUser);
        assertTrue(badKey.startsWith("spike.explain: unknown configuration key [`maxPath`]."), badKey);
        assertEquals("spike.explain: argument `user` must be a node or a node id, got Double 3.0. Send it as an "
                + "integer: neo4j.int(3) with the JavaScript driver, or toInteger(...) in Cypher.",
                Errors.messageOf(db, "CALL spike.explain(3.0, $item, {modelName: 'why'})", Map.of("item", item)));
        assertFalse(explain(Map.of("modelName", "why")).isEmpty());
    }

    @SuppressWarnings("unchecked")
    private static List<Long> nodeIds(Map<String, Object> row) {
        return ((List<Map<String, Object>>) row.get("path")).stream().map(step -> (Long) step.get("nodeId")).toList();
    }
}
