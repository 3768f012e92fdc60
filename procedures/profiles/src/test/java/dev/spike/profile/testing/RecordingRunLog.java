package dev.spike.profile.testing;

import dev.spike.profile.RunLog;

import java.util.ArrayList;
import java.util.List;

/** A {@link RunLog} that keeps every line, for assertions on what the engine logged. */
public final class RecordingRunLog implements RunLog {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void info(String message) {
        lines.add("INFO " + message);
    }

    @Override
    public synchronized void warn(String message) {
        lines.add("WARN " + message);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String text() {
        return String.join("\n", lines);
    }
}
