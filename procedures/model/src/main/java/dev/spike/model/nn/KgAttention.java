package dev.spike.model.nn;

import java.util.Arrays;

/**
 * One layer of relation-aware multi-head attention over KG edges.
 *
 * <p>For an edge {@code h ← t} with relation {@code r}, and with {@code q = e·W_Q} computed per
 * entity, each head {@code c} of size {@code dk = dim / heads} scores the edge with
 * {@code s = ⟨q_h, q_t ∘ r⟩_c / √dk}, takes the softmax of the scores over the edges of head
 * entity {@code h}, and sums the values {@code e_t ∘ r} weighted by it. An entity without edges
 * receives a zero message.
 */
public final class KgAttention {
    private final int dim;
    private final int heads;
    private final int headDim;
    private final float scale;

    public KgAttention(int dim, int heads) {
        this.dim = dim;
        this.heads = heads;
        this.headDim = dim / heads;
        this.scale = (float) (1.0 / Math.sqrt(headDim));
    }

    /** Values kept from a forward pass for its backward pass. */
    public record Cache(float[] query, float[] attention) {
    }

    /**
     * Computes the messages of every entity.
     *
     * @param entities row-major {@code nEntities × dim} input embeddings
     * @param queryWeight row-major {@code dim × dim} matrix {@code W_Q}
     * @param relations row-major relation embeddings
     * @param out receives the {@code nEntities × dim} messages
     */
    public Cache forward(float[] entities, int nEntities, float[] queryWeight, float[] relations,
                         SampledEdges edges, float[] out, Parallel parallel) {
        float[] query = Dense.matmul(entities, nEntities, dim, false, queryWeight, dim, dim, false);
        float[] attention = Workspace.scratch(edges.kgEdgeCount() * heads);
        int[] offsets = edges.kgOffsets();
        int[] tails = edges.kgTail();
        int[] rels = edges.kgRelation();
        parallel.forRows(offsets, (p, start, end) -> {
            for (int h = start; h < end; h++) {
                int first = offsets[h];
                int last = offsets[h + 1];
                int hb = h * dim;
                Arrays.fill(out, hb, hb + dim, 0f);
                if (first == last) {
                    continue;
                }
                for (int e = first; e < last; e++) {
                    int tb = tails[e] * dim;
                    int rb = rels[e] * dim;
                    for (int c = 0; c < heads; c++) {
                        int j = c * headDim;
                        float score = tripleDot(query, hb + j, query, tb + j, relations, rb + j, headDim);
                        attention[e * heads + c] = score * scale;
                    }
                }
                for (int c = 0; c < heads; c++) {
                    float max = Float.NEGATIVE_INFINITY;
                    for (int e = first; e < last; e++) {
                        max = Math.max(max, attention[e * heads + c]);
                    }
                    double sum = 0;
                    for (int e = first; e < last; e++) {
                        float weight = (float) Math.exp(attention[e * heads + c] - max);
                        attention[e * heads + c] = weight;
                        sum += weight;
                    }
                    float inverse = (float) (1.0 / sum);
                    for (int e = first; e < last; e++) {
                        attention[e * heads + c] *= inverse;
                    }
                }
                for (int e = first; e < last; e++) {
                    int tb = tails[e] * dim;
                    int rb = rels[e] * dim;
                    for (int c = 0; c < heads; c++) {
                        float weight = attention[e * heads + c];
                        for (int j = c * headDim, stop = j + headDim; j < stop; j++) {
                            out[hb + j] += weight * entities[tb + j] * relations[rb + j];
                        }
                    }
                }
            }
        });
        return new Cache(query, attention);
    }

