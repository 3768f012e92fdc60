package dev.spike.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keys of the data that running procedure calls write, so that a second call that would write
 * the same data fails at once instead of interleaving its batches with the first call's.
 *
 * <p>The writing procedures commit in batches of their own, so two overlapping calls are not
 * serialised by Neo4j: two splits would leave a mix of both, two loads would create each node
 * twice, and two profile runs would pay an LLM provider twice. A scheduled job that overlaps a
 * manual call is the usual way to get there.
 */
public final class ExclusiveWrites {

    private static final Set<String> RUNNING = ConcurrentHashMap.newKeySet();

    private ExclusiveWrites() {}

    /** A claim on the keys of one call, released by {@link #close()}. */
    public static final class Claim implements AutoCloseable {
        private final List<String> keys;

        private Claim(List<String> keys) {
            this.keys = keys;
        }

        @Override
        public void close() {
            RUNNING.removeAll(keys);
        }
    }

    /** Describes, for the error message, the data that a key stands for. */
    public interface Conflict {
        String message(int keyIndex);
    }

    /**
     * Claims every key, each made of parts that name the data, such as the database, a label and
     * a property. Fails with {@code conflict}'s message for the first key another call holds,
     * releasing the keys claimed so far.
     */
    public static Claim claim(List<List<String>> keys, Conflict conflict) {
        List<String> claimed = new ArrayList<>();
        for (int index = 0; index < keys.size(); index++) {
            String key = String.join("\u0000", keys.get(index));
            if (!RUNNING.add(key)) {
                RUNNING.removeAll(claimed);
                throw new IllegalArgumentException(conflict.message(index));
            }
            claimed.add(key);
        }
        return new Claim(claimed);
    }
}
