package dev.spike.profile.embed;

/** Vector helpers for embeddings. */
public final class Vectors {

    private Vectors() {
    }

    /** Scales the vector in place to unit L2 length; a zero vector is left as it is. Returns the vector. */
    public static float[] normalise(float[] vector) {
        double sumOfSquares = 0.0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        if (sumOfSquares == 0.0) {
            return vector;
        }
        double scale = 1.0 / Math.sqrt(sumOfSquares);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] * scale);
        }
        return vector;
    }

    /** Returns the L2 length. */
    public static double norm(float[] vector) {
        double sumOfSquares = 0.0;
        for (float value : vector) {
            sumOfSquares += (double) value * value;
        }
        return Math.sqrt(sumOfSquares);
    }
}