    /**
     * Adds the gradients of the messages' loss to the inputs of {@link #forward}.
     *
     * @param gradOut gradient with respect to the messages, {@code nEntities × dim}
     */
    public void backward(Cache cache, float[] gradOut, float[] entities, int nEntities, float[] queryWeight,
                         float[] relations, SampledEdges edges, float[] gradEntities, float[] gradQueryWeight,
                         float[] gradRelations, Parallel parallel) {
        float[] query = cache.query();
        float[] attention = cache.attention();
        int[] offsets = edges.kgOffsets();
        int[] tails = edges.kgTail();
        int[] rels = edges.kgRelation();
        int[] headOf = edges.kgHead();
        float[] gradScore = Workspace.scratch(attention.length);
        float[] gradQuery = Workspace.zeros(nEntities * dim);
        int partitions = parallel.concurrency();
        float[][] gradRelationsPerPartition = new float[partitions][gradRelations.length];

        // Per head entity: score gradients through the softmax, the query side, and the relation gradients.
        parallel.forRows(offsets, (p, start, end) -> {
            float[] gradRel = gradRelationsPerPartition[p];
            float[] gradAttention = new float[heads];
            for (int h = start; h < end; h++) {
                int first = offsets[h];
                int last = offsets[h + 1];
                int hb = h * dim;
                for (int e = first; e < last; e++) {
                    int tb = tails[e] * dim;
                    int rb = rels[e] * dim;
                    for (int c = 0; c < heads; c++) {
                        int j0 = c * headDim;
                        gradScore[e * heads + c] = tripleDot(gradOut, hb + j0, entities, tb + j0, relations, rb + j0,
                                headDim);
                    }
                }
                for (int c = 0; c < heads; c++) {
                    float mean = 0f;
                    for (int e = first; e < last; e++) {
                        mean += attention[e * heads + c] * gradScore[e * heads + c];
                    }
                    gradAttention[c] = mean;
                }
                for (int e = first; e < last; e++) {
                    int tb = tails[e] * dim;
                    int rb = rels[e] * dim;
                    for (int c = 0; c < heads; c++) {
                        int a = e * heads + c;
                        float weight = attention[a];
                        float g = weight * (gradScore[a] - gradAttention[c]) * scale;
                        gradScore[a] = g;
                        for (int j = c * headDim, stop = j + headDim; j < stop; j++) {
                            gradQuery[hb + j] += g * query[tb + j] * relations[rb + j];
                            gradRel[rb + j] += g * query[hb + j] * query[tb + j]
                                    + weight * gradOut[hb + j] * entities[tb + j];
                        }
                    }
                }
            }
        });

        // Scatter to tails: the key side of the scores and the value side of the messages.
        int[] tailOffsets = edges.tailOffsets();
        int[] tailEdges = edges.tailEdges();
        parallel.forRows(tailOffsets, (p, start, end) -> {
            for (int t = start; t < end; t++) {
                int tb = t * dim;
                for (int i = tailOffsets[t]; i < tailOffsets[t + 1]; i++) {
                    int e = tailEdges[i];
                    int hb = headOf[e] * dim;
                    int rb = rels[e] * dim;
                    for (int c = 0; c < heads; c++) {
                        int a = e * heads + c;
                        float g = gradScore[a];
                        float weight = attention[a];
                        for (int j = c * headDim, stop = j + headDim; j < stop; j++) {
                            gradQuery[tb + j] += g * query[hb + j] * relations[rb + j];
                            gradEntities[tb + j] += weight * gradOut[hb + j] * relations[rb + j];
                        }
                    }
                }
            }
        });

        for (float[] partial : gradRelationsPerPartition) {
            for (int i = 0; i < partial.length; i++) {
                gradRelations[i] += partial[i];
            }
        }
        // q = e·W_Q, so dL/de += dL/dq · W_Qᵀ and dL/dW_Q += eᵀ · dL/dq.
        Dense.addMatmul(gradEntities, gradQuery, nEntities, dim, false, queryWeight, dim, dim, true);
        Dense.addMatmul(gradQueryWeight, entities, nEntities, dim, true, gradQuery, nEntities, dim, false);
    }

    /**
     * Returns {@code Σ a[i]·b[i]·c[i]} over {@code length} entries. Four partial sums shorten the
     * chain of dependent additions, which the JIT does not reorder for floats.
     */
    private static float tripleDot(float[] a, int ai, float[] b, int bi, float[] c, int ci, int length) {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < length; i += 4) {
            s0 += a[ai + i] * b[bi + i] * c[ci + i];
            s1 += a[ai + i + 1] * b[bi + i + 1] * c[ci + i + 1];
            s2 += a[ai + i + 2] * b[bi + i + 2] * c[ci + i + 2];
            s3 += a[ai + i + 3] * b[bi + i + 3] * c[ci + i + 3];
        }
        for (; i < length; i++) {
            s0 += a[ai + i] * b[bi + i] * c[ci + i];
        }
        return (s0 + s1) + (s2 + s3);
    }
}
