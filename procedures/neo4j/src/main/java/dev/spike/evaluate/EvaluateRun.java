package dev.spike.evaluate;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelEntry;
import dev.spike.catalog.TrainedGraphCheck;
import dev.spike.catalog.TrainingPairs;
import dev.spike.config.ConfigMap;
import dev.spike.model.RankingMetrics;
import dev.spike.recommend.GraphInteractions;
import dev.spike.recommend.Recommender;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.TerminationGuard;

/**
 * Runs {@code spike.evaluate}: full-ranking Recall@K and NDCG@K on the test interactions.
 *
 * <p>Every item of the model is ranked for every user that has test interactions, leaving out
 * the user's other interactions (those whose split value is not the test value). A test item the
 * model has never seen counts as a miss. Users with no test interaction are left out of the
 * averages and counted as {@code usersWithoutTest}; test users the model has never seen are
 * counted as {@code coldUsersSkipped}. The ideal DCG uses min(K, number of test items).
 */
public final class EvaluateRun {

    public static final String PROCEDURE = "spike.evaluate";

    /** One row per K. */
    public record Row(String modelName, String scorer, long k, double recall, double ndcg, long usersEvaluated,
            long usersWithoutTest, long coldUsersSkipped) {}

    record Settings(String modelName, List<Integer> ks, String splitProperty, String testValue, String scorer, int batchSize) {}

    private final Transaction transaction;
    private final TerminationGuard terminationGuard;

    public EvaluateRun(Transaction transaction, TerminationGuard terminationGuard) {
        this.transaction = transaction;
        this.terminationGuard = terminationGuard;
    }

    static Settings parse(Map<String, Object> configuration) {
        ConfigMap map = ConfigMap.of(PROCEDURE, configuration);
        String modelName = ModelCatalog.checkName(PROCEDURE, map.requiredString("modelName"));
        List<Integer> ks = new ArrayList<>();
        Object k = map.raw("k");
        if (k != null && map.has("ks")) {
            throw new IllegalArgumentException(PROCEDURE
                    + ": set either `k` (one K) or `ks` (a list of Ks), not both.");
        }
        List<Long> listed = k == null ? map.integerList("ks", List.of(10L, 20L, 40L))
                : List.of((long) map.integer("k", 20, 1, 100_000));
        for (Long value : listed) {
            if (value < 1 || value > 100_000) {
                throw new IllegalArgumentException(PROCEDURE + ": every K must be between 1 and 100000, got " + value + ".");
            }
            ks.add(value.intValue());
        }
        if (ks.isEmpty()) {
            throw new IllegalArgumentException(PROCEDURE + ": configuration key `ks` must list at least one K.");
        }
        String scorer = map.string("scorer", "model");
        if (!scorer.equals("model") && !scorer.equals("popularity")) {
            throw new IllegalArgumentException(PROCEDURE + ": configuration key `scorer` is '" + scorer
                    + "'; use 'model' or 'popularity'.");
        }
        Settings settings = new Settings(modelName, List.copyOf(ks), map.identifier("splitProperty", "split"),
                map.string("testValue", "test"), scorer, map.integer("batchSize", 1000, 1, 1_000_000));
        map.rejectUnknownKeys();
        return settings;
    }

