package dev.spike.model.bench;

import dev.spike.model.ColdStart;
import dev.spike.model.Nd4jRuntime;
import dev.spike.model.RankingMetrics;
import dev.spike.model.Recommendations;
import dev.spike.model.SpikeConfig;
import dev.spike.model.SpikeTrainer;
import dev.spike.model.TopKScorer;
import dev.spike.model.TrainedModel;
import dev.spike.model.TrainingGraph;
import dev.spike.model.TrainingMonitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Measures how items without training interactions fare on ml-kg: how many test interactions
 * they receive, whether a trained model ranks any of them in a user's top 20, and whether
 * {@link ColdStart}, which places items that arrive after training, brings them into it.
 *
 * <p>For each seed the model is trained on the training split and every item that no training
 * interaction reaches (a "cold" item) is scored four ways: as trained (an embedding learned only
 * as a negative sample), and with the embedding that {@link ColdStart#item} gives from its KG
 * entities and profile, from its entities alone, and from its profile alone. Each line prints
 * Recall@20 and NDCG@20 over all test interactions, how many cold items entered the users' top
 * 20 and how many of those were hits. The as-trained line also prints Recall@20 over the test
 * interactions with warm items only, the ceiling the cold items keep out of reach.
 *
 * <p>System properties: {@code spike.shared.dir}, {@code bench.seeds} (comma-separated seeds,
 * default {@code 2024}), {@code bench.epochs} (default 60), {@code bench.profiles} (default true:
 * the TF-IDF vectors; false trains the KG GNN alone and skips the profile lines),
 * {@code bench.holdout} (default 0; a fraction such as 0.125 measures on the latest share of
 * each user's training interactions instead of the test split), {@code bench.layers} (the
 * model's default when unset) and {@code bench.concurrency} (default 1).
 */
public final class ColdItemStudy {
    private static final int K = 20;

    private ColdItemStudy() {
    }

    public static void main(String[] args) throws Exception {
        Path data = KgatDataset.sharedMovieLens();
        if (data == null) {
            return;
        }
        long[] seeds = SeedStudy.seeds();
        boolean profiles = Boolean.parseBoolean(System.getProperty("bench.profiles", "true"));
        double holdout = Double.parseDouble(System.getProperty("bench.holdout", "0"));
        SpikeConfig defaults = SpikeConfig.defaults();
        SpikeConfig base = defaults.toBuilder()
                .epochs(Integer.getInteger("bench.epochs", 60))
                .learningRate(1e-3)
                .layers(Integer.getInteger("bench.layers", defaults.layers()))
                .concurrency(Integer.getInteger("bench.concurrency", 1))
                .profiles(profiles)
                .alignment(profiles)
                .patience(0)
                .build();

        System.out.println("ND4J backend: " + Nd4jRuntime.ensureLoaded(1));
        KgatDataset dataset = KgatDataset.read(data);
        String measured = "test";
        if (holdout > 0) {
            dataset = dataset.withHoldout(holdout);
            measured = "held-out";
        }
        NpyReader.Matrix text = profiles ? NpyReader.read(data.resolve("text_emb_tfidf.npy")) : null;
        TrainingGraph graph = dataset.toGraph(text, false);
        boolean[] warm = warmItems(dataset);
        int coldItems = 0;
        for (boolean isWarm : warm) {
            coldItems += isWarm ? 0 : 1;
        }
        int testCount = 0;
        int coldTestCount = 0;
        for (int[] row : dataset.test()) {
            for (int item : row) {
                testCount++;
                coldTestCount += warm[item] ? 0 : 1;
            }
        }
        System.out.printf("%d of %d items have no training interaction; %d of %d %s interactions (%.1f%%) go to "
                        + "them%n", coldItems, warm.length, coldTestCount, testCount, measured,
                100.0 * coldTestCount / testCount);
        System.out.println("config (its seed replaced by each listed seed): " + base);

        int[][] entitiesOfItem = itemEntities(dataset);
        for (long seed : seeds) {
            TrainedModel model = SpikeTrainer.train(graph, base.toBuilder().seed(seed).build(), TrainingMonitor.NONE);
            float[] trained = model.entityEmbeddings();
            report(seed, "as trained", model, trained, dataset, warm, true);
            ColdStart coldStart = new ColdStart(model);
            int dim = model.dim();
            String[] placements = {"cold start: entities and profile", "cold start: entities only",
                    "cold start: profile only"};
            for (int p = 0; p < placements.length; p++) {
                if (!profiles && p != 1) {
                    continue;
                }
                float[] placed = trained.clone();
                for (int item = 0; item < warm.length; item++) {
                    if (warm[item]) {
                        continue;
                    }
                    int[] entities = p == 2 ? new int[0] : entitiesOfItem[item];
                    float[] profile = p == 1 ? null : profileRow(graph, dataset.nUsers() + item);
                    System.arraycopy(coldStart.item(entities, new int[0], profile), 0, placed, item * dim, dim);
                }
                report(seed, placements[p], model, placed, dataset, warm, false);
            }
        }
    }

    private static void report(long seed, String name, TrainedModel model, float[] entities, KgatDataset dataset,
                                boolean[] warm, boolean withCeiling) {
        int nUsers = dataset.nUsers();
        int nItems = dataset.nItems();
        int dim = model.dim();
        TopKScorer scorer = new TopKScorer(model.userEmbeddings(), nUsers, Arrays.copyOf(entities, nItems * dim),
                nItems, dim);
        int[] users = new int[nUsers];
        int[][] exclude = new int[nUsers][];
        int[][] warmTest = new int[nUsers][];
        for (int u = 0; u < nUsers; u++) {
            users[u] = u;
            exclude[u] = dataset.train()[u];
            warmTest[u] = Arrays.stream(dataset.test()[u]).filter(item -> warm[item]).toArray();
        }
        Recommendations recommendations = scorer.score(users, K, exclude);
        int[][] rankings = recommendations.items();
        RankingMetrics.Result all = RankingMetrics.fromRankings(rankings, dataset.test(), K);
        int coldEntries = 0;
        int coldHits = 0;
        for (int u = 0; u < nUsers; u++) {
            int[] test = dataset.test()[u];
            for (int item : rankings[u]) {
                if (!warm[item]) {
                    coldEntries++;
                    coldHits += Arrays.stream(test).anyMatch(t -> t == item) ? 1 : 0;
                }
            }
        }
        String ceiling = "";
        if (withCeiling) {
            ceiling = String.format("; over warm-item interactions only, Recall@20 %.4f",
                    RankingMetrics.fromRankings(rankings, warmTest, K).recall(K));
        }
        System.out.printf("seed %d  %-34s Recall@20 %.4f  NDCG@20 %.4f  cold items in top 20: %d, hits %d%s%n", seed,
                name, all.recall(K), all.ndcg(K), coldEntries, coldHits, ceiling);
    }

    private static boolean[] warmItems(KgatDataset dataset) {
        boolean[] warm = new boolean[dataset.nItems()];
        for (int[] row : dataset.train()) {
            for (int item : row) {
                warm[item] = true;
            }
        }
        return warm;
    }

    /** Returns the non-item entities linked to each item by a KG triple, in either direction. */
    private static int[][] itemEntities(KgatDataset dataset) {
        int nItems = dataset.nItems();
        List<List<Integer>> linked = new ArrayList<>();
        for (int i = 0; i < nItems; i++) {
            linked.add(new ArrayList<>());
        }
        int[] heads = dataset.kgHead();
        int[] tails = dataset.kgTail();
        for (int t = 0; t < heads.length; t++) {
            if (heads[t] < nItems && tails[t] >= nItems) {
                linked.get(heads[t]).add(tails[t]);
            } else if (tails[t] < nItems && heads[t] >= nItems) {
                linked.get(tails[t]).add(heads[t]);
            }
        }
        return linked.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray()).toArray(int[][]::new);
    }

    private static float[] profileRow(TrainingGraph graph, int node) {
        if (!graph.hasProfiles() || !graph.hasProfile()[node]) {
            return null;
        }
        int dim = graph.profileDim();
        return Arrays.copyOfRange(graph.profiles(), node * dim, (node + 1) * dim);
    }
}
