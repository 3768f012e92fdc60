package dev.spike.model.nn;

import java.util.Arrays;

/** User messages: the row-normalised ({@code D⁻¹A}) sum of the embeddings of each user's items. */
public final class UserAggregation {
    private final int dim;

    public UserAggregation(int dim) {
        this.dim = dim;
    }

    /** Writes the {@code nUsers × dim} messages into {@code out}; users without kept edges get zero. */
    public void forward(float[] entities, int nUsers, SampledEdges edges, float[] out, Parallel parallel) {
        int[] offsets = edges.userOffsets();
        int[] items = edges.userItems();
        float[] weight = edges.userWeight();
        parallel.forRows(offsets, (p, start, end) -> {
            for (int u = start; u < end; u++) {
                int ub = u * dim;
                Arrays.fill(out, ub, ub + dim, 0f);
                float w = weight[u];
                for (int i = offsets[u]; i < offsets[u + 1]; i++) {
                    int ib = items[i] * dim;
                    for (int j = 0; j < dim; j++) {
                        out[ub + j] += w * entities[ib + j];
                    }
                }
            }
        });
    }

    /** Adds the gradient with respect to the item embeddings (the first rows of the entity table). */
    public void backward(float[] gradOut, int nItems, SampledEdges edges, float[] gradEntities, Parallel parallel) {
        int[] offsets = edges.itemOffsets();
        int[] users = edges.itemUsers();
        float[] weight = edges.userWeight();
        parallel.forRows(offsets, (p, start, end) -> {
            for (int item = start; item < end; item++) {
                int ib = item * dim;
                for (int i = offsets[item]; i < offsets[item + 1]; i++) {
                    int u = users[i];
                    int ub = u * dim;
                    float w = weight[u];
                    for (int j = 0; j < dim; j++) {
                        gradEntities[ib + j] += w * gradOut[ub + j];
                    }
                }
            }
        });
    }
}
