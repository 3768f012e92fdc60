package dev.spike.model.nn;

import java.util.SplittableRandom;

/**
 * The learned weights of a SPiKE model, as row-major float arrays: layer-0 node embeddings
 * (users then entities), relation embeddings (each relation, then its inverse), the attention
 * query matrix shared by all layers, and the profile MLP (absent without profiles).
 */
public final class ModelParameters {
    public final int nNodes;
    public final int relationCount;
    public final int dim;
    public final int profileDim;
    public final float[] nodeEmbeddings;
    public final float[] relationEmbeddings;
    public final float[] queryWeight;
    public final float[] mlpWeight1;
    public final float[] mlpBias1;
    public final float[] mlpWeight2;
    public final float[] mlpBias2;

    public ModelParameters(int nNodes, int relationCount, int dim, int profileDim, float[] nodeEmbeddings,
                           float[] relationEmbeddings, float[] queryWeight, float[] mlpWeight1, float[] mlpBias1,
                           float[] mlpWeight2, float[] mlpBias2) {
        this.nNodes = nNodes;
        this.relationCount = relationCount;
        this.dim = dim;
        this.profileDim = profileDim;
        this.nodeEmbeddings = requireLength("nodeEmbeddings", nodeEmbeddings, (long) nNodes * dim);
        this.relationEmbeddings = requireLength("relationEmbeddings", relationEmbeddings, (long) relationCount * dim);
        this.queryWeight = requireLength("queryWeight", queryWeight, (long) dim * dim);
        boolean hasMlp = profileDim > 0;
        this.mlpWeight1 = hasMlp ? requireLength("mlpWeight1", mlpWeight1, (long) profileDim * profileDim) : null;
        this.mlpBias1 = hasMlp ? requireLength("mlpBias1", mlpBias1, profileDim) : null;
        this.mlpWeight2 = hasMlp ? requireLength("mlpWeight2", mlpWeight2, (long) profileDim * dim) : null;
        this.mlpBias2 = hasMlp ? requireLength("mlpBias2", mlpBias2, dim) : null;
    }

    /**
     * Draws initial weights. Embeddings and {@code W_Q} use Xavier-uniform bounds
     * {@code √(6 / (rows + cols))}; the MLP uses {@code U(-1/√fanIn, 1/√fanIn)} for weights and biases.
     */
    public static ModelParameters initialise(int nNodes, int relationCount, int dim, int profileDim,
                                             SplittableRandom random) {
        float[] nodes = xavier(nNodes, dim, random);
        float[] relations = xavier(relationCount, dim, random);
        float[] query = xavier(dim, dim, random);
        if (profileDim <= 0) {
            return new ModelParameters(nNodes, relationCount, dim, 0, nodes, relations, query, null, null, null, null);
        }
        double bound = 1.0 / Math.sqrt(profileDim);
        return new ModelParameters(nNodes, relationCount, dim, profileDim, nodes, relations, query,
                uniform(profileDim * profileDim, bound, random), uniform(profileDim, bound, random),
                uniform(profileDim * dim, bound, random), uniform(dim, bound, random));
    }

    public boolean hasMlp() {
        return profileDim > 0;
    }

    /** Arrays of the same shapes, filled with zeros (gradient buffers). */
    public ModelParameters zerosLike() {
        return new ModelParameters(nNodes, relationCount, dim, profileDim, new float[nodeEmbeddings.length],
                new float[relationEmbeddings.length], new float[queryWeight.length],
                hasMlp() ? new float[mlpWeight1.length] : null, hasMlp() ? new float[mlpBias1.length] : null,
                hasMlp() ? new float[mlpWeight2.length] : null, hasMlp() ? new float[mlpBias2.length] : null);
    }

    public ModelParameters copy() {
        return new ModelParameters(nNodes, relationCount, dim, profileDim, nodeEmbeddings.clone(),
                relationEmbeddings.clone(), queryWeight.clone(), hasMlp() ? mlpWeight1.clone() : null,
                hasMlp() ? mlpBias1.clone() : null, hasMlp() ? mlpWeight2.clone() : null,
                hasMlp() ? mlpBias2.clone() : null);
    }

    /** Returns every array, in a fixed order shared by all instances with the same shapes. */
    public float[][] arrays() {
        if (!hasMlp()) {
            return new float[][] {nodeEmbeddings, relationEmbeddings, queryWeight};
        }
        return new float[][] {nodeEmbeddings, relationEmbeddings, queryWeight, mlpWeight1, mlpBias1, mlpWeight2,
                mlpBias2};
    }

    public void fill(float value) {
        for (float[] array : arrays()) {
            java.util.Arrays.fill(array, value);
        }
    }

    private static float[] xavier(int rows, int cols, SplittableRandom random) {
        return uniform(rows * cols, Math.sqrt(6.0 / (rows + cols)), random);
    }

    private static float[] uniform(int size, double bound, SplittableRandom random) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
        return values;
    }

    private static float[] requireLength(String name, float[] values, long expected) {
        if (values == null || values.length != expected) {
            throw new IllegalArgumentException("Invalid " + name + ": expected " + expected + " values, found "
                    + (values == null ? "none" : values.length));
        }
        return values;
    }
}
