package dev.spike.profile;

/**
 * Where the engine writes its log lines; the procedure layer adapts the Neo4j log to it.
 * Lines never contain an API key.
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