    public List<Row> run(Map<String, Object> configuration, ModelCatalog catalog) {
        Settings settings = parse(configuration);
        ModelEntry entry = catalog.require(PROCEDURE, settings.modelName());
        TrainedGraphCheck.requireTrainedInteractions(PROCEDURE, entry, transaction);
        TrainedGraphCheck.requireInteractionType(PROCEDURE, entry, transaction, "and spike.evaluate reads the test "
                + "interactions from the database. Train on a projection of stored interactions to evaluate with it.");
        GraphInteractions interactions = GraphInteractions.read(transaction, entry.spec().userLabel(),
                entry.databaseInteractionType(), entry.spec().itemLabel(), settings.splitProperty());
        Recommender recommender = Recommender.create(entry, transaction, List.of(), List.of());

        List<Long> users = new ArrayList<>();
        List<int[]> tests = new ArrayList<>();
        Map<Long, Set<Long>> exclude = new HashMap<>();
        long withoutTest = 0;
        long cold = 0;
        long testInteractions = 0;
        long trained = 0;
        String trainedExample = null;
        Set<String> splitValues = new java.util.TreeSet<>();
        Set<Long> seen = new HashSet<>();
        for (Long user : interactions.users()) {
            seen.add(user);
            List<Long> test = new ArrayList<>();
            Set<Long> other = new HashSet<>();
            for (GraphInteractions.Interaction interaction : interactions.of(user)) {
                if (interaction.split() != null && splitValues.size() < 5) {
                    splitValues.add(interaction.split());
                }
                if (settings.testValue().equals(interaction.split())) {
                    test.add(interaction.itemNodeId());
                    testInteractions++;
                } else {
                    other.add(interaction.itemNodeId());
                }
            }
            for (Long item : test) {
                // A pair that also has a training interaction, such as a repeated purchase, was rightly
                // trained on. Only a pair with no other interaction means that the split changed.
                if (!other.contains(item) && TrainingPairs.contains(entry.trainingPairSample(), user, item)) {
                    if (trained++ == 0) {
                        trainedExample = "user node " + user + " to item node " + item;
                    }
                }
            }
            if (test.isEmpty()) {
                if (recommender.knowsUser(user)) {
                    withoutTest++;
                }
                continue;
            }
            if (!recommender.knowsUser(user)) {
                cold++;
                continue;
            }
            users.add(user);
            tests.add(denseItems(recommender, test));
            exclude.put(user, other);
        }
        for (long user : entry.userNodeIds()) {
            if (!seen.contains(user)) {
                withoutTest++;
            }
        }
        if (testInteractions == 0) {
            // Zeros for every K would read as a useless model, when there is nothing to measure.
            throw new IllegalArgumentException(PROCEDURE + ": no " + entry.databaseInteractionType() + " relationship has "
                    + settings.splitProperty() + " = '" + settings.testValue() + "', so there is nothing to evaluate. "
                    + (splitValues.isEmpty() ? "No interaction has " + settings.splitProperty() + " at all; run "
                            + "spike.split first, or name the property that holds the split in splitProperty."
                            : "Values found: " + splitValues + ". Set testValue (and splitProperty) to the ones "
                                    + "that mark test interactions."));
        }

        if (trained > 0 && settings.scorer().equals("model")) {
            // The model has seen these pairs, so ranking them high measures memory, not prediction.
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: at least %,d of the %,d test "
                    + "interactions (such as %s) are pairs that model '%s' was trained on, so the figures would count "
                    + "items the model has already seen. The split changed after training, or the projection held test "
                    + "interactions. Project the training interactions of the current split and train again (write "
                    + "the profiles again first, since they describe training interactions), or evaluate with the "
                    + "split the model was trained on.", PROCEDURE, trained, testInteractions,
                    trainedExample, settings.modelName()));
        }
        int maxK = settings.ks().stream().mapToInt(Integer::intValue).max().orElse(20);
        int[][] rankings = settings.scorer().equals("popularity")
                ? popularityRankings(recommender, interactions, settings, users, exclude, maxK)
                : modelRankings(recommender, users, exclude, maxK, settings.batchSize());
        int[] cutoffs = settings.ks().stream().mapToInt(Integer::intValue).toArray();
        RankingMetrics.Result result = RankingMetrics.fromRankings(rankings, tests.toArray(new int[0][]), cutoffs);

        List<Row> rows = new ArrayList<>();
        for (int k : result.ks()) {
            rows.add(new Row(settings.modelName(), settings.scorer(), k, result.recall(k), result.ndcg(k),
                    result.usersEvaluated(), withoutTest, cold));
        }
        return rows;
    }

    private int[][] modelRankings(Recommender recommender, List<Long> users, Map<Long, Set<Long>> exclude, int maxK,
            int batchSize) {
        int[][] rankings = new int[users.size()][];
        for (int from = 0; from < users.size(); from += batchSize) {
            terminationGuard.check();
            int to = Math.min(users.size(), from + batchSize);
            long[] block = users.subList(from, to).stream().mapToLong(Long::longValue).toArray();
            int[][] ranked = recommender.rank(block, maxK, exclude);
            System.arraycopy(ranked, 0, rankings, from, ranked.length);
        }
        return rankings;
    }

    /** Ranks the model's items by their number of non-test interactions, the usual popularity baseline. */
    private static int[][] popularityRankings(Recommender recommender, GraphInteractions interactions, Settings settings,
            List<Long> users, Map<Long, Set<Long>> exclude, int maxK) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int item = 0; item < recommender.itemCount(); item++) {
            counts.put(item, 0);
        }
        for (Long user : interactions.users()) {
            for (GraphInteractions.Interaction interaction : interactions.of(user)) {
                int position = recommender.itemPosition(interaction.itemNodeId());
                if (position >= 0 && !settings.testValue().equals(interaction.split())) {
                    counts.merge(position, 1, Integer::sum);
                }
            }
        }
        Integer[] order = counts.keySet().toArray(new Integer[0]);
        Arrays.sort(order, (a, b) -> counts.get(b).equals(counts.get(a)) ? Integer.compare(a, b) : counts.get(b) - counts.get(a));
        int[][] rankings = new int[users.size()][];
        for (int u = 0; u < users.size(); u++) {
            Set<Integer> skip = new HashSet<>();
            for (Long item : exclude.getOrDefault(users.get(u), Set.of())) {
                skip.add(recommender.itemPosition(item));
            }
            List<Integer> ranking = new ArrayList<>(maxK);
            for (int i = 0; i < order.length && ranking.size() < maxK; i++) {
                if (!skip.contains(order[i])) {
                    ranking.add(order[i]);
                }
            }
            rankings[u] = ranking.stream().mapToInt(Integer::intValue).toArray();
        }
        return rankings;
    }

    /** Dense item positions; items the model has never seen get distinct negative ids that never match. */
    private static int[] denseItems(Recommender recommender, List<Long> items) {
        int[] dense = new int[items.size()];
        for (int i = 0; i < dense.length; i++) {
            int position = recommender.itemPosition(items.get(i));
            dense[i] = position >= 0 ? position : -1 - i;
        }
        return dense;
    }
}
