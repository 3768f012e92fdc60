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
        out.printf(Locale.ROOT, "[%2d] %-34s %-58s %7.1f s%n", step, shortName, counts, seconds);
    }

    void detail(String text) {
        out.println("     " + text);
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
