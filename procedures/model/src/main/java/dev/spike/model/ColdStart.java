package dev.spike.model;

import dev.spike.model.nn.ModelParameters;
import dev.spike.model.nn.ProfileProjection;

/**
 * Embeddings for users and items that arrived after training, so they can get and be given
 * recommendations without retraining.
 *
 * <p>A new node's embedding combines two signals, each scaled to the mean norm of the trained
 * embeddings of its kind so that dot-product scores stay comparable:
 * <ul>
 *   <li>its neighbours: the mean of the final embeddings of the items a new user interacted
 *       with (the user aggregation of the model, D⁻¹A), or of the entities and users linked to
 *       a new item;</li>
 *   <li>its profile: the trained MLP's projection of its profile embedding. The alignment loss
 *       trains the GNN embeddings to share the similarity structure of these projections.</li>
 * </ul>
 * A node with both gets their sum; with neither, a zero vector (it scores 0 for everything).
 */
public final class ColdStart {

    private final TrainedModel model;
    private final float[] users;
    private final float[] entities;
    private final float userNorm;
    private final float itemNorm;

    public ColdStart(TrainedModel model) {
        this.model = model;
        this.users = model.userEmbeddings();
        this.entities = model.entityEmbeddings();
        this.userNorm = meanNorm(users, model.nUsers(), model.dim());
        this.itemNorm = meanNorm(entities, model.nItems(), model.dim());
    }

    /**
     * @param items dense ids of items the new user interacted with (unknown ones left out)
     * @param profile the user's profile embedding, or null
     */
    public float[] user(int[] items, float[] profile) {
        return user(entities, items, profile);
    }

    /**
     * As {@link #user(int[], float[])}, with the items' rows taken from {@code itemTable}, which
     * contains the trained items followed by new items, so that a new user of new items is placed
     * among them.
     */
    public float[] user(float[] itemTable, int[] items, float[] profile) {
        float[] neighbours = mean(itemTable, items, model.dim());
        return combine(neighbours, profile, userNorm);
    }

    /**
     * @param entities dense ids of KG entities (items included) linked to the new item
     * @param users dense ids of users who interacted with it
     * @param profile the item's profile embedding, or null
     */
    public float[] item(int[] entities, int[] users, float[] profile) {
        int dim = model.dim();
        float[] fromEntities = mean(this.entities, entities, dim);
        float[] fromUsers = mean(this.users, users, dim);
        float[] neighbours = null;
        if (fromEntities != null || fromUsers != null) {
            neighbours = new float[dim];
            add(neighbours, fromEntities);
            add(neighbours, fromUsers);
        }
        return combine(neighbours, profile, itemNorm);
    }

    private float[] combine(float[] neighbours, float[] profile, float targetNorm) {
        int dim = model.dim();
        float[] result = new float[dim];
        if (neighbours != null) {
            add(result, scaled(neighbours, targetNorm));
        }
        float[] projected = project(profile);
        if (projected != null) {
            add(result, scaled(projected, targetNorm));
        }
        return result;
    }

    /** The trained MLP projection of one profile embedding, or null without a usable one. */
    float[] project(float[] profile) {
        ModelParameters parameters = model.parameters();
        if (profile == null || !parameters.hasMlp() || profile.length != parameters.profileDim) {
            return null;
        }
        float[] out = new float[model.dim()];
        new ProfileProjection(parameters.profileDim, model.dim(), 1.0).forward(profile, 1, new boolean[] {true},
                parameters.mlpWeight1, parameters.mlpBias1, parameters.mlpWeight2, parameters.mlpBias2, null, out);
        return out;
    }

    private static float[] mean(float[] embeddings, int[] rows, int dim) {
        if (rows == null || rows.length == 0) {
            return null;
        }
        float[] sum = new float[dim];
        for (int row : rows) {
            for (int j = 0; j < dim; j++) {
                sum[j] += embeddings[row * dim + j];
            }
        }
        for (int j = 0; j < dim; j++) {
            sum[j] /= rows.length;
        }
        return sum;
    }

    private static float[] scaled(float[] vector, float targetNorm) {
        double norm = 0;
        for (float value : vector) {
            norm += value * value;
        }
        norm = Math.sqrt(norm);
        float[] result = new float[vector.length];
        if (norm == 0) {
            return result;
        }
        for (int j = 0; j < vector.length; j++) {
            result[j] = (float) (vector[j] * targetNorm / norm);
        }
        return result;
    }

    private static void add(float[] target, float[] values) {
        if (values == null) {
            return;
        }
        for (int j = 0; j < target.length; j++) {
            target[j] += values[j];
        }
    }

    private static float meanNorm(float[] embeddings, int rows, int dim) {
        double total = 0;
        for (int r = 0; r < rows; r++) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                float value = embeddings[r * dim + j];
                norm += value * value;
            }
            total += Math.sqrt(norm);
        }
        return rows == 0 ? 1f : (float) (total / rows);
    }
}
