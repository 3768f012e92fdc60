package dev.spike.model.nn;

import dev.spike.model.SpikeConfig;
import dev.spike.model.TrainingGraph;

import java.util.SplittableRandom;

/**
 * Forward and backward pass of the SPiKE network over the whole graph.
 *
 * <p>Forward: the projected profiles {@code P} are added to the layer-0 embeddings
 * ({@code x0 = E + P}). Each layer computes entity messages by KG attention and user messages
 * by {@link UserAggregation} from the previous layer's entities, applies message dropout and
 * L2-normalises each row. The output is {@code x0 + Σ layers}, minus {@code P} again when
 * {@code injectRemove} is set.
 */
public final class SpikeNetwork {
    private final SpikeConfig config;
    private final int nUsers;
    private final int nItems;
    private final int nEntities;
    private final int nNodes;
    private final int dim;
    private final float[] profiles;
    private final boolean[] hasProfile;
    private final boolean useProfiles;
    private final KgAttention attention;
    private final UserAggregation userAggregation;
    private final ProfileProjection projection;
    private final Parallel parallel;

    public SpikeNetwork(TrainingGraph graph, SpikeConfig config, Parallel parallel) {
        this.config = config;
        this.nUsers = graph.nUsers();
        this.nItems = graph.nItems();
        this.nEntities = graph.nEntities();
        this.nNodes = graph.nNodes();
        this.dim = config.embeddingDim();
        this.useProfiles = config.profiles();
        if (useProfiles && !graph.hasProfiles()) {
            throw new IllegalArgumentException("Invalid profiles: true, but the training graph has no profile "
                    + "embeddings; add them to the graph or set profiles=false");
        }
        this.profiles = useProfiles ? graph.profiles() : null;
        this.hasProfile = graph.hasProfile();
        this.attention = new KgAttention(dim, config.heads());
        this.userAggregation = new UserAggregation(dim);
        this.projection = useProfiles ? new ProfileProjection(graph.profileDim(), dim, config.profileScale()) : null;
        this.parallel = parallel;
    }

    /** Profile dimension the MLP needs, 0 when profiles are off. */
    public int profileDim() {
        return projection == null ? 0 : profiles.length / nNodes;
    }

    /** Intermediate values of one layer, kept for the backward pass. */
    private record LayerState(float[] entityInput, KgAttention.Cache attention, float[] entityOut,
                              float[] entityNorms, float[] entityMask, float[] userOut, float[] userNorms,
                              float[] userMask) {
    }

    /** Result of a forward pass: the final embeddings (users then entities) and what backward needs. */
    public static final class Forward {
        private final float[] output;
        private final float[] projected;
        private final ProfileProjection.Cache projectionCache;
        private final LayerState[] layers;
        private final SampledEdges edges;

        private Forward(float[] output, float[] projected, ProfileProjection.Cache projectionCache,
                        LayerState[] layers, SampledEdges edges) {
            this.output = output;
            this.projected = projected;
            this.projectionCache = projectionCache;
            this.layers = layers;
            this.edges = edges;
        }

        /** Final embeddings, row-major, users then entities. */
        public float[] output() {
            return output;
        }

        /** Scaled projected profiles, or null without profiles. */
        public float[] projected() {
            return projected;
        }
    }

