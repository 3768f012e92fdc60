package dev.spike.train;

import dev.spike.model.SpikeConfig;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Heap estimate of one {@code spike.train} run, in the style of GDS's {@code .estimate}
 * procedures: a lower bound (weights, optimiser state and graph arrays) and an upper bound that
 * adds the activations of a full forward and backward pass, the attention buffers and the
 * alignment anchors. Figures count 4 bytes per float and int and 8 per long; JVM object headers
 * and ND4J's native workspace are not included, so treat them as estimates.
 */
public final class MemoryEstimate {

    /** The row {@code spike.train.estimate} yields. */
    public record Row(
            String requiredMemory,
            long bytesMin,
            long bytesMax,
            long nodeCount,
            long relationshipCount,
            double heapPercentageMin,
            double heapPercentageMax,
            Map<String, Object> mapView) {}

    private MemoryEstimate() {}

    public static Row of(int users, int entities, int interactions, int kgTriples, int relations, int profileDimension,
            SpikeConfig config) {
        long nodes = (long) users + entities;
        long d = config.embeddingDim();
        long layers = config.layers();
        long kgEdges = 2L * kgTriples;
        long p = config.profiles() ? profileDimension : 0;

        long parameterFloats = nodes * d + 2L * Math.max(1, relations) * d + d * d + (p > 0 ? p * p + p + p * d + d : 0);
        // Weights, gradients and Adam's two moments.
        long parameters = 4L * 4 * parameterFloats;
        long graphArrays = 4L * (3 * kgEdges + 3L * interactions + 2 * (nodes + 1)) + 8L * nodes;
        long profiles = 4L * nodes * p;
        long activations = 4L * (2 * (layers + 1) * nodes * d + (p > 0 ? 3 * nodes * d : 0));
        long attention = 4L * layers * kgEdges * (2L * config.heads() + d);
        long anchors = (long) Math.ceil(config.anchorRatio() * nodes);
        long alignment = config.alignment() && p > 0 ? 4L * (2 * anchors * d + 3 * d * d) : 0;
        long validation = 4L * Math.min(config.validationSampleUsers(), users) * Math.max(0, entities);

        long min = parameters + graphArrays + profiles;
        long max = min + activations + attention + alignment + validation;

        Map<String, Object> view = new LinkedHashMap<>();
        view.put("parameters and optimiser", human(parameters));
        view.put("graph arrays", human(graphArrays));
        view.put("profile embeddings", human(profiles));
        view.put("activations", human(activations));
        view.put("attention", human(attention));
        view.put("alignment anchors", human(alignment));
        view.put("validation scores", human(validation));

        double heap = Runtime.getRuntime().maxMemory();
        return new Row("[" + human(min) + " ... " + human(max) + "]", min, max, nodes,
                (long) interactions + kgTriples, round(100.0 * min / heap), round(100.0 * max / heap), view);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " Bytes";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.0f %s", value, units[unit]);
    }
}
