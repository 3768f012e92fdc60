package dev.spike.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Scripts;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the demo catalogue, whose descriptions and reviews carry more of the planted tastes than
 * its noisy knowledge graph, SPiKE with profiles must rank far above popularity and clearly
 * above the same model without profiles.
 */
class ProfilesImproveRankingTest {

    private static EmbeddedNeo4j db;

    /**
     * Starts a DBMS of its own. Node ids set the order of nodes in the projection, and with it the
     * initial embedding each node draws. In the shared DBMS they depend on the tests run before.
     */
    @BeforeAll
    static void trainBoth(@TempDir Path importDirectory) {
        db = DemoGraph.load(EmbeddedNeo4j.builder().importDirectory(importDirectory).start(), importDirectory);
        DemoGraph.dropModels(db);
        // Split first: profiles read training interactions only.
        db.rows("CALL spike.split({mode: 'temporal', testFraction: 0.2})");
        Scripts.run(db, "profiles.cypher", Map.of());
        DemoGraph.project(db, "profiles-demo");
        db.rows("CALL spike.train('profiles-demo', {modelName: 'with', epochs: 30, patience: 5, seed: 3})");
        db.rows("CALL spike.train('profiles-demo', {modelName: 'without', profiles: false, epochs: 30, patience: 5, seed: 3})");
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static double recallAt20(String model, String scorer) {
        return (Double) db.rows("CALL spike.evaluate('profiles-demo', {modelName: $model, scorer: $scorer, k: 20})",
                Map.of("model", model, "scorer", scorer)).get(0).get("recall");
    }

    @Test
    void profilesBeatNoProfilesAndPopularity() {
        double with = recallAt20("with", "model");
        double without = recallAt20("without", "model");
        double popularity = recallAt20("with", "popularity");

        assertTrue(with > 2 * popularity, "Recall@20 with profiles " + with + " vs popularity " + popularity);
        assertTrue(with > without + 0.03, "Recall@20 with profiles " + with + " vs without " + without);
    }
}
