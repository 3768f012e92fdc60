package dev.spike.model.bench;

import dev.spike.model.Nd4jRuntime;
import dev.spike.model.SpikeConfig;
import dev.spike.model.TrainingGraph;
import dev.spike.model.nn.AlignmentLoss;
import dev.spike.model.nn.BprLoss;
import dev.spike.model.nn.EdgeSampler;
import dev.spike.model.nn.ModelParameters;
import dev.spike.model.nn.Parallel;
import dev.spike.model.nn.SampledEdges;
import dev.spike.model.nn.SpikeNetwork;
import dev.spike.model.nn.Workspace;

import java.nio.file.Path;
import java.util.SplittableRandom;

/** Wall time of each phase of a training step on ml-kg; a diagnostic for the benchmark. */
public final class StepProfile {
    private StepProfile() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(System.getProperty("spike.shared.dir"), "data", "ml-kg");
        int concurrency = Integer.getInteger("bench.concurrency", 1);
        Nd4jRuntime.ensureLoaded(concurrency);
        int blasThreads = Integer.getInteger("bench.blasThreads", concurrency);
        org.nd4j.linalg.factory.Nd4j.factory().blas().setMaxThreads(blasThreads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxThreads(blasThreads);
        org.nd4j.linalg.factory.Nd4j.getEnvironment().setMaxMasterThreads(blasThreads);
        TrainingGraph graph = KgatDataset.read(data).toGraph(NpyReader.read(data.resolve("text_emb_tfidf.npy")));
        SpikeConfig config = SpikeConfig.builder().concurrency(concurrency).build();
        SplittableRandom random = new SplittableRandom(1);
        try (Parallel parallel = new Parallel(concurrency)) {
            SpikeNetwork network = new SpikeNetwork(graph, config, parallel);
            EdgeSampler sampler = new EdgeSampler(graph);
            ModelParameters w = ModelParameters.initialise(graph.nNodes(), graph.relationEmbeddingCount(), 64,
                    network.profileDim(), random);
            ModelParameters g = w.zerosLike();
            int[] users = new int[1024];
            int[] pos = new int[1024];
            int[] neg = new int[1024];
            for (int i = 0; i < 1024; i++) {
                users[i] = random.nextInt(graph.nUsers());
                pos[i] = random.nextInt(graph.nItems());
                neg[i] = random.nextInt(graph.nItems());
            }
            int[][] anchors = new int[8][747];
            for (int[] set : anchors) {
                for (int i = 0; i < set.length; i++) {
                    set[i] = i * 10 + random.nextInt(10);
                }
            }
            Workspace workspace = new Workspace();
            long[] t = new long[5];
            com.sun.management.OperatingSystemMXBean os =
                    (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
            long cpuStart = 0;
            long wallStart = 0;
            int steps = 40;
            for (int s = 0; s < steps; s++) {
                if (s == 10) {
                    java.util.Arrays.fill(t, 0);
                    cpuStart = os.getProcessCpuTime();
                    wallStart = System.nanoTime();
                }
                Workspace.Scope scope = workspace.open();
                long t0 = System.nanoTime();
                SampledEdges edges = sampler.sample(0.5, 0.5, random);
                long t1 = System.nanoTime();
                SpikeNetwork.Forward f = network.forward(w, edges, true, random);
                long t2 = System.nanoTime();
                float[] go = Workspace.zeros(f.output().length);
                float[] gp = Workspace.zeros(f.output().length);
                BprLoss.compute(f.output(), go, graph.nUsers(), 64, users, pos, neg, 1e-5);
                AlignmentLoss.compute(f.output(), f.projected(), 64, anchors, 5, go, gp);
                long t3 = System.nanoTime();
                g.fill(0f);
                network.backward(w, f, go, gp, g);
                long t4 = System.nanoTime();
                t[0] += t1 - t0;
                t[1] += t2 - t1;
                t[2] += t3 - t2;
                t[3] += t4 - t3;
                scope.close();
            }
            System.out.printf("step     %.1f ms wall, %.1f ms process CPU%n",
                    (System.nanoTime() - wallStart) / 1e6 / (steps - 10), (os.getProcessCpuTime() - cpuStart) / 1e6 / (steps - 10));
            String[] names = {"sample", "forward", "losses", "backward"};
            for (int i = 0; i < 4; i++) {
                System.out.printf("%-8s %.1f ms/step%n", names[i], t[i] / 1e6 / (steps - 10));
            }
        }
    }
}
