package dev.spike.model.nn;

import java.util.SplittableRandom;

/** Row-wise operations on row-major {@code rows × dim} float matrices, with their gradients. */
public final class RowOps {
    /** Rows with a norm at or below this give a zero output and a zero gradient. */
    static final double NORM_EPSILON = 1e-12;

    private RowOps() {
    }

    /**
     * Draws an inverted-dropout mask: each entry is 0 with probability {@code rate} (rounded to a
     * multiple of 2^-16), otherwise
     * {@code 1 / (1 - rate)}. Returns null when {@code rate} is 0, meaning "keep everything".
     */
    public static float[] dropoutMask(int size, double rate, SplittableRandom random) {
        return dropoutMask(size, rate, random, null);
    }

    /**
     * Same as {@link #dropoutMask(int, double, SplittableRandom)}, drawn in parallel from one
     * generator split per partition, so the mask depends on the seed and the concurrency.
     */
    public static float[] dropoutMask(int size, double rate, SplittableRandom random, Parallel parallel) {
        if (rate <= 0) {
            return null;
        }
        float keepScale = (float) (1.0 / (1.0 - rate));
        // Each 64-bit draw gives four 16-bit uniforms; a value below rate · 2^16 drops the entry.
        long threshold = Math.round(rate * 65536.0);
        float[] mask = Workspace.scratch(size);
        int partitions = parallel == null ? 1 : parallel.concurrency();
        SplittableRandom[] generators = new SplittableRandom[partitions];
        for (int p = 0; p < partitions; p++) {
            generators[p] = random.split();
        }
        Parallel.RangeTask fill = (p, start, end) -> {
            SplittableRandom generator = generators[p];
            long bits = 0;
            for (int i = start; i < end; i++) {
                if (((i - start) & 3) == 0) {
                    bits = generator.nextLong();
                }
                mask[i] = (bits & 0xFFFF) < threshold ? 0f : keepScale;
                bits >>>= 16;
            }
        };
        if (parallel == null) {
            fill.run(0, 0, size);
        } else {
            parallel.forRange(size, fill);
        }
        return mask;
    }

    /** Multiplies {@code x} in place by {@code mask}; a null mask leaves {@code x} unchanged. */
    public static void applyMask(float[] x, float[] mask) {
        if (mask == null) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            x[i] *= mask[i];
        }
    }

    /**
     * L2-normalises each row of {@code x} in place and returns the norms before normalising.
     * Rows with a norm at or below 1e-12 (nodes that received no message) become zero.
     */
    public static float[] normalizeRows(float[] x, int rows, int dim, Parallel parallel) {
        float[] norms = Workspace.scratch(rows);
        parallel.forRange(rows, (p, start, end) -> {
            for (int r = start; r < end; r++) {
                int base = r * dim;
                double sum = 0;
                for (int j = 0; j < dim; j++) {
                    sum += (double) x[base + j] * x[base + j];
                }
                double norm = Math.sqrt(sum);
                norms[r] = (float) norm;
                float scale = norm > NORM_EPSILON ? (float) (1.0 / norm) : 0f;
                for (int j = 0; j < dim; j++) {
                    x[base + j] *= scale;
                }
            }
        });
        return norms;
    }

    /**
     * Turns {@code grad}, the gradient with respect to normalised rows {@code y}, into the
     * gradient with respect to the rows before normalising: {@code (g - y (y·g)) / ‖x‖}.
     */
    public static void normalizeRowsBackward(float[] grad, float[] y, float[] norms, int rows, int dim,
                                             Parallel parallel) {
        parallel.forRange(rows, (p, start, end) -> {
            for (int r = start; r < end; r++) {
                int base = r * dim;
                if (norms[r] <= NORM_EPSILON) {
                    for (int j = 0; j < dim; j++) {
                        grad[base + j] = 0f;
                    }
                    continue;
                }
                double dot = 0;
                for (int j = 0; j < dim; j++) {
                    dot += (double) y[base + j] * grad[base + j];
                }
                float inverseNorm = 1f / norms[r];
                float projection = (float) dot;
                for (int j = 0; j < dim; j++) {
                    grad[base + j] = (grad[base + j] - y[base + j] * projection) * inverseNorm;
                }
            }
        });
    }
}
