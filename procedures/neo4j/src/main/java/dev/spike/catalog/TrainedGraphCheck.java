package dev.spike.catalog;

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
 * <p>The check looks for one relationship, of any type and direction, between a model user and an
 * item that the model was trained on together. A projection may rename or derive its interaction
 * type, so the type is not required to match. It walks the model's users and tests their current
 * relationships against the training-pair sample. On an unchanged graph it stops at the first
 * sampled pair, which is the first pair on graphs of up to 4,096 training interactions and about
 * one pair in N / 4,096 on larger ones. It reads every relationship of the model's users only when
 * it finds none, which is when it fails. It is skipped when the database has never had a
 * relationship type named like the model's interaction type, as after a projection that derived
 * its interactions from paths.
 * Deleting part of the graph is not detected: new nodes that took some of the model's ids receive
 * its results until it is trained again.
 */
public final class TrainedGraphCheck {

    private TrainedGraphCheck() {}

    /**
     * Fails when no user of the model still has a relationship to an item that the model was
     * trained on with that user. Models saved without a training-pair sample pass unchecked.
     */
    public static void requireTrainedInteractions(String procedure, ModelEntry entry, Transaction transaction) {
        long[] sample = entry.trainingPairSample();
        if (sample == null || sample.length == 0 || !typeEverExisted(transaction, entry.spec().interactionType())) {
            return;
        }
        for (long userNodeId : entry.userNodeIds()) {
            Node user;
            try {
                user = transaction.getNodeById(userNodeId);
            } catch (NotFoundException deleted) {
                continue;
            }
            try (ResourceIterable<Relationship> relationships = user.getRelationships()) {
                for (Relationship relationship : relationships) {
                    if (TrainingPairs.contains(sample, userNodeId, relationship.getOtherNodeId(userNodeId))) {
                        return;
                    }
                }
            }
        }
        throw new IllegalArgumentException(procedure + ": none of the " + entry.userNodeIds().length + " users of "
                + "model '" + entry.name() + "' still has a relationship to an item it was trained with. The users or "
                + "their " + entry.spec().interactionType() + " interactions were deleted, or the graph was loaded "
                + "again, and Neo4j gives the ids of deleted nodes to new nodes, so the model's results could go to "
                + "other nodes. Project the current graph and train the model again, or drop it with "
                + "spike.model.drop.");
    }

    /** Tells whether the database has a relationship type token of this name, in use or not. */
    private static boolean typeEverExisted(Transaction transaction, String type) {
        for (RelationshipType existing : transaction.getAllRelationshipTypes()) {
            if (existing.name().equals(type)) {
                return true;
            }
        }
        return false;
    }
}
