package dev.spike.model.nn;

/**
 * Alignment loss between the final GNN embeddings and the projected profiles.
 *
 * <p>For each anchor set, both embeddings are L2-normalised row by row into {@code A} (GNN) and
 * {@code B} (profiles), both {@code k × d}, and the loss is the mean squared difference of their
 * cosine-similarity matrices, {@code ‖AAᵀ - BBᵀ‖²_F / k²}. The Frobenius norm is expanded as
 * {@code ‖AᵀA‖²_F - 2‖AᵀB‖²_F + ‖BᵀB‖²_F}, so only {@code d × d} Gram matrices are formed, in
 * {@code O(k·d²)} instead of {@code O(k²·d)}. The gradients are {@code 4(A·AᵀA - B·BᵀA)} for
 * {@code A} and {@code -4(A·AᵀB - B·BᵀB)} for {@code B}, divided by {@code k²}. The result is
 * averaged over the anchor sets and multiplied by the weight.
 */
public final class AlignmentLoss {
    private AlignmentLoss() {
    }

    /**
     * Computes the weighted loss and adds its gradients.
     *
     * @param gnn final embeddings, row-major with {@code dim} columns
     * @param profiles projected profiles, same shape
     * @param anchorSets node rows of each anchor set; rows within one set must be distinct
     */
    public static double compute(float[] gnn, float[] profiles, int dim, int[][] anchorSets, double weight,
                                 float[] gradGnn, float[] gradProfiles) {
        double total = 0;
        double setWeight = weight / anchorSets.length;
        for (int[] anchors : anchorSets) {
            int k = anchors.length;
            float[] a = new float[k * dim];
            float[] b = new float[k * dim];
            float[] normA = gather(gnn, anchors, dim, a);
            float[] normB = gather(profiles, anchors, dim, b);

            float[] gramAA = Dense.matmul(a, k, dim, true, a, k, dim, false);
            float[] gramAB = Dense.matmul(a, k, dim, true, b, k, dim, false);
            float[] gramBB = Dense.matmul(b, k, dim, true, b, k, dim, false);
            double squaredDifference = squaredNorm(gramAA) - 2 * squaredNorm(gramAB) + squaredNorm(gramBB);
            double scale = setWeight / ((double) k * k);
            total += scale * squaredDifference;

            // dA = 4(A·AᵀA - B·(AᵀB)ᵀ), dB = -4(A·AᵀB - B·BᵀB), both times the set's scale.
            float[] gradA = Dense.matmul(a, k, dim, false, gramAA, dim, dim, false);
            float[] bGramBA = Dense.matmul(b, k, dim, false, gramAB, dim, dim, true);
            float[] gradB = Dense.matmul(b, k, dim, false, gramBB, dim, dim, false);
            float[] aGramAB = Dense.matmul(a, k, dim, false, gramAB, dim, dim, false);
            float factor = (float) (4 * scale);
            for (int i = 0; i < gradA.length; i++) {
                gradA[i] = factor * (gradA[i] - bGramBA[i]);
                gradB[i] = factor * (gradB[i] - aGramAB[i]);
            }
            scatterThroughNormalisation(gradA, a, normA, anchors, dim, gradGnn);
            scatterThroughNormalisation(gradB, b, normB, anchors, dim, gradProfiles);
        }
        return total;
    }

    /**
     * Computes the same loss from the {@code k × k} similarity matrices directly, in
     * {@code O(k²·d)}; a check for {@link #compute}.
     */
    public static double computeDirect(float[] gnn, float[] profiles, int dim, int[][] anchorSets, double weight) {
        double total = 0;
        for (int[] anchors : anchorSets) {
            int k = anchors.length;
            float[] a = new float[k * dim];
            float[] b = new float[k * dim];
            gather(gnn, anchors, dim, a);
            gather(profiles, anchors, dim, b);
            double sum = 0;
            for (int i = 0; i < k; i++) {
                for (int j = 0; j < k; j++) {
                    double simA = 0;
                    double simB = 0;
                    for (int x = 0; x < dim; x++) {
                        simA += (double) a[i * dim + x] * a[j * dim + x];
                        simB += (double) b[i * dim + x] * b[j * dim + x];
                    }
                    sum += (simA - simB) * (simA - simB);
                }
            }
            total += sum / ((double) k * k);
        }
        return weight * total / anchorSets.length;
    }

    /** Copies the anchor rows into {@code out}, normalised, and returns their norms. */
    private static float[] gather(float[] source, int[] anchors, int dim, float[] out) {
        float[] norms = new float[anchors.length];
        for (int i = 0; i < anchors.length; i++) {
            int sb = anchors[i] * dim;
            double sum = 0;
            for (int j = 0; j < dim; j++) {
                sum += (double) source[sb + j] * source[sb + j];
            }
            double norm = Math.sqrt(sum);
            norms[i] = (float) norm;
            float inverse = norm > RowOps.NORM_EPSILON ? (float) (1.0 / norm) : 0f;
            for (int j = 0; j < dim; j++) {
                out[i * dim + j] = source[sb + j] * inverse;
            }
        }
        return norms;
    }

    private static void scatterThroughNormalisation(float[] grad, float[] normalised, float[] norms, int[] anchors,
                                                    int dim, float[] target) {
        for (int i = 0; i < anchors.length; i++) {
            if (norms[i] <= RowOps.NORM_EPSILON) {
                continue;
            }
            int base = i * dim;
            double dot = 0;
            for (int j = 0; j < dim; j++) {
                dot += (double) normalised[base + j] * grad[base + j];
            }
            float inverseNorm = 1f / norms[i];
            int tb = anchors[i] * dim;
            for (int j = 0; j < dim; j++) {
                target[tb + j] += (grad[base + j] - normalised[base + j] * (float) dot) * inverseNorm;
            }
        }
    }

    private static double squaredNorm(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += (double) v * v;
        }
        return sum;
    }
}
