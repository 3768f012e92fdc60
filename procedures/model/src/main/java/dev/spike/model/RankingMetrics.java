package dev.spike.model;

import java.util.Arrays;

/**
 * Full-ranking Recall@K and NDCG@K with each user's training items excluded from the ranking.
 *
 * <p>Users without test items are left out of the averages and counted in
 * {@link Result#usersWithoutTest()}. A user with test items but an empty recommendation list
 * scores 0. The ideal DCG of a user places {@code min(K, |test|)} hits at the top, so a K larger
 * than the candidate set is handled like any other K.
 */
public final class RankingMetrics {
    /** The cut-offs reported when none are given. */
    public static final int[] DEFAULT_KS = {10, 20, 40};

    private RankingMetrics() {
    }

    /**
     * Averages over the evaluated users, per cut-off.
     *
     * @param ks the cut-offs, ascending
     * @param usersEvaluated users with at least one test item
     */
    public record Result(int[] ks, double[] recall, double[] ndcg, int usersEvaluated, int usersWithoutTest) {
        public double recall(int k) {
            return recall[indexOf(k)];
        }

        public double ndcg(int k) {
            return ndcg[indexOf(k)];
        }

        private int indexOf(int k) {
            for (int i = 0; i < ks.length; i++) {
                if (ks[i] == k) {
                    return i;
                }
            }
            throw new IllegalArgumentException("K " + k + " was not evaluated; evaluated: " + Arrays.toString(ks));
        }
    }

    /**
     * Ranks all items for {@code users} and scores the rankings against their test items.
     *
     * @param train training items per user (excluded from the ranking)
     * @param test test items per user
     * @param users the users to consider
     */
    public static Result evaluate(TopKScorer scorer, TrainingGraph.Csr train, TrainingGraph.Csr test, int[] users,
                                  int... ks) {
        int[] cutoffs = sortedCutoffs(ks);
        int maxK = cutoffs[cutoffs.length - 1];
        int[] withTest = Arrays.stream(users).filter(u -> test.degree(u) > 0).toArray();
        int[][] exclude = new int[withTest.length][];
        int[][] testItems = new int[withTest.length][];
        for (int i = 0; i < withTest.length; i++) {
            exclude[i] = row(train, withTest[i]);
            testItems[i] = row(test, withTest[i]);
        }
        Recommendations recommendations = withTest.length == 0 ? null : scorer.score(withTest, maxK, exclude);
        Result scored = fromRankings(recommendations == null ? new int[0][] : recommendations.items(), testItems,
                cutoffs);
        return new Result(scored.ks(), scored.recall(), scored.ndcg(), scored.usersEvaluated(),
                users.length - withTest.length);
    }

    /**
     * Scores given rankings.
     *
     * @param rankings recommended items per user, best first; may be empty
     * @param testItems test items per user, aligned with {@code rankings}; may be empty
     */
    public static Result fromRankings(int[][] rankings, int[][] testItems, int... ks) {
        if (rankings.length != testItems.length) {
            throw new IllegalArgumentException("Invalid input: " + rankings.length + " rankings for "
                    + testItems.length + " test lists");
        }
        int[] cutoffs = sortedCutoffs(ks);
        double[] recall = new double[cutoffs.length];
        double[] ndcg = new double[cutoffs.length];
        int evaluated = 0;
        int withoutTest = 0;
        for (int u = 0; u < rankings.length; u++) {
            int[] test = testItems[u] == null ? new int[0] : Arrays.stream(testItems[u]).distinct().sorted().toArray();
            if (test.length == 0) {
                withoutTest++;
                continue;
            }
            evaluated++;
            int[] ranking = rankings[u] == null ? new int[0] : rankings[u];
            for (int c = 0; c < cutoffs.length; c++) {
                int k = cutoffs[c];
                int hits = 0;
                double dcg = 0;
                for (int rank = 0; rank < Math.min(k, ranking.length); rank++) {
                    if (Arrays.binarySearch(test, ranking[rank]) >= 0) {
                        hits++;
                        dcg += 1.0 / log2(rank + 2);
                    }
                }
                double idealDcg = 0;
                for (int rank = 0; rank < Math.min(k, test.length); rank++) {
                    idealDcg += 1.0 / log2(rank + 2);
                }
                recall[c] += (double) hits / test.length;
                ndcg[c] += dcg / idealDcg;
            }
        }
        for (int c = 0; c < cutoffs.length; c++) {
            recall[c] = evaluated == 0 ? 0 : recall[c] / evaluated;
            ndcg[c] = evaluated == 0 ? 0 : ndcg[c] / evaluated;
        }
        return new Result(cutoffs, recall, ndcg, evaluated, withoutTest);
    }

    private static int[] sortedCutoffs(int[] ks) {
        int[] cutoffs = ks == null || ks.length == 0
                ? DEFAULT_KS.clone()
                : Arrays.stream(ks).distinct().sorted().toArray();
        if (cutoffs[0] < 1) {
            throw new IllegalArgumentException("Invalid K: " + cutoffs[0] + "; every K must be at least 1");
        }
        return cutoffs;
    }

    private static int[] row(TrainingGraph.Csr csr, int r) {
        return Arrays.copyOfRange(csr.targets, csr.offsets[r], csr.offsets[r + 1]);
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }
}
