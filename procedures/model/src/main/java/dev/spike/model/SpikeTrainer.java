package dev.spike.model;

import dev.spike.model.nn.Adam;
import dev.spike.model.nn.AlignmentLoss;
import dev.spike.model.nn.BprLoss;
import dev.spike.model.nn.EdgeSampler;
import dev.spike.model.nn.ModelParameters;
import dev.spike.model.nn.Parallel;
import dev.spike.model.nn.SampledEdges;
import dev.spike.model.nn.SpikeNetwork;
import dev.spike.model.nn.Workspace;

import java.util.Arrays;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/**
 * Trains a SPiKE model with BPR loss, the alignment loss and Adam.
 *
 * <p>Each step draws a batch of training interactions with one uniformly sampled negative item
 * per positive (an item the user has no training interaction with), drops edges, runs the
 * network over the whole graph and updates all weights. When the graph carries validation
 * interactions, every epoch ends with Recall@20 on a fixed sample of at most
 * {@code validationSampleUsers} validation users. Training stops after {@code patience}
 * epochs without a better Recall@20 and returns the weights of the best epoch. Without
 * validation interactions it runs all epochs and returns the last weights.
 *
 * <p>Anchor sets of the alignment loss are drawn only from nodes that have a profile, because a
 * node without one has a zero projection and no direction to align with.
 */
public final class SpikeTrainer {
    private static final int VALIDATION_K = 20;
    private static final int NEGATIVE_SAMPLING_TRIES = 100;

    private SpikeTrainer() {
    }

    /**
     * Trains a model.
     *
     * @throws IllegalArgumentException when the config is invalid or does not fit the graph
     * @throws RuntimeException whatever {@link TrainingMonitor#checkTermination()} throws; no model is returned then
     */
    public static TrainedModel train(TrainingGraph graph, SpikeConfig config, TrainingMonitor monitor) {
        config.validate();
        // The workers parallelise the edge-wise loops. ND4J gets one thread because its OpenMP
        // threads spin between the many small matrix products and take CPU from the workers: on
        // 2 cores, 2 workers took 94 ms per step with 1 ND4J thread and 125 ms with 2.
        Nd4jRuntime.ensureLoaded(1);
        try (Parallel parallel = new Parallel(config.concurrency())) {
            return new Run(graph, config, monitor, parallel).execute();
        }
    }

    /** State of one training run. */
    private static final class Run {
        private final TrainingGraph graph;
        private final SpikeConfig config;
        private final TrainingMonitor monitor;
        private final Parallel parallel;
        private final SplittableRandom random;
        private final SpikeNetwork network;
        private final EdgeSampler sampler;
        private final ModelParameters weights;
        private final ModelParameters gradients;
        private final Adam adam;
        private final Workspace workspace = new Workspace();
        private final int[] validationUsers;
        private final int[] anchorCandidates;
        private final boolean alignmentOn;

        Run(TrainingGraph graph, SpikeConfig config, TrainingMonitor monitor, Parallel parallel) {
            this.graph = graph;
            this.config = config;
            this.monitor = monitor;
            this.parallel = parallel;
            this.random = new SplittableRandom(config.seed());
            this.network = new SpikeNetwork(graph, config, parallel);
            this.sampler = new EdgeSampler(graph);
            this.weights = ModelParameters.initialise(graph.nNodes(), graph.relationEmbeddingCount(),
                    config.embeddingDim(), network.profileDim(), random);
            this.gradients = weights.zerosLike();
            this.adam = new Adam(config.learningRate(), weights.arrays());
            this.validationUsers = sampleValidationUsers();
            this.anchorCandidates = profiledNodes();
            this.alignmentOn = config.profiles() && config.alignment() && config.alignmentWeight() > 0
                    && anchorCandidates.length >= 2;
        }

