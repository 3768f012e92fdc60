package dev.spike.model.nn;

/**
 * Alignment loss between the final GNN embeddings and the projected profiles.
 *
 * <p>For each anchor set, both embeddings are L2-normalised row by row into {@code A} (GNN) and
 * {@code B} (profiles), both {@code k × d}, and the loss is the mean squared difference of their
 * cosine-similarity matrices, {@code ‖AAᵀ - BBᵀ‖²_F / k²}. The Frobenius norm is expanded as
 * {@code ‖AᵀA‖²_F - 2‖AᵀB‖²_F + ‖BᵀB‖²_F}, so only {@code d × d} Gram matrices are formed, in
 * {@code O(k·d²)} instead of {@code O(k²·d)}. The gradients are {@code 4(A·AᵀA - B·BᵀA)} for
 * {@code A} and {@code -4(A·AᵀB - B·BᵀB)} for {@code B}, divided by {@code k²}; with
 * {@code C = [A | B]} both Gram matrices and both gradients take one matrix product each. The
 * result is averaged over the anchor sets and multiplied by the weight.
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
        int width = 2 * dim;
        for (int[] anchors : anchorSets) {
            int k = anchors.length;
            // C = [A | B] puts both normalised anchor sets side by side, so CᵀC contains AᵀA, AᵀB and BᵀB.
            float[] c = Workspace.scratch(k * width);
            float[] normA = gather(gnn, anchors, dim, c, width, 0);
            float[] normB = gather(profiles, anchors, dim, c, width, dim);
            float[] gram = Dense.matmul(c, k, width, true, c, k, width, false);

            double squaredDifference = 0;
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < width; j++) {
                    double v = gram[i * width + j];
                    boolean crossBlock = (i < dim) != (j < dim);
                    // The two cross blocks are AᵀB and its transpose, together -2‖AᵀB‖².
                    squaredDifference += crossBlock ? -v * v : v * v;
                }
            }
            double scale = setWeight / ((double) k * k);
            total += scale * squaredDifference;

            // [dA | dB] = 4 · scale · C · M, where M is CᵀC with both cross blocks negated.
            float factor = (float) (4 * scale);
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < width; j++) {
                    boolean crossBlock = (i < dim) != (j < dim);
                    gram[i * width + j] *= crossBlock ? -factor : factor;
                }
            }
            float[] grad = Dense.matmul(c, k, width, false, gram, width, width, false);
            scatterThroughNormalisation(grad, c, width, 0, normA, anchors, dim, gradGnn);
            scatterThroughNormalisation(grad, c, width, dim, normB, anchors, dim, gradProfiles);
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
            gather(gnn, anchors, dim, a, dim, 0);
            gather(profiles, anchors, dim, b, dim, 0);
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

    /**
     * Copies the anchor rows, normalised, into columns {@code column..column+dim-1} of the
     * row-major matrix {@code out} with {@code width} columns, and returns their norms.
     */
    private static float[] gather(float[] source, int[] anchors, int dim, float[] out, int width, int column) {
        float[] norms = new float[anchors.length];
        for (int i = 0; i < anchors.length; i++) {
            int sb = anchors[i] * dim;
            int ob = i * width + column;
            float sum = 0f;
            for (int j = 0; j < dim; j++) {
                sum += source[sb + j] * source[sb + j];
            }
            float norm = (float) Math.sqrt(sum);
            norms[i] = norm;
            float inverse = norm > RowOps.NORM_EPSILON ? 1f / norm : 0f;
            for (int j = 0; j < dim; j++) {
                out[ob + j] = source[sb + j] * inverse;
            }
        }
        return norms;
    }

    private static void scatterThroughNormalisation(float[] grad, float[] normalised, int width, int column,
                                                    float[] norms, int[] anchors, int dim, float[] target) {
        for (int i = 0; i < anchors.length; i++) {
            if (norms[i] <= RowOps.NORM_EPSILON) {
                continue;
            }
            int base = i * width + column;
            float dot = 0f;
            for (int j = 0; j < dim; j++) {
                dot += normalised[base + j] * grad[base + j];
            }
            float inverseNorm = 1f / norms[i];
            int tb = anchors[i] * dim;
            for (int j = 0; j < dim; j++) {
                target[tb + j] += (grad[base + j] - normalised[base + j] * dot) * inverseNorm;
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
