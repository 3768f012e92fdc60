package dev.spike.runner;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the training curve of one or more {@code spike.train} runs as an SVG picture: the total
 * loss per epoch on top and the validation Recall@20 per epoch below, one line per run.
 */
final class TrainingCurve {

    private static final int WIDTH = 720;
    private static final int PANEL_HEIGHT = 240;
    private static final int MARGIN = 56;
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd"};

    /** One training run: a label and the {@code history} list that spike.train yields. */
    record Run(String label, List<Map<String, Object>> history) {}

    private TrainingCurve() {}

    static void write(List<Run> runs, Path file) throws IOException {
        StringBuilder svg = new StringBuilder();
        int height = 2 * PANEL_HEIGHT + 3 * MARGIN;
        svg.append(String.format(Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">%n",
                WIDTH, height));
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        panel(svg, runs, "totalLoss", "training loss (BPR + alignment + L2)", MARGIN, "no epochs recorded");
        panel(svg, runs, "validationRecallAt20", "validation Recall@20", 2 * MARGIN + PANEL_HEIGHT,
                "not measured: these runs trained without a validation hold-out (patience 0).\n"
                        + "The results table has the test figures.");
        for (int r = 0; r < runs.size(); r++) {
            int y = height - 14;
            int x = MARGIN + r * 200;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"2\"/>"
                            + "<text x=\"%d\" y=\"%d\">%s</text>%n",
                    x, y - 4, x + 24, y - 4, COLOURS[r % COLOURS.length], x + 30, y, escape(runs.get(r).label())));
        }
        svg.append("</svg>\n");
        Files.writeString(file, svg.toString(), StandardCharsets.UTF_8);
    }

    private static void panel(StringBuilder svg, List<Run> runs, String key, String title, int top,
                              String withoutValues) {
        double maxEpoch = 1;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Run run : runs) {
            for (Map<String, Object> epoch : run.history()) {
                Object value = epoch.get(key);
                if (value instanceof Number number) {
                    maxEpoch = Math.max(maxEpoch, ((Number) epoch.get("epoch")).doubleValue());
                    min = Math.min(min, number.doubleValue());
                    max = Math.max(max, number.doubleValue());
                }
            }
        }
        int left = MARGIN;
        int right = WIDTH - MARGIN / 2;
        int bottom = top + PANEL_HEIGHT;
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>%n", left, top - 8, escape(title)));
        svg.append(String.format(Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>%n",
                left, top, right - left, PANEL_HEIGHT));
        if (min > max) {
            String[] lines = withoutValues.split("\n");
            for (int i = 0; i < lines.length; i++) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", left + 10,
                        top + 20 + 16 * i, escape(lines[i])));
            }
            return;
        }
        if (max == min) {
            max = min + 1e-9;
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4f</text>%n", left - 4, top + 10, max));
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.4f</text>%n", left - 4, bottom, min));
        int step = epochStep((int) maxEpoch);
        for (int tick = step; tick <= maxEpoch; tick += step) {
            double x = left + (right - left) * tick / maxEpoch;
            svg.append(String.format(Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#888\"/>%n", x, bottom, x, bottom + 4));
            svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%d</text>%n",
                    x, bottom + 16, tick));
        }
        svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">epoch</text>%n",
                (left + right) / 2, bottom + 30));
        for (int r = 0; r < runs.size(); r++) {
            List<String> points = new ArrayList<>();
            for (Map<String, Object> epoch : runs.get(r).history()) {
                Object value = epoch.get(key);
                if (value instanceof Number number) {
                    double x = left + (right - left) * ((Number) epoch.get("epoch")).doubleValue() / maxEpoch;
                    double y = bottom - PANEL_HEIGHT * (number.doubleValue() - min) / (max - min);
                    points.add(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
                }
            }
            svg.append(String.format(Locale.ROOT,
                    "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n",
                    COLOURS[r % COLOURS.length], String.join(" ", points)));
        }
    }

    /** Returns the spacing of epoch labels: 1, 2 or 5 times a power of ten, for at most six labels. */
    static int epochStep(int maxEpoch) {
        for (int scale = 1; ; scale *= 10) {
            for (int factor : new int[] {1, 2, 5}) {
                if (maxEpoch / (factor * scale) <= 6) {
                    return factor * scale;
                }
            }
        }
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
