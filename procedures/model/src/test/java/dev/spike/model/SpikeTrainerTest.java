package dev.spike.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpikeTrainerTest {
    private static final SpikeConfig SMALL = SpikeConfig.builder()
            .embeddingDim(16).heads(2).epochs(3).batchSize(4).learningRate(0.01).patience(0).build();

    @Test
    void sameSeedGivesIdenticalEmbeddings() {
        TrainingGraph graph = TestGraphs.planted(2, 10, 10, 4, 2, true, 3).graph();
        for (int concurrency : new int[] {1, 2}) {
            SpikeConfig config = SMALL.toBuilder().concurrency(concurrency).build();
            TrainedModel first = SpikeTrainer.train(graph, config, TrainingMonitor.NONE);
            TrainedModel second = SpikeTrainer.train(graph, config, TrainingMonitor.NONE);
            assertArrayEquals(first.userEmbeddings(), second.userEmbeddings(), "concurrency " + concurrency);
            assertArrayEquals(first.entityEmbeddings(), second.entityEmbeddings(), "concurrency " + concurrency);
        }
    }

    @Test
    void concurrencyLeavesEmbeddingsUnchanged() {
        // Without dropout nothing random depends on the partitions, so two workers must compute
        // what one does, up to the order of float additions.
        TrainingGraph graph = TestGraphs.planted(2, 10, 10, 4, 2, true, 3).graph();
        SpikeConfig config = SMALL.toBuilder().layers(3).messageDropout(0).kgEdgeDropout(0)
                .interactionEdgeDropout(0).mlpDropout(0).build();
        TrainedModel single = SpikeTrainer.train(graph, config.toBuilder().concurrency(1).build(),
                TrainingMonitor.NONE);
        TrainedModel parallel = SpikeTrainer.train(graph, config.toBuilder().concurrency(2).build(),
                TrainingMonitor.NONE);
        assertArrayEquals(single.userEmbeddings(), parallel.userEmbeddings(), 1e-4f);
        assertArrayEquals(single.entityEmbeddings(), parallel.entityEmbeddings(), 1e-4f);
    }

    @Test
    void earlierRunLeavesNoState() {
        TrainingGraph graph = TestGraphs.planted(2, 10, 10, 4, 2, true, 3).graph();
        SpikeConfig plain = SMALL.toBuilder().layers(3).profiles(false).alignment(false).concurrency(2).build();
        TrainedModel before = SpikeTrainer.train(graph, plain, TrainingMonitor.NONE);
        SpikeTrainer.train(graph, SMALL.toBuilder().layers(2).concurrency(2).seed(7).build(), TrainingMonitor.NONE);
        TrainedModel after = SpikeTrainer.train(graph, plain, TrainingMonitor.NONE);
        assertArrayEquals(before.userEmbeddings(), after.userEmbeddings());
        assertArrayEquals(before.entityEmbeddings(), after.entityEmbeddings());
    }

    @Test
    void userWithoutInteractionsGetsTheMeanUser() {
        TrainingGraph graph = TrainingGraph.builder(4, 4, 6, 2)
                .knowledgeGraph(new int[] {0, 1, 2}, new int[] {0, 0, 1}, new int[] {4, 4, 5})
                .interactions(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 2, 0, 3})
                .build();

        TrainedModel model = SpikeTrainer.train(graph, SMALL.toBuilder().profiles(false).alignment(false).build(),
                TrainingMonitor.NONE);

        float[] isolated = model.userEmbedding(3);
        for (int j = 0; j < isolated.length; j++) {
            float mean = (model.userEmbedding(0)[j] + model.userEmbedding(1)[j] + model.userEmbedding(2)[j]) / 3;
            assertEquals(mean, isolated[j], 1e-6f, "dimension " + j);
        }
        assertTrue(Math.abs(model.userEmbedding(0)[0] - isolated[0]) > 1e-6f, "trained users keep their own embedding");
    }

    @Test
    void userWithOnlyAProfileKeepsItsEmbedding() {
        float[][] rows = new float[10][];
        java.util.Random random = new java.util.Random(5);
        for (int node = 0; node < rows.length; node++) {
            rows[node] = new float[5];
            for (int j = 0; j < 5; j++) {
                rows[node][j] = (float) random.nextGaussian();
            }
        }
        TrainingGraph graph = TrainingGraph.builder(4, 4, 6, 2)
                .knowledgeGraph(new int[] {0, 1, 2}, new int[] {0, 0, 1}, new int[] {4, 4, 5})
                .interactions(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 2, 0, 3})
                .profiles(rows)
                .build();

        TrainedModel model = SpikeTrainer.train(graph, SMALL, TrainingMonitor.NONE);

        float[] withProfile = model.userEmbedding(3);
        float mean = (model.userEmbedding(0)[0] + model.userEmbedding(1)[0] + model.userEmbedding(2)[0]) / 3;
        assertTrue(Math.abs(mean - withProfile[0]) > 1e-6f, "a profile places the user");
    }

    @Test
    void differentSeedsGiveDifferentEmbeddings() {
        TrainingGraph graph = TestGraphs.tiny(true);
        TrainedModel first = SpikeTrainer.train(graph, SMALL, TrainingMonitor.NONE);
        TrainedModel second = SpikeTrainer.train(graph, SMALL.toBuilder().seed(43).build(), TrainingMonitor.NONE);
        assertTrue(!java.util.Arrays.equals(first.userEmbeddings(), second.userEmbeddings()));
    }

    @Test
    void itemWithoutKgTriplesStaysFinite() {
        for (int concurrency : new int[] {1, 2}) {
            TrainedModel model = SpikeTrainer.train(TestGraphs.tiny(true),
                    SMALL.toBuilder().epochs(10).concurrency(concurrency).build(), TrainingMonitor.NONE);
            assertFinite(model.userEmbeddings(), "users, concurrency " + concurrency);
            assertFinite(model.entityEmbeddings(), "entities, concurrency " + concurrency);
            assertTrue(Float.isFinite(model.score(0, 3)), "item 3 must still be scored");
        }
    }

    @Test
    void trainingFindsClustersInInteractions() {
        // The KG and profiles are noise here, so only learning from the interactions can find the groups.
        TestGraphs.Planted planted = TestGraphs.planted(4, 25, 30, 8, 4, false, 11);
        List<TrainingMonitor.EpochReport> reports = new ArrayList<>();
        SpikeConfig config = SpikeConfig.builder().embeddingDim(32).epochs(40).batchSize(128).learningRate(0.01)
                .patience(0).seed(5).build();
        TrainedModel model = SpikeTrainer.train(planted.graph(), config, new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                reports.add(report);
            }
        });
        TrainedModel untrained = SpikeTrainer.train(planted.graph(), config.toBuilder().epochs(1)
                .learningRate(1e-9).build(), TrainingMonitor.NONE);
        double recall = testRecall(planted, model);
        double untrainedRecall = testRecall(planted, untrained);
        double popularity = popularityRecall(planted);

        assertEquals(40, reports.size());
        assertTrue(reports.get(39).bprLoss() < 0.5 * reports.get(0).bprLoss(),
                "BPR loss fell only from " + reports.get(0).bprLoss() + " to " + reports.get(39).bprLoss());
        assertTrue(reports.get(0).alignmentLoss() > 0, "the alignment loss must be computed");
        assertTrue(reports.get(39).validationRecallAt20().isPresent());
        // Within its group a user has 22 candidates, so a model that learned the groups gets about 20/22.
        assertTrue(recall > 0.75, "Recall@20 " + recall);
        assertTrue(untrainedRecall < 0.4, "the untrained model must not solve the data: " + untrainedRecall);
        assertTrue(popularity < 0.35, "popularity must not solve the data: " + popularity);
    }

    @Test
    void kgAndProfilesCarryClusters() {
        TestGraphs.Planted planted = TestGraphs.planted(4, 25, 30, 8, 4, true, 11);
        SpikeConfig config = SpikeConfig.builder().embeddingDim(32).epochs(20).batchSize(128).learningRate(0.01)
                .patience(0).seed(5).build();
        double recall = testRecall(planted, SpikeTrainer.train(planted.graph(), config, TrainingMonitor.NONE));
        assertTrue(recall > 0.8, "Recall@20 " + recall);
    }

    @Test
    void earlyStoppingKeepsBestEpoch() {
        TestGraphs.Planted planted = TestGraphs.planted(2, 10, 10, 4, 2, false, 3);
        SpikeConfig config = SMALL.toBuilder().epochs(200).patience(2).batchSize(32).build();
        List<Double> recalls = new ArrayList<>();
        TrainedModel model = SpikeTrainer.train(planted.graph(), config, new TrainingMonitor() {
            @Override
            public void onEpoch(EpochReport report) {
                recalls.add(report.validationRecallAt20().orElseThrow());
            }
        });
        assertTrue(model.epochsTrained() < 200, "training ran all epochs: " + recalls);
        assertEquals(model.epochsTrained() - 2, model.bestEpoch());
        double best = recalls.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertEquals(best, recalls.get(model.bestEpoch() - 1));
    }

    @Test
    void terminationStopsWithinOneBatch() throws InterruptedException {
        RuntimeException stop = new IllegalStateException("terminated");
        int[] checks = {0};
        TrainingMonitor monitor = new TrainingMonitor() {
            @Override
            public void checkTermination() {
                if (++checks[0] == 5) {
                    throw stop;
                }
            }
        };
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> SpikeTrainer.train(
                TestGraphs.tiny(true), SMALL.toBuilder().epochs(100).concurrency(2).build(), monitor));
        assertSame(stop, thrown);
        assertEquals(5, checks[0], "no batch may run after the check that failed");
        for (int wait = 0; wait < 50 && workerThreadsAlive(); wait++) {
            Thread.sleep(20);
        }
        assertTrue(!workerThreadsAlive(), "worker threads must stop with the run");
    }

    @Test
    void saveAndLoadRoundTrip(@TempDir Path folder) throws IOException {
        TrainedModel model = SpikeTrainer.train(TestGraphs.tiny(true), SMALL, TrainingMonitor.NONE);
        Path file = folder.resolve("model.spike");
        model.save(file);
        model.save(file);
        TrainedModel loaded = TrainedModel.load(file);

        assertEquals(model.config(), loaded.config());
        assertArrayEquals(model.userEmbeddings(), loaded.userEmbeddings());
        assertArrayEquals(model.entityEmbeddings(), loaded.entityEmbeddings());
        assertArrayEquals(model.parameters().mlpWeight1, loaded.parameters().mlpWeight1);
        assertArrayEquals(model.parameters().queryWeight, loaded.parameters().queryWeight);
        assertEquals(model.score(1, 2), loaded.score(1, 2));
        assertArrayEquals(model.score(new int[] {0, 2}, 2, null).items()[1],
                loaded.score(new int[] {0, 2}, 2, null).items()[1]);
        try (var files = Files.list(folder)) {
            assertEquals(1, files.count(), "no temporary file may remain");
        }
    }

    @Test
    void savedModelHasDefaultPermissions(@TempDir Path folder) throws IOException {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                folder.getFileSystem().supportedFileAttributeViews().contains("posix"), "POSIX permissions only");
        TrainedModel model = SpikeTrainer.train(TestGraphs.tiny(false),
                SMALL.toBuilder().profiles(false).alignment(false).build(), TrainingMonitor.NONE);
        Path file = folder.resolve("model.spike");
        Path plain = Files.createFile(folder.resolve("plain"));

        model.save(file);

        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(file));
    }

    @Test
    void unknownFormatVersionIsRejected(@TempDir Path folder) throws IOException {
        TrainedModel model = SpikeTrainer.train(TestGraphs.tiny(false),
                SMALL.toBuilder().profiles(false).alignment(false).build(), TrainingMonitor.NONE);
        Path file = folder.resolve("model.spike");
        model.save(file);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(8);
            raw.writeInt(99);
        }
        IOException error = assertThrows(IOException.class, () -> TrainedModel.load(file));
        assertTrue(error.getMessage().contains("version 99"), error.getMessage());
        assertTrue(error.getMessage().contains("reads version " + TrainedModel.FORMAT_VERSION), error.getMessage());
    }

    @Test
    void profilesRequiredWhenEnabled() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SpikeTrainer.train(TestGraphs.tiny(false), SMALL, TrainingMonitor.NONE));
        assertTrue(error.getMessage().contains("profiles=false"), error.getMessage());
    }

    private static double testRecall(TestGraphs.Planted planted, TrainedModel model) {
        return RankingMetrics.evaluate(model.scorer(), planted.graph().userItems(), planted.test(), planted.allUsers(),
                20).recall(20);
    }

    private static double popularityRecall(TestGraphs.Planted planted) {
        TrainingGraph graph = planted.graph();
        float[] popularity = new float[graph.nItems()];
        for (int item : graph.interactionItem()) {
            popularity[item]++;
        }
        float[] ones = new float[graph.nUsers()];
        java.util.Arrays.fill(ones, 1f);
        TopKScorer scorer = new TopKScorer(ones, graph.nUsers(), popularity, graph.nItems(), 1);
        return RankingMetrics.evaluate(scorer, graph.userItems(), planted.test(), planted.allUsers(), 20).recall(20);
    }

    private static boolean workerThreadsAlive() {
        return Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("spike-worker"));
    }

    private static void assertFinite(float[] values, String label) {
        for (int i = 0; i < values.length; i++) {
            assertTrue(Float.isFinite(values[i]), label + "[" + i + "] = " + values[i]);
        }
    }
}
