package dev.spike.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Metric edge cases: a user without test items, K larger than the candidates, hand-computed values. */
class EvaluateEdgeCasesTest {

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void tinyGraph() {
        db = SharedDbms.reset();
        db.rows("""
                CREATE (u0:User{id:0}),(u1:User{id:1}),(u2:User{id:2}),
                       (i0:Item{id:0}),(i1:Item{id:1}),(i2:Item{id:2}),(i3:Item{id:3}),
                       (u0)-[:RATED{split:'train'}]->(i0),
                       (u1)-[:RATED{split:'train'}]->(i0),(u1)-[:RATED{split:'train'}]->(i1),
                       (u2)-[:RATED{split:'train'}]->(i0),(u2)-[:RATED{split:'train'}]->(i1),(u2)-[:RATED{split:'train'}]->(i2),
                       (u0)-[:RATED{split:'test'}]->(i1),
                       (u2)-[:RATED{split:'test'}]->(i3)
                """);
        Scripts.run(db, "projection.cypher", Map.of("graphName", "tiny"));
        DemoGraph.dropModels(db);
        db.rows("CALL spike.train('tiny', {modelName: 'tiny', profiles: false, epochs: 2, patience: 0})");
    }

    @Test
    void everyCandidateFitsInTopTwenty() {
        List<Map<String, Object>> rows = db.rows("CALL spike.evaluate('tiny', {modelName: 'tiny', k: 20})");

        assertEquals(1, rows.size());
        Map<String, Object> row = rows.get(0);
        assertEquals(20L, row.get("k"));
        assertEquals(1.0, (Double) row.get("recall"), 1e-12);
        assertEquals(2L, row.get("usersEvaluated"));
        assertEquals(1L, row.get("usersWithoutTest"));
        assertEquals(0L, row.get("coldUsersSkipped"));
        // u2 has one candidate, so NDCG 1; u0's test item is one of 3 candidates, so NDCG in [0.5, 1].
        double ndcg = (Double) row.get("ndcg");
        assertTrue(ndcg >= 0.75, "mean NDCG " + ndcg);
        assertTrue(ndcg <= 1.0, "mean NDCG " + ndcg);
    }

    @Test
    void popularityMatchesTheHandComputedValues() {
        // Training counts: i0 3, i1 2, i2 1, i3 0. u0 (train i0) ranks i1, i2, i3: its test item i1 is first.
        // u2 (train i0, i1, i2) ranks only i3, its test item. So Recall@1 = NDCG@1 = 1 for both.
        List<Map<String, Object>> rows = db.rows("CALL spike.evaluate('tiny', {modelName: 'tiny', scorer: 'popularity', ks: [1, 2]})");

        assertEquals(List.of(1L, 2L), rows.stream().map(row -> row.get("k")).toList());
        for (Map<String, Object> row : rows) {
            assertEquals(1.0, (Double) row.get("recall"), 1e-12);
            assertEquals(1.0, (Double) row.get("ndcg"), 1e-12);
        }
    }

    @Test
    void testUserUnknownToTheModelIsCountedAsCold() {
        db.rows("MATCH (i:Item {id: 0}) CREATE (:User {id: 99})-[:RATED {split: 'test'}]->(i)");
        try {
            Map<String, Object> row = db.rows("CALL spike.evaluate('tiny', {modelName: 'tiny', k: 20})").get(0);
            assertEquals(1L, row.get("coldUsersSkipped"));
            assertEquals(2L, row.get("usersEvaluated"));
        } finally {
            db.rows("MATCH (u:User {id: 99}) DETACH DELETE u");
        }
    }

    @Test
    void invalidKIsRejected() {
        assertEquals("spike.evaluate: every K must be between 1 and 100000, got 0.",
                Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', ks: [0, 10]})", Map.of()));
        assertEquals("spike.evaluate: configuration key `k` must be an integer, got the float 2.5.",
                Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', k: 2.5})", Map.of()));
        assertEquals("spike.evaluate: configuration key `k` must be an integer, got the string 'ten'.",
                Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', k: 'ten'})", Map.of()));
    }

    @Test
    void unknownScorerIsRejected() {
        assertEquals("spike.evaluate: configuration key `scorer` is 'random'; use 'model' or 'popularity'.",
                Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', scorer: 'random'})", Map.of()));
    }

    @Test
    void missingModelIsNamed() {
        assertEquals("spike.evaluate: model 'none' not found. Train one with spike.train or list the models with "
                + "CALL spike.model.list().", Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'none'})", Map.of()));
    }

    @Test
    void testValueNoInteractionHasIsNamed() {
        assertEquals("spike.evaluate: no RATED relationship has split = 'Test', so there is nothing to evaluate. "
                + "Values found: [test, train]. Set testValue (and splitProperty) to the ones that mark test "
                + "interactions.", Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', "
                + "testValue: 'Test'})", Map.of()));
        assertTrue(Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', splitProperty: 'fold'})",
                Map.of()).endsWith("No interaction has fold at all; run spike.split first, or name the property that "
                + "holds the split in splitProperty."));
    }

    @Test
    void trainedPairsMarkedTestAreRejected() {
        // A second split that marks u1's training item i0 as test, as a new spike.split run would.
        db.rows("MATCH (u:User)-[r:RATED]->(i:Item) "
                + "SET r.resplit = CASE WHEN u.id = 1 AND i.id = 0 THEN 'test' ELSE 'train' END");

        String message = Errors.messageOf(db, "CALL spike.evaluate('tiny', {modelName: 'tiny', splitProperty: 'resplit'})",
                Map.of());

        assertTrue(message.startsWith("spike.evaluate: at least 1 of the 1 test interactions (such as user node "),
                message);
        assertTrue(message.contains("are pairs that model 'tiny' was trained on, so the figures would count items the "
                + "model has already seen."), message);
        assertEquals(1, db.rows("CALL spike.evaluate('tiny', {modelName: 'tiny', splitProperty: 'resplit', "
                + "scorer: 'popularity', k: 1})").size(), "popularity ranks by counts, not by what the model saw");
    }

    @Test
    void repeatedPairInBothSplitsIsAccepted() {
        // u1 rated i0 twice: the earlier interaction was trained on, the later one is a test interaction.
        db.rows("MATCH (u:User)-[r:RATED]->(i:Item) "
                + "SET r.repeatSplit = CASE WHEN u.id = 1 AND i.id = 0 THEN 'test' ELSE 'train' END");
        db.rows("MATCH (u:User {id: 1}), (i:Item {id: 0}) CREATE (u)-[:RATED {repeatSplit: 'train', repeat: true}]->(i)");
        try {
            List<Map<String, Object>> rows = db.rows("CALL spike.evaluate('tiny', {modelName: 'tiny', "
                    + "splitProperty: 'repeatSplit', k: 20})");

            assertEquals(1, rows.size());
            assertEquals(1L, rows.get(0).get("usersEvaluated"));
        } finally {
            db.rows("MATCH ()-[r:RATED {repeat: true}]->() DELETE r");
        }
    }

    @Test
    void unknownProjectionIsNamed() {
        assertTrue(Errors.messageOf(db, "CALL spike.evaluate('tinny', {modelName: 'tiny'})", Map.of())
                .startsWith("spike.evaluate: GDS graph projection 'tinny' not found in database "));
        assertEquals(3, db.rows("CALL spike.evaluate('', {modelName: 'tiny'})").size(), "no projection is needed");
    }
}