        TrainedModel execute() {
            ModelParameters best = null;
            double bestRecall = Double.NEGATIVE_INFINITY;
            int bestEpoch = 0;
            int epoch = 0;
            while (epoch < config.epochs()) {
                epoch++;
                long start = System.nanoTime();
                double[] losses = trainEpoch();

                OptionalDouble recall = OptionalDouble.empty();
                if (validationUsers.length > 0) {
                    monitor.checkTermination();
                    recall = OptionalDouble.of(validationRecall());
                    if (recall.getAsDouble() > bestRecall) {
                        bestRecall = recall.getAsDouble();
                        bestEpoch = epoch;
                        best = weights.copy();
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                monitor.onEpoch(new TrainingMonitor.EpochReport(epoch, losses[0], losses[1], losses[2], losses[3],
                        recall, seconds));
                if (validationUsers.length > 0 && config.patience() > 0 && epoch - bestEpoch >= config.patience()) {
                    break;
                }
            }
            ModelParameters chosen = best != null ? best : weights;
            monitor.checkTermination();
            float[] output = network.forward(chosen, sampler.full(), false, null).output();
            int dim = config.embeddingDim();
            float[] users = Arrays.copyOf(output, graph.nUsers() * dim);
            replaceUntrainedUsers(users, dim);
            float[] entities = Arrays.copyOfRange(output, graph.nUsers() * dim, output.length);
            return new TrainedModel(config, graph.nUsers(), graph.nItems(), graph.nEntities(), graph.nRelations(),
                    users, entities, chosen.copy(), epoch, best != null ? bestEpoch : epoch);
        }

        /**
         * Gives users without training interactions or a profile the mean embedding of the users
         * with training interactions. No loss term reaches such a user, so its own embedding is
         * still the random initial one and would rank items at random.
         */
        private void replaceUntrainedUsers(float[] users, int dim) {
            TrainingGraph.Csr userItems = graph.userItems();
            boolean[] hasProfile = graph.hasProfile();
            boolean profilesUsed = config.profiles();
            double[] mean = new double[dim];
            int trained = 0;
            for (int u = 0; u < graph.nUsers(); u++) {
                if (userItems.degree(u) > 0) {
                    for (int j = 0; j < dim; j++) {
                        mean[j] += users[u * dim + j];
                    }
                    trained++;
                }
            }
            if (trained == 0) {
                return;
            }
            for (int u = 0; u < graph.nUsers(); u++) {
                if (userItems.degree(u) == 0 && !(profilesUsed && hasProfile[u])) {
                    for (int j = 0; j < dim; j++) {
                        users[u * dim + j] = (float) (mean[j] / trained);
                    }
                }
            }
        }

        /** Runs one epoch and returns the mean BPR, alignment, L2 and total loss. */
        private double[] trainEpoch() {
            int[] order = shuffledInteractions();
            int[] interactionUser = graph.interactionUser();
            int[] interactionItem = graph.interactionItem();
            double[] sums = new double[4];
            int batches = 0;
            for (int start = 0; start < order.length; start += config.batchSize()) {
                monitor.checkTermination();
                int size = Math.min(config.batchSize(), order.length - start);
                int[] users = new int[size];
                int[] positives = new int[size];
                for (int b = 0; b < size; b++) {
                    users[b] = interactionUser[order[start + b]];
                    positives[b] = interactionItem[order[start + b]];
                }
                int[] negatives = sampleNegatives(users);
                double[] stepLosses = step(users, positives, negatives);
                for (int i = 0; i < 4; i++) {
                    sums[i] += stepLosses[i];
                }
                batches++;
            }
            for (int i = 0; i < 4; i++) {
                sums[i] /= batches;
            }
            return sums;
        }

        private double[] step(int[] users, int[] positives, int[] negatives) {
            try (Workspace.Scope scope = workspace.open()) {
                return stepInWorkspace(users, positives, negatives);
            }
        }

        private double[] stepInWorkspace(int[] users, int[] positives, int[] negatives) {
            SampledEdges edges = sampler.sample(config.kgEdgeDropout(), config.interactionEdgeDropout(), random);
            SpikeNetwork.Forward forward = network.forward(weights, edges, true, random);
            float[] output = forward.output();

            float[] gradOutput = Workspace.zeros(output.length);
            BprLoss.Value bpr = BprLoss.compute(output, gradOutput, graph.nUsers(), config.embeddingDim(), users,
                    positives, negatives, config.l2());
            double alignment = 0;
            float[] gradProjected = null;
            if (alignmentOn) {
                gradProjected = Workspace.zeros(output.length);
                alignment = AlignmentLoss.compute(output, forward.projected(), config.embeddingDim(), drawAnchorSets(),
                        config.alignmentWeight(), gradOutput, gradProjected);
            }

            gradients.fill(0f);
            network.backward(weights, forward, gradOutput, gradProjected, gradients);
            adam.step(weights.arrays(), gradients.arrays(), parallel);
            return new double[] {bpr.bpr(), alignment, bpr.l2(), bpr.bpr() + alignment + bpr.l2()};
        }

        private double validationRecall() {
            float[] output = network.forward(weights, sampler.full(), false, null).output();
            int dim = config.embeddingDim();
            TopKScorer scorer = new TopKScorer(Arrays.copyOf(output, graph.nUsers() * dim), graph.nUsers(),
                    Arrays.copyOfRange(output, graph.nUsers() * dim, (graph.nUsers() + graph.nItems()) * dim),
                    graph.nItems(), dim);
            return RankingMetrics.evaluate(scorer, graph.userItems(), graph.validationItems(), validationUsers,
                    VALIDATION_K).recall(VALIDATION_K);
        }

        private int[] sampleNegatives(int[] users) {
            int[] negatives = new int[users.length];
            int nItems = graph.nItems();
            for (int b = 0; b < users.length; b++) {
                int candidate = random.nextInt(nItems);
                for (int tries = 1; tries < NEGATIVE_SAMPLING_TRIES && graph.isTrainingInteraction(users[b], candidate);
                     tries++) {
                    candidate = random.nextInt(nItems);
                }
                negatives[b] = candidate;
            }
            return negatives;
        }

        private int[][] drawAnchorSets() {
            int size = Math.min(anchorCandidates.length,
                    Math.max(2, (int) (config.anchorRatio() * anchorCandidates.length)));
            int[][] sets = new int[config.anchorRepeats()][];
            int[] pool = anchorCandidates.clone();
            for (int s = 0; s < sets.length; s++) {
                for (int i = 0; i < size; i++) {
                    int j = i + random.nextInt(pool.length - i);
                    int chosen = pool[j];
                    pool[j] = pool[i];
                    pool[i] = chosen;
                }
                sets[s] = Arrays.copyOf(pool, size);
            }
            return sets;
        }

        private int[] shuffledInteractions() {
            int[] order = new int[graph.interactionCount()];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            shuffle(order);
            return order;
        }

        private int[] sampleValidationUsers() {
            TrainingGraph.Csr validation = graph.validationItems();
            int[] users = java.util.stream.IntStream.range(0, graph.nUsers())
                    .filter(u -> validation.degree(u) > 0).toArray();
            if (users.length <= config.validationSampleUsers()) {
                return users;
            }
            shuffle(users);
            int[] sample = Arrays.copyOf(users, config.validationSampleUsers());
            Arrays.sort(sample);
            return sample;
        }

        private int[] profiledNodes() {
            boolean[] present = graph.hasProfile();
            return java.util.stream.IntStream.range(0, present.length).filter(n -> present[n]).toArray();
        }

        private void shuffle(int[] values) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = values[i];
                values[i] = values[j];
                values[j] = t;
            }
        }
    }
}
