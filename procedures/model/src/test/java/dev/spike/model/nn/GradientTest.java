package dev.spike.model.nn;

import dev.spike.model.Nd4jRuntime;
import dev.spike.model.SpikeConfig;
import dev.spike.model.TestGraphs;
import dev.spike.model.TrainingGraph;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static dev.spike.model.nn.GradientCheck.check;
import static dev.spike.model.nn.GradientCheck.dot;
import static dev.spike.model.nn.GradientCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Finite-difference checks of every hand-written backward pass, on a tiny graph. */
class GradientTest {
    private static final int DIM = 4;
    private static Parallel parallel;

    @BeforeAll
    static void loadBackend() {
        Nd4jRuntime.ensureLoaded(1);
        parallel = new Parallel(1);
    }

    @AfterAll
    static void stopWorkers() {
        parallel.close();
    }

    @Test
    void attentionGradients() {
        TrainingGraph graph = TestGraphs.tiny(false);
        SampledEdges edges = new EdgeSampler(graph).full();
        KgAttention attention = new KgAttention(DIM, 2);
        int n = graph.nEntities();
        float[] entities = random(n * DIM, 1);
        float[] query = random(DIM * DIM, 2);
        float[] relations = random(graph.relationEmbeddingCount() * DIM, 3);
        float[] upstream = random(n * DIM, 4);

        float[] out = new float[n * DIM];
        KgAttention.Cache cache = attention.forward(entities, n, query, relations, edges, out, parallel);
        float[] gradEntities = new float[entities.length];
        float[] gradQuery = new float[query.length];
        float[] gradRelations = new float[relations.length];
        attention.backward(cache, upstream, entities, n, query, relations, edges, gradEntities, gradQuery,
                gradRelations, parallel);

        java.util.function.DoubleSupplier loss = () -> {
            float[] o = new float[n * DIM];
            attention.forward(entities, n, query, relations, edges, o, parallel);
            return dot(o, upstream);
        };
        check("entities", entities, gradEntities, loss);
        check("queryWeight", query, gradQuery, loss);
        check("relations", relations, gradRelations, loss);
    }

    @Test
    void partitionedPassesMatchSerial() {
        TrainingGraph graph = TestGraphs.tiny(false);
        SampledEdges edges = new EdgeSampler(graph).full();
        KgAttention attention = new KgAttention(DIM, 2);
        int n = graph.nEntities();
        float[] entities = random(n * DIM, 1);
        float[] query = random(DIM * DIM, 2);
        float[] relations = random(graph.relationEmbeddingCount() * DIM, 3);
        float[] upstream = random(n * DIM, 4);
        float[][] results = new float[2][];
        int[] concurrencies = {1, 3};
        for (int run = 0; run < 2; run++) {
            try (Parallel workers = new Parallel(concurrencies[run])) {
                float[] out = new float[n * DIM];
                KgAttention.Cache cache = attention.forward(entities, n, query, relations, edges, out, workers);
                float[] gradEntities = new float[entities.length];
                float[] gradQuery = new float[query.length];
                float[] gradRelations = new float[relations.length];
                attention.backward(cache, upstream, entities, n, query, relations, edges, gradEntities, gradQuery,
                        gradRelations, workers);
                float[] users = new float[graph.nUsers() * DIM];
                new UserAggregation(DIM).forward(entities, graph.nUsers(), edges, users, workers);
                new UserAggregation(DIM).backward(users, graph.nItems(), edges, gradEntities, workers);
                results[run] = concat(out, gradEntities, gradQuery, gradRelations, users);
            }
        }
        for (int i = 0; i < results[0].length; i++) {
            assertEquals(results[0][i], results[1][i], 1e-5, "value " + i);
        }
    }

    private static float[] concat(float[]... parts) {
        int length = 0;
        for (float[] part : parts) {
            length += part.length;
        }
        float[] all = new float[length];
        int offset = 0;
        for (float[] part : parts) {
            System.arraycopy(part, 0, all, offset, part.length);
            offset += part.length;
        }
        return all;
    }

    @Test
    void attentionWithoutEdgesGivesZeroMessage() {
        TrainingGraph graph = TestGraphs.tiny(false);
        SampledEdges edges = new EdgeSampler(graph).full();
        int n = graph.nEntities();
        float[] out = new float[n * DIM];
        new KgAttention(DIM, 2).forward(random(n * DIM, 1), n, random(DIM * DIM, 2),
                random(graph.relationEmbeddingCount() * DIM, 3), edges, out, parallel);
        for (int j = 0; j < DIM; j++) {
            assertEquals(0f, out[3 * DIM + j], "item 3 has no KG edges, so its message must be zero");
        }
    }

