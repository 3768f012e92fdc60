package dev.spike.catalog;

import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.ResourceIterable;
import org.neo4j.graphdb.Transaction;

/**
 * Detects a model whose graph was replaced. A model identifies its users and items by Neo4j node
 * id, and Neo4j gives the ids of deleted nodes to new nodes. After a graph is deleted and loaded
 * again, the new nodes carry the model's labels under the model's ids, and the label check alone
 * would hand them the old model's results.
 *
 * <p>The check looks for one interaction the model was trained on. It walks the model's users
 * and tests each of their current interactions against the training-pair sample, so on an
 * unchanged graph it stops at about the first sampled pair: every pair on graphs of up to 4,096
 * training interactions, and about one in N / 4,096 beyond. It reads every interaction of the
 * model's users only when none is found, which is when it fails. Deleting part of the graph is not
 * detected: new nodes that took some of the model's ids receive its results until it is trained
 * again.
 */
public final class TrainedGraphCheck {

    private TrainedGraphCheck() {}

    /**
     * Fails when none of the model's users still has an interaction the model was trained on.
     * Models saved without a training-pair sample pass unchecked.
     */
    public static void requireTrainedInteractions(String procedure, ModelEntry entry, Transaction transaction) {
        long[] sample = entry.trainingPairSample();
        if (sample == null || sample.length == 0) {
            return;
        }
        Label userLabel = Label.label(entry.spec().userLabel());
        RelationshipType interaction = RelationshipType.withName(entry.spec().interactionType());
        for (long userNodeId : entry.userNodeIds()) {
            Node user;
            try {
                user = transaction.getNodeById(userNodeId);
            } catch (NotFoundException deleted) {
                continue;
            }
            if (!user.hasLabel(userLabel)) {
                continue;
            }
            try (ResourceIterable<Relationship> relationships = user.getRelationships(Direction.BOTH, interaction)) {
                for (Relationship relationship : relationships) {
                    if (TrainingPairs.contains(sample, userNodeId, relationship.getOtherNodeId(userNodeId))) {
                        return;
                    }
                }
            }
        }
        throw new IllegalArgumentException(procedure + ": model '" + entry.name() + "' was trained on "
                + entry.spec().interactionType() + " interactions that the database no longer contains: none of its "
                + entry.userNodeIds().length + " :" + entry.spec().userLabel() + " nodes has one. Its nodes were "
                + "probably deleted, and Neo4j gives the ids of deleted nodes to new nodes, so the model's results "
                + "would go to other nodes. Project the current graph and train the model again, or drop it with "
                + "spike.model.drop.");
    }
}
