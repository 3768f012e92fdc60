package dev.spike.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;

/**
 * Reads profile embeddings from the nodes themselves and checks that they form one matrix.
 *
 * <p>Rules, the same whatever order the nodes were created or read in:
 * <ul>
 *   <li>float[] values are used as they are; double[], long[] and int[] values (Cypher lists of
 *       numbers are stored as such) are converted to float[].</li>
 *   <li>The dimension is the length most nodes have. Nodes of another length, or with a value
 *       that is not a list of numbers, stop the run before training with an error that names
 *       the first few (label, id property, node id, what was found and what was expected).</li>
 *   <li>Nodes without the property get a zero vector and are counted as {@code missing}.</li>
 * </ul>
 */
public final class DatabaseProfiles implements ProjectionReader.ProfileSource {

    private static final int MAX_REPORTED = 5;

    private final String procedure;
    private final Transaction transaction;

    public DatabaseProfiles(String procedure, Transaction transaction) {
        this.procedure = procedure;
        this.transaction = transaction;
    }

    @Override
    public ProjectedGraph.Profiles read(String property, long[] userNodeIds, long[] entityNodeIds, GraphSpec spec) {
        int rows = userNodeIds.length + entityNodeIds.length;
        float[][] vectors = new float[rows][];
        List<String> badValues = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            long nodeId = row < userNodeIds.length ? userNodeIds[row] : entityNodeIds[row - userNodeIds.length];
            Node node = node(nodeId);
            Object value = node.getProperty(property, null);
            if (value == null) {
                continue;
            }
            vectors[row] = toFloats(value);
            if (vectors[row] == null && badValues.size() < MAX_REPORTED) {
                badValues.add(describe(node) + ": " + property + " is " + typeOf(value) + ", expected a list of numbers");
            }
        }
        if (!badValues.isEmpty()) {
            boolean text = badValues.stream().anyMatch(value -> value.endsWith("is a string, expected a list of numbers"));
            throw new IllegalArgumentException(procedure + ": invalid profile embeddings. " + String.join("; ", badValues)
                    + (text ? ". profileProperty names the embedding (a list of numbers, 'profileEmbedding' by default), "
                            + "not the profile text; name the embedding property instead."
                            : ". Recompute them with spike.profile.embed or remove the property from those nodes."));
        }

        int dimension = commonDimension(vectors);
        List<String> wrongLength = new ArrayList<>();
        int wrongCount = 0;
        for (int row = 0; row < rows; row++) {
            if (vectors[row] != null && vectors[row].length != dimension) {
                wrongCount++;
                if (wrongLength.size() < MAX_REPORTED) {
                    long nodeId = row < userNodeIds.length ? userNodeIds[row] : entityNodeIds[row - userNodeIds.length];
                    wrongLength.add(describe(node(nodeId)) + ": " + property + " has " + vectors[row].length
                            + " values, the others have " + dimension);
                }
            }
        }
        if (wrongCount > 0) {
            throw new IllegalArgumentException(procedure + ": profile embeddings of mixed dimensions in " + wrongCount
                    + " node(s). " + String.join("; ", wrongLength)
                    + ". Embed all profiles with one model (spike.profile.embed with force: true) before training.");
        }

        float[] values = new float[rows * Math.max(dimension, 0)];
        boolean[] present = new boolean[rows];
        int missing = 0;
        for (int row = 0; row < rows; row++) {
            if (vectors[row] == null) {
                missing++;
                continue;
            }
            present[row] = true;
            System.arraycopy(vectors[row], 0, values, row * dimension, dimension);
        }
        return new ProjectedGraph.Profiles(values, dimension, present, missing);
    }

    private Node node(long nodeId) {
        try {
            return transaction.getNodeById(nodeId);
        } catch (NotFoundException e) {
            throw new IllegalStateException(procedure + ": node " + nodeId + " of the projection no longer exists "
                    + "in the database. Drop and re-create the projection.");
        }
    }

    /** Returns the most common length, or on a tie the smallest tied length, so that node order does not matter. */
    private int commonDimension(float[][] vectors) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (float[] vector : vectors) {
            if (vector != null) {
                counts.merge(vector.length, 1, Integer::sum);
            }
        }
        int best = -1;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> entry : counts.entrySet()) {
            int length = entry.getKey();
            int count = entry.getValue();
            if (count > bestCount || count == bestCount && length < best) {
                best = length;
                bestCount = count;
            }
        }
        if (best == 0) {
            throw new IllegalArgumentException(procedure + ": profile embeddings are empty lists. "
                    + "Run spike.profile.embed to compute them.");
        }
        return best;
    }

    private static float[] toFloats(Object value) {
        if (value instanceof float[] floats) {
            return floats;
        }
        if (value instanceof double[] doubles) {
            float[] result = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                result[i] = (float) doubles[i];
            }
            return result;
        }
        if (value instanceof long[] longs) {
            float[] result = new float[longs.length];
            for (int i = 0; i < longs.length; i++) {
                result[i] = longs[i];
            }
            return result;
        }
        if (value instanceof int[] ints) {
            float[] result = new float[ints.length];
            for (int i = 0; i < ints.length; i++) {
                result[i] = ints[i];
            }
            return result;
        }
        return null;
    }

    private static String typeOf(Object value) {
        if (value instanceof String) {
            return "a string";
        }
        if (value instanceof String[]) {
            return "a list of strings";
        }
        if (value.getClass().isArray()) {
            return "a list of " + value.getClass().getComponentType().getSimpleName() + " values";
        }
        return "a " + value.getClass().getSimpleName();
    }

    /** "Item id=2 (node 17)": the first label, the user-facing id property when there is one, and the node id. */
    static String describe(Node node) {
        String label = node.getLabels().iterator().hasNext() ? node.getLabels().iterator().next().name() : "node";
        Object id = node.getProperty("id", null);
        return id == null ? label + " (node " + node.getId() + ")" : label + " id=" + id + " (node " + node.getId() + ")";
    }
}
