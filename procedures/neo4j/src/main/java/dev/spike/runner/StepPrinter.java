package dev.spike.runner;

import java.io.PrintStream;
import java.util.Locale;

/** Prints one line per step of the main job: its number, name, counts and wall time. */
final class StepPrinter {

    private final PrintStream out;
    private int step;

    StepPrinter(PrintStream out) {
        this.out = out;
    }

    void title(String text) {
        out.println();
        out.println("== " + text);
    }

    void step(String name, String counts, long startNanos) {
        step++;
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        String shortName = name.length() > 34 ? name.substring(0, 33) + "…" : name;
        out.printf(Locale.ROOT, "[%2d] %-34s %7.1f s  %s%n", step, shortName, seconds, counts);
    }

    void detail(String text) {
        out.println("     " + text);
    }

    /** Formats one result row as {@code key=value} pairs, with floats rounded to 4 decimals. */
    static String format(java.util.Map<String, Object> row) {
        java.util.List<String> parts = new java.util.ArrayList<>();
        for (java.util.Map.Entry<String, Object> entry : row.entrySet()) {
            Object value = entry.getValue();
            if (value instanceof java.util.List<?> list && !list.isEmpty() && list.get(0) instanceof java.util.Map) {
                continue;
            }
            String text;
            if (value instanceof Double number) {
                text = String.format(Locale.ROOT, "%.4f", number);
            } else if (value instanceof Long number) {
                text = count(number);
            } else {
                text = String.valueOf(value);
            }
            parts.add(entry.getKey() + "=" + text);
        }
        return String.join(", ", parts);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
