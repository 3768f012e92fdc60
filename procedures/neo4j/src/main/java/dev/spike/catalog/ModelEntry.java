package dev.spike.catalog;

import dev.spike.graph.GraphSpec;
import dev.spike.model.TrainedModel;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained model in the catalog with what it needs to work after its projection is gone: the
 * Neo4j node ids behind its dense user and entity ids, and the graph shape it was trained on.
 *
 * @param name catalog name
 * @param databaseName database whose node ids {@code userNodeIds} and {@code entityNodeIds} are
 * @param graphName projection it was trained on
 * @param spec labels, types and profile property used in training
 * @param userNodeIds Neo4j node id of each dense user id
 * @param entityNodeIds Neo4j node id of each dense entity id; the first {@code model.nItems()} are items
 * @param relationTypes KG relationship type of each relation id
 * @param createdAt when training finished
 * @param metrics final losses and validation figures of the training run
 * @param model the trained weights and embeddings
 * @param trainingPairSample hashes of a sample of the trained user-item pairs ({@link TrainingPairs}),
 *     empty for models saved before the sample was kept
 * @param checkedPairs some of the sampled pairs as user and item node ids one after the other
 *     ({@link TrainingPairs.Sample#checkedPairs}), empty for models saved before they were kept
 * @param databaseInteractionType the database relationship type of the interactions: the one a
 *     native projection loaded under {@code spec.interactionType()}, or that name itself; null when
 *     the interactions are not stored relationships, as when a Cypher projection derived them
 */
public record ModelEntry(
        String name,
        String databaseName,
        String graphName,
        GraphSpec spec,
        long[] userNodeIds,
        long[] entityNodeIds,
        List<String> relationTypes,
        Instant createdAt,
        Map<String, Double> metrics,
        TrainedModel model,
        long[] trainingPairSample,
        long[] checkedPairs,
        String databaseInteractionType) {

    /** Dense user id of each Neo4j node id. */
    public Map<Long, Integer> userIndex() {
        return index(userNodeIds);
    }

    /** Dense entity id of each Neo4j node id (items first). */
    public Map<Long, Integer> entityIndex() {
        return index(entityNodeIds);
    }

    private static Map<Long, Integer> index(long[] nodeIds) {
        Map<Long, Integer> index = new HashMap<>(nodeIds.length * 2);
        for (int i = 0; i < nodeIds.length; i++) {
            index.put(nodeIds[i], i);
        }
        return index;
    }
}