    @Test
    void userAggregationGradients() {
        TrainingGraph graph = TestGraphs.tiny(false);
        SampledEdges edges = new EdgeSampler(graph).sample(0, 0.5, new SplittableRandom(3));
        UserAggregation aggregation = new UserAggregation(DIM);
        float[] entities = random(graph.nEntities() * DIM, 5);
        float[] upstream = random(graph.nUsers() * DIM, 6);
        float[] gradEntities = new float[entities.length];
        aggregation.backward(upstream, graph.nItems(), edges, gradEntities, parallel);
        check("entities", entities, gradEntities, () -> {
            float[] o = new float[graph.nUsers() * DIM];
            aggregation.forward(entities, graph.nUsers(), edges, o, parallel);
            return dot(o, upstream);
        });
    }

    @Test
    void profileProjectionGradients() {
        int rows = 5;
        int in = 3;
        boolean[] present = {true, true, false, true, true};
        ProfileProjection projection = new ProfileProjection(in, DIM, 0.25);
        float[] profiles = random(rows * in, 7);
        float[] w1 = random(in * in, 8);
        float[] b1 = random(in, 9);
        float[] w2 = random(in * DIM, 10);
        float[] b2 = random(DIM, 11);
        float[] mask = RowOps.dropoutMask(rows * in, 0.3, new SplittableRandom(12));
        float[] upstream = random(rows * DIM, 13);

        float[] out = new float[rows * DIM];
        ProfileProjection.Cache cache = projection.forward(profiles, rows, present, w1, b1, w2, b2, mask, out);
        for (int j = 0; j < DIM; j++) {
            assertEquals(0f, out[2 * DIM + j], "a node without a profile must get a zero projection");
        }
        float[] gw1 = new float[w1.length];
        float[] gb1 = new float[b1.length];
        float[] gw2 = new float[w2.length];
        float[] gb2 = new float[b2.length];
        projection.backward(cache, upstream, profiles, rows, present, w2, gw1, gb1, gw2, gb2);
        java.util.function.DoubleSupplier loss = () -> {
            float[] o = new float[rows * DIM];
            projection.forward(profiles, rows, present, w1, b1, w2, b2, mask, o);
            return dot(o, upstream);
        };
        check("mlpWeight1", w1, gw1, loss);
        check("mlpBias1", b1, gb1, loss);
        check("mlpWeight2", w2, gw2, loss);
        check("mlpBias2", b2, gb2, loss);
    }

    @Test
    void bprLossGradients() {
        int nUsers = 3;
        float[] nodes = random((nUsers + 4) * DIM, 14);
        int[] users = {0, 1, 2, 0};
        int[] positives = {1, 2, 3, 0};
        int[] negatives = {3, 0, 1, 2};
        float[] grad = new float[nodes.length];
        BprLoss.compute(nodes, grad, nUsers, DIM, users, positives, negatives, 0.1);
        check("nodes", nodes, grad, () -> {
            BprLoss.Value value = BprLoss.compute(nodes, new float[nodes.length], nUsers, DIM, users, positives,
                    negatives, 0.1);
            return value.bpr() + value.l2();
        });
    }

    @Test
    void normalisationGradients() {
        int rows = 3;
        float[] x = random(rows * DIM, 15);
        float[] upstream = random(rows * DIM, 16);
        float[] y = x.clone();
        float[] norms = RowOps.normalizeRows(y, rows, DIM, parallel);
        float[] grad = upstream.clone();
        RowOps.normalizeRowsBackward(grad, y, norms, rows, DIM, parallel);
        check("rows", x, grad, () -> {
            float[] z = x.clone();
            RowOps.normalizeRows(z, rows, DIM, parallel);
            return dot(z, upstream);
        });
    }

    @Test
    void alignmentMatchesDirectFormula() {
        int rows = 40;
        int dim = 6;
        float[] gnn = random(rows * dim, 17);
        float[] profiles = random(rows * dim, 18);
        int[][] anchors = {{0, 3, 5, 7, 9, 11, 13, 20, 33}, {1, 2, 4, 8, 16, 32, 39}};
        float[] gradGnn = new float[gnn.length];
        float[] gradProfiles = new float[profiles.length];
        double gram = AlignmentLoss.compute(gnn, profiles, dim, anchors, 5.0, gradGnn, gradProfiles);
        double direct = AlignmentLoss.computeDirect(gnn, profiles, dim, anchors, 5.0);
        assertTrue(direct > 0.01, "the test needs a loss well above zero, got " + direct);
        assertEquals(direct, gram, 1e-4 * direct);

        java.util.function.DoubleSupplier loss = () -> AlignmentLoss.computeDirect(gnn, profiles, dim, anchors, 5.0);
        check("gnn", gnn, gradGnn, loss);
        check("profiles", profiles, gradProfiles, loss);
    }

