package dev.spike.model.bench;

import dev.spike.model.Nd4jRuntime;
import dev.spike.model.RankingMetrics;
import dev.spike.model.SpikeConfig;
import dev.spike.model.SpikeTrainer;
import dev.spike.model.TrainedModel;
import dev.spike.model.TrainingGraph;
import dev.spike.model.TrainingMonitor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Trains the model core on MovieLens ml-latest-small in KGAT format with the TF-IDF profile
 * vectors, reports seconds per epoch, test Recall/NDCG and peak heap, then runs the PyTorch
 * reference with the same hyperparameters and prints the ratio of epoch times.
 *
 * <p>System properties: {@code spike.shared.dir} (folder holding {@code data/ml-kg} and
 * {@code bench/spike_ref.py}), {@code bench.epochs} (default 30), {@code bench.concurrency}
 * (default 2), {@code bench.reference} (default true; false skips the PyTorch run),
 * {@code bench.referenceEpochs} (default: {@code bench.epochs}; fewer gives a timing-only
 * comparison), {@code bench.python} (default {@code /usr/bin/python3}).
 *
 * <p>Besides wall-clock seconds it reports process CPU seconds per epoch for both, because on a
 * shared machine other processes inflate wall time far more than CPU time.
 */
public final class ModelCoreBenchmark {
    private static final Pattern SECONDS = Pattern.compile("\"sec_per_epoch\": ([0-9.]+)");
    private static final Pattern MEDIAN = Pattern.compile("\"sec_per_epoch_median\": ([0-9.]+)");
    private static final Pattern CPU = Pattern.compile("\"cpu_sec_per_epoch\": ([0-9.]+)");
    private static final Pattern RECALL = Pattern.compile("\"recall@20\": ([0-9.]+)");
    private static final Pattern NDCG = Pattern.compile("\"ndcg@20\": ([0-9.]+)");

    private ModelCoreBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path data = KgatDataset.sharedMovieLens();
        if (data == null) {
            return;
        }
        int epochs = Integer.getInteger("bench.epochs", 30);
        int concurrency = Integer.getInteger("bench.concurrency", 2);
        boolean reference = Boolean.parseBoolean(System.getProperty("bench.reference", "true"));
        int referenceEpochs = Integer.getInteger("bench.referenceEpochs", epochs);
        Path textEmbeddings = data.resolve("text_emb_tfidf.npy");

        System.out.println("machine: " + Runtime.getRuntime().availableProcessors() + " cores, " + cpuModel()
                + ", load average before " + loadAverage());
        System.out.println("ND4J backend: " + Nd4jRuntime.ensureLoaded(concurrency));
        KgatDataset dataset = KgatDataset.read(data);
        TrainingGraph graph = dataset.toGraph(NpyReader.read(textEmbeddings));
        System.out.printf("data: %d users, %d items, %d entities, %d relations, %d training interactions, "
                        + "%d KG triples, profiles %d-d%n", graph.nUsers(), graph.nItems(), graph.nEntities(),
                graph.nRelations(), graph.interactionCount(), graph.kgTripleCount(), graph.profileDim());

