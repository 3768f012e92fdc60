package dev.spike.catalog;

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
 * <p>A model keeps {@value TrainingPairs#CHECKED} of its trained user-item pairs by node id, spread
 * over its users. A pair counts when a relationship of the model's interaction type, in either
 * direction, joins a node with the model's user label and a node with its item label. The check
 * fails when fewer than half of the pairs count. Other types do not count, since a model's own
 * recommendations, written without leaving out rated items, join many trained pairs.
 * On an unchanged graph every one is there. On a graph loaded again, only the pairs that the new
 * data happens to repeat are there, about as many as the share of user-item pairs that are
 * interactions. A projection may rename labels, so a label counts only when the database has ever
 * had a label of that name. The check is skipped when the model's interactions are not stored
 * relationships, as after a projection that derived them from paths.
 *
 * <p>Models saved before they kept these pairs are checked more loosely: one relationship from a
 * model user to an item it was trained with is enough. Deleting part of the graph is not
 * detected: new nodes that took some of the model's ids receive its results until it is trained
 * again.
 */
public final class TrainedGraphCheck {

    private TrainedGraphCheck() {}

    /**
     * Fails when fewer than half of the model's checked pairs remain. For models saved without
     * checked pairs, fails when no model user has a relationship to an item it was trained with.
     * Models saved without a training-pair sample pass unchecked.
     */
    public static void requireTrainedInteractions(String procedure, ModelEntry entry, Transaction transaction) {
        long[] sample = entry.trainingPairSample();
        if (sample == null || sample.length == 0 || !interactionTypeExists(transaction, entry)) {
            return;
        }
        long[] checked = entry.checkedPairs();
        if (checked == null || checked.length == 0) {
            requireOneSampledPair(procedure, entry, transaction, sample);
            return;
        }
        int pairs = checked.length / 2;
        int needed = (pairs + 1) / 2;
        int remaining = countConnected(transaction, checked, entry.spec().userLabel(), entry.spec().itemLabel(),
                entry.databaseInteractionType(), needed);
        if (remaining < needed) {
            throw new IllegalArgumentException(procedure + ": only " + remaining + " of " + pairs + " user-item pairs "
                    + "that model '" + entry.name() + "' was trained on, checked by sample, still have a "
                    + entry.databaseInteractionType() + " relationship between a node labelled "
                    + entry.spec().userLabel() + " and a node labelled " + entry.spec().itemLabel() + ". "
                    + replacedAdvice(entry));
        }
    }

    /**
     * Returns the database type of a new model's interactions when they are stored relationships,
     * that is when at least half of its checked pairs are joined by a relationship of that type.
     * Returns null when they are not, as when a Cypher projection derived them from paths, under a
     * name that the database may also use for other relationships.
     */
    public static String storedInteractionType(Transaction transaction, long[] checkedPairs, String userLabel,
            String itemLabel, String databaseType) {
        if (!typeExists(transaction, databaseType)) {
            return null;
        }
        int needed = (checkedPairs.length / 2 + 1) / 2;
        int connected = countConnected(transaction, checkedPairs, userLabel, itemLabel, databaseType, needed);
        return connected >= needed ? databaseType : null;
    }

    /** Counts the pairs that a relationship of the type joins, up to {@code enough}. */
    private static int countConnected(Transaction transaction, long[] pairs, String userLabelName,
            String itemLabelName, String typeName, int enough) {
        Label userLabel = labelIfEverExisted(transaction, userLabelName);
        Label itemLabel = labelIfEverExisted(transaction, itemLabelName);
        RelationshipType type = RelationshipType.withName(typeName);
        int count = 0;
        for (int p = 0; p < pairs.length / 2 && count < enough; p++) {
            if (connected(transaction, pairs[2 * p], userLabel, pairs[2 * p + 1], itemLabel, type)) {
                count++;
            }
        }
        return count;
    }

    /** Tells whether both nodes exist with their labels and a relationship of the type joins them. */
    private static boolean connected(Transaction transaction, long userNodeId, Label userLabel, long itemNodeId,
            Label itemLabel, RelationshipType type) {
        Node user;
        Node item;
        try {
            user = transaction.getNodeById(userNodeId);
            item = transaction.getNodeById(itemNodeId);
        } catch (NotFoundException deleted) {
            return false;
        }
        if ((userLabel != null && !user.hasLabel(userLabel)) || (itemLabel != null && !item.hasLabel(itemLabel))) {
            return false;
        }
        boolean fromUser = user.getDegree(type) <= item.getDegree(type);
        long fromId = fromUser ? userNodeId : itemNodeId;
        long otherId = fromUser ? itemNodeId : userNodeId;
        try (ResourceIterable<Relationship> relationships = (fromUser ? user : item).getRelationships(type)) {
            for (Relationship relationship : relationships) {
                if (relationship.getOtherNodeId(fromId) == otherId) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void requireOneSampledPair(String procedure, ModelEntry entry, Transaction transaction,
            long[] sample) {
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
                + "model '" + entry.name() + "' still has a relationship to an item it was trained with. "
                + replacedAdvice(entry));
    }

    private static String replacedAdvice(ModelEntry entry) {
        return "The users or their " + entry.databaseInteractionType() + " interactions were deleted, or the graph was "
                + "loaded again, and Neo4j gives the ids of deleted nodes to new nodes, so the model's results could "
                + "go to other nodes. Project the current graph and train the model again, or drop it with "
                + "spike.model.drop.";
    }

    /** Returns the label when the database has a label token of this name, in use or not, else null. */
    private static Label labelIfEverExisted(Transaction transaction, String name) {
        for (Label existing : transaction.getAllLabels()) {
            if (existing.name().equals(name)) {
                return existing;
            }
        }
        return null;
    }

    /**
     * Fails when the database has never had the relationship type of the model's interactions, as
     * when a Cypher projection derived them from paths, for a procedure that must read them.
     *
     * @param consequence what the procedure cannot do without them, and what to do instead
     */
    public static void requireInteractionType(String procedure, ModelEntry entry, Transaction transaction,
            String consequence) {
        if (!interactionTypeExists(transaction, entry)) {
            throw new IllegalArgumentException(procedure + ": model '" + entry.name() + "' was trained on "
                    + entry.spec().interactionType() + " interactions that are not relationships stored in the "
                    + "database, as when a Cypher projection derived them from paths, " + consequence);
        }
    }

    /**
     * Tells whether the model's interactions are relationships of a type that the database has, or
     * once had. Derived interactions have no database type, or in older models a type never used.
     */
    private static boolean interactionTypeExists(Transaction transaction, ModelEntry entry) {
        return entry.databaseInteractionType() != null && typeExists(transaction, entry.databaseInteractionType());
    }

    private static boolean typeExists(Transaction transaction, String name) {
        for (RelationshipType existing : transaction.getAllRelationshipTypes()) {
            if (existing.name().equals(name)) {
                return true;
            }
        }
        return false;
    }
}
