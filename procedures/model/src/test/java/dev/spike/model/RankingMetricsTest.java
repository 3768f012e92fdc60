package dev.spike.model;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RankingMetricsTest {
    @BeforeAll
    static void loadBackend() {
        Nd4jRuntime.ensureLoaded(1);
    }

    @Test
    void handComputedRecallAndNdcg() {
        int[][] rankings = {{5, 1, 7}, {}, {2}};
        int[][] test = {{1, 7, 9}, {4}, {}};
        RankingMetrics.Result result = RankingMetrics.fromRankings(rankings, test, 2, 10);

        // User 0: hit at rank 2 (K=2), hits at ranks 2 and 3 (K=10); user 1 has an empty list; user 2 has no test.
        double log3 = 1 / (Math.log(3) / Math.log(2));
        assertEquals(2, result.usersEvaluated());
        assertEquals(1, result.usersWithoutTest());
        assertEquals((1.0 / 3 + 0) / 2, result.recall(2), 1e-12);
        assertEquals((2.0 / 3 + 0) / 2, result.recall(10), 1e-12);
        assertEquals((log3 / (1 + log3) + 0) / 2, result.ndcg(2), 1e-12);
        assertEquals(((log3 + 0.5) / (1 + log3 + 0.5) + 0) / 2, result.ndcg(10), 1e-12);
    }

    @Test
    void everyCandidateFitsInTopK() {
        TrainingGraph train = TrainingGraph.builder(3, 4, 4, 0)
                .interactions(new int[] {0, 1, 1, 2, 2, 2}, new int[] {0, 0, 1, 0, 1, 2})
                .build();
        TrainingGraph test = TrainingGraph.builder(3, 4, 4, 0)
                .interactions(new int[] {0, 2}, new int[] {1, 3})
                .build();
        float[] users = {1, 0, 0, 1, 1, 1};
        float[] items = {0.5f, 0.1f, 0.9f, 0.2f, 0.3f, 0.3f, 0.1f, 0.8f};
        TopKScorer scorer = new TopKScorer(users, 3, items, 4, 2);

        RankingMetrics.Result all = RankingMetrics.evaluate(scorer, train.userItems(), test.userItems(),
                new int[] {0, 1, 2}, 20);
        assertEquals(1.0, all.recall(20), 1e-12);
        assertEquals(1, all.usersWithoutTest());
        assertEquals(2, all.usersEvaluated());
        assertFalse(Double.isNaN(all.ndcg(20)));

        RankingMetrics.Result user2 = RankingMetrics.evaluate(scorer, train.userItems(), test.userItems(),
                new int[] {2}, 20);
        assertEquals(1.0, user2.ndcg(20), 1e-12);

        RankingMetrics.Result user0 = RankingMetrics.evaluate(scorer, train.userItems(), test.userItems(),
                new int[] {0}, 20);
        assertTrue(user0.ndcg(20) >= 0.5, "u0 NDCG@20 was " + user0.ndcg(20));
        assertTrue(user0.ndcg(20) <= 1.0, "u0 NDCG@20 was " + user0.ndcg(20));
    }

    @Test
    void noEvaluatedUsersGivesZeroNotNan() {
        RankingMetrics.Result result = RankingMetrics.fromRankings(new int[][] {{1}}, new int[][] {{}});
        assertEquals(0.0, result.recall(20));
        assertEquals(0.0, result.ndcg(40));
        assertEquals(1, result.usersWithoutTest());
    }

    @Test
    void scorerExcludesAndOrdersItems() {
        float[] users = {1, 0};
        float[] items = {0.1f, 0, 0.9f, 0, 0.5f, 0, 0.5f, 0};
        TopKScorer scorer = new TopKScorer(users, 1, items, 4, 2);
        Recommendations top = scorer.score(new int[] {0}, 3, new int[][] {{1}});
        assertEquals(3, top.items()[0].length);
        assertEquals(2, top.items()[0][0]);
        assertEquals(3, top.items()[0][1], "ties are broken by the lower item id");
        assertEquals(0, top.items()[0][2]);
    }
}
