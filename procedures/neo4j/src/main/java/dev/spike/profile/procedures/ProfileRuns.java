package dev.spike.profile.procedures;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node properties that running {@code spike.profile.write} and {@code spike.profile.embed}
 * calls write, per database and node labels.
 *
 * <p>Two calls that write the same property would both regenerate every changed node: the graph
 * stays consistent, but an LLM provider is paid twice. A second call therefore fails at once,
 * which is what a scheduled refresh that overlaps a manual run needs.
 */
final class ProfileRuns {

    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private ProfileRuns() {}

    /** A claim on the properties of one call, released by {@link #close()}. */
    static final class Claim implements AutoCloseable {
        private final List<String> keys;

        private Claim(List<String> keys) {
            this.keys = keys;
        }

        @Override
        public void close() {
            RUNNING.removeAll(keys);
        }
    }

    /**
     * Claims {@code properties} on the configured labels, or fails naming the first property
     * that another call is writing.
     */
    static Claim claim(String databaseName, ProfileConfig config, List<String> properties) {
        List<String> claimed = new ArrayList<>();
        for (String property : properties) {
            String key = String.join("\u0000", databaseName, config.itemLabel(), config.entityLabel(),
                    config.userLabel(), property);
            if (!RUNNING.add(key)) {
                RUNNING.removeAll(claimed);
                throw new IllegalArgumentException(String.format(
                        "%s: another spike.profile call is writing '%s' on :%s, :%s and :%s nodes of database '%s'. "
                                + "Wait for it to finish, or terminate it, and call again; a scheduled refresh and "
                                + "a manual run must not overlap.",
                        config.procedure(), property, config.itemLabel(), config.entityLabel(), config.userLabel(),
                        databaseName));
            }
            claimed.add(key);
        }
        return new Claim(claimed);
    }
}
