package dev.spike.model.nn;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reuses the float arrays of a training step in the next step. A training step allocates some
 * 40 arrays of up to 4 MB, and G1 places such arrays directly in the old generation as humongous
 * objects. Recycling them removes that garbage-collection work.
 *
 * <p>While a scope is open on a thread, {@link #zeros(int)} and {@link #scratch(int)} on that
 * thread take arrays from the workspace; closing the scope returns them all, so no array taken
 * inside a scope may be used after it closes. Without an open scope both allocate normally.
 */
public final class Workspace {
    private static final ThreadLocal<Workspace> ACTIVE = new ThreadLocal<>();

    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> taken = new ArrayList<>();

    /** Makes this workspace the source of arrays on the calling thread until the scope closes. */
    public Scope open() {
        if (ACTIVE.get() != null) {
            throw new IllegalStateException("A workspace scope is already open on thread "
                    + Thread.currentThread().getName());
        }
        ACTIVE.set(this);
        return new Scope();
    }

    /** Returns a zero-filled array, from the open workspace if there is one. */
    public static float[] zeros(int size) {
        Workspace workspace = ACTIVE.get();
        if (workspace == null) {
            return new float[size];
        }
        float[] array = workspace.take(size);
        Arrays.fill(array, 0f);
        return array;
    }

    /** Returns an array with arbitrary contents, for callers that overwrite every entry. */
    public static float[] scratch(int size) {
        Workspace workspace = ACTIVE.get();
        return workspace == null ? new float[size] : workspace.take(size);
    }

    private float[] take(int size) {
        ArrayDeque<float[]> pool = free.get(size);
        float[] array = pool == null || pool.isEmpty() ? new float[size] : pool.pop();
        taken.add(array);
        return array;
    }

    /** An open workspace. Closing it recycles every array taken since it opened. */
    public final class Scope implements AutoCloseable {
        private Scope() {
        }

        @Override
        public void close() {
            ACTIVE.remove();
            for (float[] array : taken) {
                free.computeIfAbsent(array.length, size -> new ArrayDeque<>()).push(array);
            }
            taken.clear();
        }
    }
}
