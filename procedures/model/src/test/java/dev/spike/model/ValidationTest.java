package dev.spike.model;

import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.URLClassLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages of rejected configs, graphs and backends. */
class ValidationTest {
    @Test
    void defaultConfigIsValid() {
        SpikeConfig config = SpikeConfig.defaults().validate();
        assertEquals(64, config.embeddingDim());
        assertEquals(1e-3, config.learningRate());
    }

    @Test
    void configMessagesNameKeyValueAndRange() {
        assertMessage(() -> SpikeConfig.builder().learningRate(0).build().validate(),
                "learningRate", "0.0", "(0, 1]");
        assertMessage(() -> SpikeConfig.builder().messageDropout(1.0).build().validate(),
                "messageDropout", "1.0", "[0, 1)");
        assertMessage(() -> SpikeConfig.builder().layers(-1).build().validate(), "layers", "-1", "[0, 8]");
        assertMessage(() -> SpikeConfig.builder().anchorRatio(0).build().validate(), "anchorRatio", "0.0");
        assertMessage(() -> SpikeConfig.builder().heads(3).build().validate(), "heads", "3", "embeddingDim 64");
        assertMessage(() -> SpikeConfig.builder().profiles(false).build().validate(), "alignment", "profiles");
        assertMessage(() -> SpikeConfig.builder().batchSize(0).build().validate(), "batchSize", "0");
    }

    @Test
    void graphRejectsIdsOutOfRange() {
        assertMessage(() -> TrainingGraph.builder(2, 3, 5, 1)
                        .knowledgeGraph(new int[] {0}, new int[] {0}, new int[] {5})
                        .interactions(new int[] {0}, new int[] {0}).build(),
                "kgTail[0]", "5", "nEntities");
        assertMessage(() -> TrainingGraph.builder(2, 3, 5, 1)
                        .interactions(new int[] {0, 2}, new int[] {0, 1}).build(),
                "trainUser[1]", "2", "nUsers");
        assertMessage(() -> TrainingGraph.builder(2, 3, 5, 1)
                        .knowledgeGraph(new int[] {0}, new int[] {1}, new int[] {4})
                        .interactions(new int[] {0}, new int[] {0}).build(),
                "kgRelation[0]", "nRelations");
        assertMessage(() -> TrainingGraph.builder(2, 3, 2, 1).interactions(new int[] {0}, new int[] {0}).build(),
                "nEntities", "nItems");
    }

    @Test
    void graphRejectsEmptyInteractions() {
        assertMessage(() -> TrainingGraph.builder(2, 3, 5, 1).interactions(new int[0], new int[0]).build(),
                "empty");
    }

    @Test
    void graphRejectsMixedProfileDimensions() {
        float[][] rows = {{1, 2, 3}, null, {1, 2}, {0, 0, 1}, {1, 1, 1}};
        assertMessage(() -> TrainingGraph.builder(2, 3, 3, 0).interactions(new int[] {0}, new int[] {0})
                .profiles(rows).build(), "node 2", "2 values", "node 0 has 3");
    }

    @Test
    void graphCountsNodesWithoutProfile() {
        TrainingGraph graph = TestGraphs.tiny(true);
        assertEquals(1, graph.nodesWithoutProfile());
        assertEquals(5, graph.profileDim());
    }

    @Test
    void graphAddsInverseKgEdges() {
        TrainingGraph graph = TestGraphs.tiny(false);
        assertEquals(12, graph.kgByHead().targets.length);
        assertEquals(0, graph.kgByHead().degree(3), "item 3 has no KG triples");
        assertEquals(4, graph.relationEmbeddingCount());
    }

    @Test
    void missingBackendNamesServiceAndClassLoader() {
        URLClassLoader empty = new URLClassLoader("no-backend", new URL[0], null);
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Nd4jRuntime.requireBackendListed(empty));
        assertTrue(error.getMessage().contains(Nd4jRuntime.BACKEND_SERVICE), error.getMessage());
        assertTrue(error.getMessage().contains("no-backend"), error.getMessage());
        assertEquals("CpuBackend", Nd4jRuntime.ensureLoaded(1), "a failed lookup must not break ND4J");
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable action, String... parts) {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, action);
        for (String part : parts) {
            assertTrue(error.getMessage().contains(part), "expected '" + part + "' in: " + error.getMessage());
        }
    }
}
