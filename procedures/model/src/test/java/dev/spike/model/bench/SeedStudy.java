package dev.spike.model.bench;

import dev.spike.model.Nd4jRuntime;
import dev.spike.model.SpikeConfig;
import dev.spike.model.SpikeTrainer;
import dev.spike.model.TrainingGraph;
import dev.spike.model.TrainingMonitor;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Trains the model core on ml-kg once per seed and prints the test Recall@20 curve, to measure
 * the seed-to-seed spread and how accuracy grows with epochs.
 *
 * <p>The test interactions are passed as the validation set with early stopping off, so the
 * per-epoch validation figure is test Recall@20 over every test user. Nothing is chosen by it:
 * the figure reported per seed is that of the last epoch.
 *
 * <p>System properties: {@code spike.shared.dir}, {@code bench.seeds} (the seeds themselves,
 * comma-separated, not a count; default {@code 2024}), {@code bench.epochs} (default 30), {@code bench.profiles} (default true: the
 * TF-IDF vectors; false trains the KG GNN alone), {@code bench.lr} (default 1e-3),
 * {@code bench.l2} (default 1e-5), {@code bench.concurrency} (default 1), {@code bench.holdout}
 * (default 0; a fraction such as 0.1 measures on the latest share of each user's training
 * interactions instead of the test split, for choosing hyperparameters without the test set),
 * and {@code bench.layers}, {@code bench.batch}, {@code bench.messageDropout},
 * {@code bench.edgeDropout} (KG and user–item edges alike) with the model's defaults.
 */
public final class SeedStudy {
    private SeedStudy() {
    }

    public static void main(String[] args) throws Exception {
        Path data = KgatDataset.sharedMovieLens();
        if (data == null) {
            return;
        }
        long[] seeds = seeds();
        int epochs = Integer.getInteger("bench.epochs", 30);
        boolean profiles = Boolean.parseBoolean(System.getProperty("bench.profiles", "true"));
        double holdout = decimal("bench.holdout", 0);
        SpikeConfig defaults = SpikeConfig.defaults();
        double edgeDropout = decimal("bench.edgeDropout", defaults.kgEdgeDropout());
        SpikeConfig base = defaults.toBuilder()
                .epochs(epochs)
                .learningRate(decimal("bench.lr", 1e-3))
                .l2(decimal("bench.l2", defaults.l2()))
                .layers(Integer.getInteger("bench.layers", defaults.layers()))
                .batchSize(Integer.getInteger("bench.batch", defaults.batchSize()))
                .messageDropout(decimal("bench.messageDropout", defaults.messageDropout()))
                .kgEdgeDropout(edgeDropout)
                .interactionEdgeDropout(edgeDropout)
                .concurrency(Integer.getInteger("bench.concurrency", 1))
                .profiles(profiles)
                .alignment(profiles)
                .patience(0)
                .validationSampleUsers(Integer.MAX_VALUE)
                .build();

        System.out.println("ND4J backend: " + Nd4jRuntime.ensureLoaded(1));
        KgatDataset dataset = KgatDataset.read(data);
        if (holdout > 0) {
            dataset = dataset.withHoldout(holdout);
            System.out.printf("hold-out: the last %.1f%% of each user's training interactions replace the test "
                    + "split%n", holdout * 100);
        }
        NpyReader.Matrix text = profiles ? NpyReader.read(data.resolve("text_emb_tfidf.npy")) : null;
        TrainingGraph graph = dataset.toGraph(text, true);
        String measured = holdout > 0 ? "held-out" : "test";
        System.out.println("config (its seed replaced by each listed seed): " + base + "; seeds "
                + Arrays.toString(seeds));

        List<Double> last = new ArrayList<>();
        for (long seed : seeds) {
            SpikeConfig config = base.toBuilder().seed(seed).build();
            double[] recall = new double[epochs + 1];
            SpikeTrainer.train(graph, config, new TrainingMonitor() {
                @Override
                public void onEpoch(EpochReport report) {
                    recall[report.epoch()] = report.validationRecallAt20().orElse(Double.NaN);
                    if (report.epoch() % 5 == 0 || report.epoch() == epochs) {
                        System.out.printf("seed %d epoch %3d  %.2fs  bpr %.4f  %s Recall@20 %.4f%n", seed,
                                report.epoch(), report.seconds(), report.bprLoss(), measured, recall[report.epoch()]);
                    }
                }
            });
            last.add(recall[epochs]);
        }
        double mean = last.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        String spread = "n/a with one seed";
        if (last.size() > 1) {
            double squares = last.stream().mapToDouble(r -> (r - mean) * (r - mean)).sum();
            spread = String.format("%.4f", Math.sqrt(squares / (last.size() - 1)));
        }
        System.out.printf("last-epoch %s Recall@20 per seed %s; mean %.4f, standard deviation %s%n", measured, last,
                mean, spread);
    }

    /** Returns the seeds listed in {@code bench.seeds}, comma-separated; 2024 when unset. */
    static long[] seeds() {
        return Arrays.stream(System.getProperty("bench.seeds", "2024").split(","))
                .mapToLong(s -> Long.parseLong(s.trim())).toArray();
    }

    private static double decimal(String property, double fallback) {
        String value = System.getProperty(property);
        return value == null ? fallback : Double.parseDouble(value);
    }
}