        SpikeConfig config = SpikeConfig.builder().epochs(epochs).learningRate(1e-3).batchSize(1024).patience(0)
                .concurrency(concurrency).seed(2024).build();
        List<Double> epochSeconds = new ArrayList<>();
        List<Double> epochCpuSeconds = new ArrayList<>();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long[] lastCpu = {os.getProcessCpuTime()};
        resetPeakHeap();
        long start = System.nanoTime();
        TrainedModel model = SpikeTrainer.train(graph, config, new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                long cpu = os.getProcessCpuTime();
                double cpuSeconds = (cpu - lastCpu[0]) / 1e9;
                lastCpu[0] = cpu;
                epochSeconds.add(report.seconds());
                epochCpuSeconds.add(cpuSeconds);
                System.out.printf("epoch %3d  %.2fs (CPU %.2fs)  bpr %.4f  alignment %.4f  l2 %.6f%n",
                        report.epoch(), report.seconds(), cpuSeconds, report.bprLoss(), report.alignmentLoss(),
                        report.l2Loss());
            }
        });
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        RankingMetrics.Result result = evaluate(dataset, graph, model);
        double ourEpoch = median(epochSeconds);
        double ourCpu = median(epochCpuSeconds);
        System.out.printf("model core: %.2f s/epoch median (CPU %.2f s), %.2f s/epoch mean, %.1f s total, "
                        + "peak heap %d MiB, load average after %s%n", ourEpoch, ourCpu, trainSeconds / epochs,
                trainSeconds, peakHeapBytes() >> 20, loadAverage());
        System.out.printf("model core after %d epochs: Recall@20 %.4f  NDCG@20 %.4f  Recall@10 %.4f  NDCG@10 %.4f  "
                        + "Recall@40 %.4f  NDCG@40 %.4f  (%d test users, %d without test)%n", epochs,
                result.recall(20), result.ndcg(20), result.recall(10), result.ndcg(10), result.recall(40),
                result.ndcg(40), result.usersEvaluated(), result.usersWithoutTest());

        if (reference) {
            runReference(data.getParent().getParent(), data, textEmbeddings, referenceEpochs, ourEpoch, ourCpu);
        }
    }

    private static RankingMetrics.Result evaluate(KgatDataset dataset, TrainingGraph graph, TrainedModel model) {
        List<Integer> users = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (int u = 0; u < dataset.nUsers(); u++) {
            for (int item : dataset.test()[u]) {
                users.add(u);
                items.add(item);
            }
        }
        TrainingGraph test = TrainingGraph.builder(dataset.nUsers(), dataset.nItems(), dataset.nEntities(), 0)
                .interactions(users.stream().mapToInt(Integer::intValue).toArray(),
                        items.stream().mapToInt(Integer::intValue).toArray())
                .build();
        int[] allUsers = java.util.stream.IntStream.range(0, dataset.nUsers()).toArray();
        return RankingMetrics.evaluate(model.scorer(), graph.userItems(), test.userItems(), allUsers, 10, 20, 40);
    }

    private static void runReference(Path shared, Path data, Path textEmbeddings, int epochs, double ourEpoch,
                                     double ourCpu) throws IOException, InterruptedException {
        Path script = shared.resolve("bench").resolve("spike_ref.py");
        List<String> command = List.of(System.getProperty("bench.python", "/usr/bin/python3"), script.toString(),
                "--model", "spike", "--data", data.toString(), "--text-emb", textEmbeddings.toString(),
                "--epochs", Integer.toString(epochs), "--lr", "1e-3", "--threads", "1",
                "--eval-every", Integer.toString(epochs), "--seed", "2024");
        System.out.println("reference: " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Debian's torch otherwise starts one OpenBLAS thread per core on top of --threads 1.
        builder.environment().put("OPENBLAS_NUM_THREADS", "1");
        Process process = builder.start();
        String summary = null;
        try (BufferedReader output = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null) {
                System.out.println("  | " + line);
                if (line.startsWith("SUMMARY ")) {
                    summary = line;
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || summary == null) {
            System.out.println("reference failed with exit code " + exit + "; no comparison");
            return;
        }
        double referenceMean = number(SECONDS, summary);
        double referenceMedian = number(MEDIAN, summary);
        double referenceCpu = number(CPU, summary);
        System.out.printf("reference after %d epochs: %.2f s/epoch median, %.2f mean, CPU %.2f s; Recall@20 %.4f  "
                        + "NDCG@20 %.4f%n", epochs, referenceMedian, referenceMean, referenceCpu,
                number(RECALL, summary), number(NDCG, summary));
        System.out.printf("speed-up of the model core over the reference: %.2fx by median wall time, "
                + "%.2fx by CPU time%n", referenceMedian / ourEpoch, referenceCpu / ourCpu);
    }

    private static double number(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : Double.NaN;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static void resetPeakHeap() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeapBytes() {
        long total = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                total += pool.getPeakUsage().getUsed();
            }
        }
        return total;
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }
}
