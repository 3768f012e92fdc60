package dev.spike.model.nn;

/**
 * The 2-layer MLP that projects profile embeddings into the model's space:
 * {@code P = scale · (dropout(relu(X·W1 + b1))·W2 + b2)}, with the rows of nodes that have no
 * profile set to zero. Weights are row-major: {@code W1} is {@code inDim × inDim}, {@code W2}
 * is {@code inDim × outDim}.
 */
public final class ProfileProjection {
    private final int inDim;
    private final int outDim;
    private final float scale;

    public ProfileProjection(int inDim, int outDim, double scale) {
        this.inDim = inDim;
        this.outDim = outDim;
        this.scale = (float) scale;
    }

    /** Values kept from a forward pass for its backward pass. */
    public record Cache(float[] gate, float[] hidden) {
    }

    /**
     * Projects every row of {@code profiles}.
     *
     * @param dropoutMask inverted-dropout mask for the hidden layer, or null for none
     * @param out receives the {@code rows × outDim} scaled projection
     */
    public Cache forward(float[] profiles, int rows, boolean[] present, float[] w1, float[] b1, float[] w2,
                         float[] b2, float[] dropoutMask, float[] out) {
        float[] pre = Dense.matmul(profiles, rows, inDim, false, w1, inDim, inDim, false);
        // gate = relu'(pre) · dropout mask, so hidden = pre · gate and its gradient is gate.
        float[] gate = Workspace.scratch(pre.length);
        float[] hidden = pre;
        for (int r = 0; r < rows; r++) {
            int base = r * inDim;
            for (int j = 0; j < inDim; j++) {
                float value = pre[base + j] + b1[j];
                float keep = dropoutMask == null ? 1f : dropoutMask[base + j];
                gate[base + j] = value > 0f ? keep : 0f;
                hidden[base + j] = value * gate[base + j];
            }
        }
        float[] projected = Dense.matmul(hidden, rows, inDim, false, w2, inDim, outDim, false);
        for (int r = 0; r < rows; r++) {
            int base = r * outDim;
            boolean keep = present[r];
            for (int j = 0; j < outDim; j++) {
                out[base + j] = keep ? scale * (projected[base + j] + b2[j]) : 0f;
            }
        }
        return new Cache(gate, hidden);
    }

    /** Adds the gradients of the weights given {@code gradOut}, the gradient with respect to the output. */
    public void backward(Cache cache, float[] gradOut, float[] profiles, int rows, boolean[] present, float[] w2,
                         float[] gradW1, float[] gradB1, float[] gradW2, float[] gradB2) {
        float[] gradProjected = Workspace.zeros(rows * outDim);
        for (int r = 0; r < rows; r++) {
            if (!present[r]) {
                continue;
            }
            int base = r * outDim;
            for (int j = 0; j < outDim; j++) {
                float g = scale * gradOut[base + j];
                gradProjected[base + j] = g;
                gradB2[j] += g;
            }
        }
        Dense.addMatmul(gradW2, cache.hidden(), rows, inDim, true, gradProjected, rows, outDim, false);
        float[] gradHidden = Dense.matmul(gradProjected, rows, outDim, false, w2, inDim, outDim, true);
        float[] gate = cache.gate();
        for (int i = 0; i < gradHidden.length; i++) {
            gradHidden[i] *= gate[i];
        }
        for (int r = 0; r < rows; r++) {
            int base = r * inDim;
            for (int j = 0; j < inDim; j++) {
                gradB1[j] += gradHidden[base + j];
            }
        }
        Dense.addMatmul(gradW1, profiles, rows, inDim, true, gradHidden, rows, inDim, false);
    }
}