    /**
     * Runs the network. With {@code training} set, message and MLP dropout masks are drawn from
     * {@code random}; otherwise no dropout is applied and {@code random} may be null.
     */
    public Forward forward(ModelParameters w, SampledEdges edges, boolean training, SplittableRandom random) {
        float[] x0 = copy(w.nodeEmbeddings);
        float[] projected = null;
        ProfileProjection.Cache projectionCache = null;
        if (useProfiles) {
            projected = Workspace.scratch(nNodes * dim);
            float[] mask = training
                    ? RowOps.dropoutMask(nNodes * profileDim(), config.mlpDropout(), random, parallel)
                    : null;
            projectionCache = projection.forward(profiles, nNodes, hasProfile, w.mlpWeight1, w.mlpBias1,
                    w.mlpWeight2, w.mlpBias2, mask, projected);
            add(x0, projected, 1f);
        }

        float[] output = copy(x0);
        float[] entities = slice(x0, nUsers * dim, nEntities * dim);
        LayerState[] layers = new LayerState[config.layers()];
        double dropout = training ? config.messageDropout() : 0;
        for (int l = 0; l < layers.length; l++) {
            float[] entityOut = Workspace.scratch(nEntities * dim);
            KgAttention.Cache cache = attention.forward(entities, nEntities, w.queryWeight, w.relationEmbeddings,
                    edges, entityOut, parallel);
            float[] userOut = Workspace.scratch(nUsers * dim);
            userAggregation.forward(entities, nUsers, edges, userOut, parallel);

            float[] entityMask = RowOps.dropoutMask(entityOut.length, dropout, random, parallel);
            float[] userMask = RowOps.dropoutMask(userOut.length, dropout, random, parallel);
            RowOps.applyMask(entityOut, entityMask);
            RowOps.applyMask(userOut, userMask);
            float[] entityNorms = RowOps.normalizeRows(entityOut, nEntities, dim, parallel);
            float[] userNorms = RowOps.normalizeRows(userOut, nUsers, dim, parallel);

            addAt(output, 0, userOut);
            addAt(output, nUsers * dim, entityOut);
            layers[l] = new LayerState(entities, cache, entityOut, entityNorms, entityMask, userOut, userNorms,
                    userMask);
            entities = entityOut;
        }

        if (useProfiles && config.injectRemove()) {
            add(output, projected, -1f);
        }
        return new Forward(output, projected, projectionCache, layers, edges);
    }

    /**
     * Adds the gradients of all weights to {@code grad}, given the gradients with respect to the
     * final embeddings ({@code gradOutput}) and to the projected profiles ({@code gradProjected},
     * from the alignment loss; may be null).
     */
    public void backward(ModelParameters w, Forward f, float[] gradOutput, float[] gradProjected,
                         ModelParameters grad) {
        float[] gradEntities = Workspace.zeros(nEntities * dim);
        for (int l = f.layers.length - 1; l >= 0; l--) {
            LayerState layer = f.layers[l];
            // The layer's entity output feeds the final sum and, through gradEntities, the next layer.
            float[] gradEntityOut = slice(gradOutput, nUsers * dim, nEntities * dim);
            add(gradEntityOut, gradEntities, 1f);
            float[] gradUserOut = slice(gradOutput, 0, nUsers * dim);

            RowOps.normalizeRowsBackward(gradEntityOut, layer.entityOut(), layer.entityNorms(), nEntities, dim,
                    parallel);
            RowOps.normalizeRowsBackward(gradUserOut, layer.userOut(), layer.userNorms(), nUsers, dim, parallel);
            RowOps.applyMask(gradEntityOut, layer.entityMask());
            RowOps.applyMask(gradUserOut, layer.userMask());

            float[] gradInput = Workspace.zeros(nEntities * dim);
            attention.backward(layer.attention(), gradEntityOut, layer.entityInput(), nEntities, w.queryWeight,
                    w.relationEmbeddings, f.edges, gradInput, grad.queryWeight, grad.relationEmbeddings, parallel);
            userAggregation.backward(gradUserOut, nItems, f.edges, gradInput, parallel);
            gradEntities = gradInput;
        }

        // Layer 0 is x0 = E + P: it feeds the final sum directly and the first layer's entities.
        float[] gradX0 = copy(gradOutput);
        addAt(gradX0, nUsers * dim, gradEntities);
        add(grad.nodeEmbeddings, gradX0, 1f);

        if (useProfiles) {
            float[] gradP = gradX0;
            if (config.injectRemove()) {
                add(gradP, gradOutput, -1f);
            }
            if (gradProjected != null) {
                add(gradP, gradProjected, 1f);
            }
            projection.backward(f.projectionCache, gradP, profiles, nNodes, hasProfile, w.mlpWeight2,
                    grad.mlpWeight1, grad.mlpBias1, grad.mlpWeight2, grad.mlpBias2);
        }
    }

    private static float[] copy(float[] source) {
        return slice(source, 0, source.length);
    }

    private static float[] slice(float[] source, int from, int length) {
        float[] out = Workspace.scratch(length);
        System.arraycopy(source, from, out, 0, length);
        return out;
    }

    private void add(float[] target, float[] values, float factor) {
        parallel.forRange(values.length, (p, start, end) -> {
            for (int i = start; i < end; i++) {
                target[i] += factor * values[i];
            }
        });
    }

    private void addAt(float[] target, int offset, float[] values) {
        parallel.forRange(values.length, (p, start, end) -> {
            for (int i = start; i < end; i++) {
                target[offset + i] += values[i];
            }
        });
    }
}
