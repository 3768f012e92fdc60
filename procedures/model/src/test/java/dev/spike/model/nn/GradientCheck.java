package dev.spike.model.nn;

import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Central finite differences against an analytic gradient. */
final class GradientCheck {
    private static final double STEP = 2e-3;

    private GradientCheck() {
    }

    /**
     * Compares {@code analytic[i]} with {@code (L(w + h) - L(w - h)) / 2h} for every index
     * {@code i} of {@code weights}, where {@code loss} evaluates L in double precision.
     */
    static void check(String name, float[] weights, float[] analytic, DoubleSupplier loss) {
        double largest = 0;
        for (float g : analytic) {
            largest = Math.max(largest, Math.abs(g));
        }
        assertTrue(largest > 1e-3, name + ": the analytic gradient is all zero, so the check would prove nothing");
        for (int i = 0; i < weights.length; i++) {
            float original = weights[i];
            weights[i] = (float) (original + STEP);
            double plus = loss.getAsDouble();
            weights[i] = (float) (original - STEP);
            double minus = loss.getAsDouble();
            weights[i] = original;
            double numeric = (plus - minus) / (2 * STEP);
            double tolerance = 2e-3 + 2e-2 * Math.abs(numeric);
            assertEquals(numeric, analytic[i], tolerance, name + "[" + i + "]");
        }
    }

    static float[] random(int size, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return values;
    }

    static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }
}
