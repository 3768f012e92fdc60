package dev.spike.model.nn;

/** The Adam optimiser (β1 0.9, β2 0.999, ε 1e-8) over a list of float parameter arrays. */
public final class Adam {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double learningRate;
    private final float[][] firstMoment;
    private final float[][] secondMoment;
    private int step;

    public Adam(double learningRate, float[][] parameters) {
        this.learningRate = learningRate;
        firstMoment = new float[parameters.length][];
        secondMoment = new float[parameters.length][];
        for (int i = 0; i < parameters.length; i++) {
            firstMoment[i] = new float[parameters[i].length];
            secondMoment[i] = new float[parameters[i].length];
        }
    }

    /** Updates {@code parameters[i]} in place from {@code gradients[i]}, in the constructor's order. */
    public void step(float[][] parameters, float[][] gradients, Parallel parallel) {
        step++;
        double stepSize = learningRate * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        float epsilonHat = (float) (EPSILON * Math.sqrt(1 - Math.pow(BETA2, step)));
        float beta1 = (float) BETA1;
        float beta2 = (float) BETA2;
        float size = (float) stepSize;
        for (int k = 0; k < parameters.length; k++) {
            float[] w = parameters[k];
            float[] g = gradients[k];
            float[] m = firstMoment[k];
            float[] v = secondMoment[k];
            parallel.forRange(w.length, (p, start, end) -> {
                for (int i = start; i < end; i++) {
                    m[i] = beta1 * m[i] + (1 - beta1) * g[i];
                    v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
                    w[i] -= size * m[i] / ((float) Math.sqrt(v[i]) + epsilonHat);
                }
            });
        }
    }
}
