package dev.spike.profile;

/**
 * Log sink of the engine. The procedure layer adapts the Neo4j log to it. The engine redacts
 * API keys from every line it writes.
 */
public interface RunLog {

    RunLog NONE = new RunLog() {
        @Override
        public void info(String message) {
        }

        @Override
        public void warn(String message) {
        }
    };

    void info(String message);

    void warn(String message);
}
