package dev.spike.model.nn;

/**
 * BPR loss with an L2 penalty on the batch's final embeddings:
 * {@code mean(-log σ(u·p - u·n))} and {@code l2 · (‖u‖² + ‖p‖² + ‖n‖²) / (2 · batch)}.
 */
public final class BprLoss {
    private BprLoss() {
    }

    /** The two loss terms of one batch. */
    public record Value(double bpr, double l2) {
    }

    /**
     * Computes the loss of a batch and adds its gradient to {@code gradNodes}.
     *
     * @param nodes final embeddings, users then entities, row-major with {@code dim} columns
     * @param nUsers offset of entity rows in {@code nodes}
     */
    public static Value compute(float[] nodes, float[] gradNodes, int nUsers, int dim, int[] users,
                                int[] positives, int[] negatives, double l2) {
        int batch = users.length;
        double bprSum = 0;
        double squareSum = 0;
        float l2Scale = (float) (l2 / batch);
        for (int b = 0; b < batch; b++) {
            int ub = users[b] * dim;
            int pb = (nUsers + positives[b]) * dim;
            int nb = (nUsers + negatives[b]) * dim;
            double margin = 0;
            for (int j = 0; j < dim; j++) {
                margin += (double) nodes[ub + j] * (nodes[pb + j] - nodes[nb + j]);
                squareSum += (double) nodes[ub + j] * nodes[ub + j] + (double) nodes[pb + j] * nodes[pb + j]
                        + (double) nodes[nb + j] * nodes[nb + j];
            }
            // -log σ(x) = log(1 + e^-x), written to stay finite for large |x|.
            bprSum += margin > 0 ? Math.log1p(Math.exp(-margin)) : -margin + Math.log1p(Math.exp(margin));
            float dMargin = (float) (-1.0 / (1.0 + Math.exp(margin)) / batch);
            for (int j = 0; j < dim; j++) {
                float u = nodes[ub + j];
                float p = nodes[pb + j];
                float n = nodes[nb + j];
                gradNodes[ub + j] += dMargin * (p - n) + l2Scale * u;
                gradNodes[pb + j] += dMargin * u + l2Scale * p;
                gradNodes[nb + j] += -dMargin * u + l2Scale * n;
            }
        }
        return new Value(bprSum / batch, l2 * squareSum / 2 / batch);
    }
}
