package dev.spike.graph;

import java.util.List;

/**
 * A GDS projection turned into the plain arrays the model core trains on.
 *
 * <p>Dense ids: users {@code 0..users-1}; entities {@code 0..entities-1} with the items first
 * ({@code 0..items-1}). {@code userNodeIds[u]} and {@code entityNodeIds[e]} are the Neo4j node
 * ids behind them.
 */
public record ProjectedGraph(
        long[] userNodeIds,
        long[] entityNodeIds,
        int items,
        List<String> relationTypes,
        int[] kgHead,
        int[] kgRelation,
        int[] kgTail,
        int[] interactionUser,
        int[] interactionItem,
        Profiles profiles,
        int skippedRelationships) {

    public int users() {
        return userNodeIds.length;
    }

    public int entities() {
        return entityNodeIds.length;
    }

    /**
     * Profile embeddings, row-major, users then entities; {@code present[row]} is false for nodes
     * without one (their row is zeros).
     */
    public record Profiles(float[] values, int dimension, boolean[] present, int missing) {}
}