    @Test
    void alignmentOfIdenticalSpacesIsZero() {
        float[] same = random(20 * 6, 19);
        double loss = AlignmentLoss.compute(same, same.clone(), 6, new int[][] {{0, 1, 2, 3, 4, 5, 6}}, 5.0,
                new float[same.length], new float[same.length]);
        assertEquals(0.0, loss, 1e-5);
    }

    @Test
    void wholeNetworkGradients() {
        for (boolean injectRemove : new boolean[] {true, false}) {
            checkNetwork(SpikeConfig.builder().embeddingDim(DIM).heads(2).injectRemove(injectRemove).build(),
                    "injectRemove=" + injectRemove);
        }
        checkNetwork(SpikeConfig.builder().embeddingDim(DIM).heads(2).profiles(false).alignment(false).build(),
                "profiles=false");
    }

    @Test
    void workspaceStepsMatchFreshArrays() {
        SpikeConfig config = SpikeConfig.builder().embeddingDim(DIM).heads(2).build();
        TrainingGraph graph = TestGraphs.tiny(true);
        SpikeNetwork network = new SpikeNetwork(graph, config, parallel);
        ModelParameters weights = ModelParameters.initialise(graph.nNodes(), graph.relationEmbeddingCount(), DIM,
                network.profileDim(), new SplittableRandom(30));
        EdgeSampler sampler = new EdgeSampler(graph);
        Workspace workspace = new Workspace();
        for (int step = 0; step < 3; step++) {
            float[] fresh = networkGradient(network, weights, sampler, graph, step);
            float[] reused;
            try (Workspace.Scope scope = workspace.open()) {
                reused = networkGradient(network, weights, sampler, graph, step);
            }
            assertArrayEquals(fresh, reused, "step " + step);
        }
    }

    /** Runs one step's forward and backward pass and returns all gradients, concatenated. */
    private static float[] networkGradient(SpikeNetwork network, ModelParameters weights, EdgeSampler sampler,
                                           TrainingGraph graph, int step) {
        SampledEdges edges = sampler.sample(0.5, 0.5, new SplittableRandom(step));
        SpikeNetwork.Forward f = network.forward(weights, edges, true, new SplittableRandom(100 + step));
        float[] gradOut = Workspace.zeros(f.output().length);
        float[] gradProjected = Workspace.zeros(f.output().length);
        BprLoss.compute(f.output(), gradOut, graph.nUsers(), DIM, new int[] {0, 1, 2}, new int[] {1, 2, 3},
                new int[] {2, 3, 1}, 0.01);
        AlignmentLoss.compute(f.output(), f.projected(), DIM, new int[][] {{0, 1, 3, 4, 5}}, 5.0, gradOut,
                gradProjected);
        ModelParameters grad = weights.zerosLike();
        network.backward(weights, f, gradOut, gradProjected, grad);
        return concat(grad.arrays());
    }

    private void checkNetwork(SpikeConfig config, String label) {
        TrainingGraph graph = TestGraphs.tiny(config.profiles());
        SpikeNetwork network = new SpikeNetwork(graph, config, parallel);
        ModelParameters weights = ModelParameters.initialise(graph.nNodes(), graph.relationEmbeddingCount(), DIM,
                network.profileDim(), new SplittableRandom(20));
        SampledEdges edges = new EdgeSampler(graph).sample(0.5, 0.5, new SplittableRandom(21));
        int[] users = {0, 1, 2};
        int[] positives = {1, 2, 3};
        int[] negatives = {2, 3, 1};
        int[][] anchors = {{0, 1, 3, 4, 5, 6, 8}, {1, 3, 5, 7}};

        java.util.function.Function<ModelParameters, double[]> lossAndGradient = grad -> {
            SpikeNetwork.Forward f = network.forward(weights, edges, true, new SplittableRandom(22));
            float[] gradOut = new float[f.output().length];
            BprLoss.Value bpr = BprLoss.compute(f.output(), gradOut, graph.nUsers(), DIM, users, positives,
                    negatives, 0.01);
            double total = bpr.bpr() + bpr.l2();
            float[] gradProjected = null;
            if (config.profiles()) {
                gradProjected = new float[gradOut.length];
                total += AlignmentLoss.compute(f.output(), f.projected(), DIM, anchors, 5.0, gradOut, gradProjected);
            }
            if (grad != null) {
                network.backward(weights, f, gradOut, gradProjected, grad);
            }
            return new double[] {total};
        };
        ModelParameters grad = weights.zerosLike();
        lossAndGradient.apply(grad);
        float[][] w = weights.arrays();
        float[][] g = grad.arrays();
        String[] names = {"nodeEmbeddings", "relationEmbeddings", "queryWeight", "mlpWeight1", "mlpBias1",
                "mlpWeight2", "mlpBias2"};
        for (int k = 0; k < w.length; k++) {
            check(label + " " + names[k], w[k], g[k], () -> lossAndGradient.apply(null)[0]);
        }
    }
}
