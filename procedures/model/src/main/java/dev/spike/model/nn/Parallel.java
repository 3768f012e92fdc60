package dev.spike.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs loops over index ranges on a fixed number of worker threads. Each range is split into
 * {@code concurrency} contiguous partitions, so a task that writes only the rows of its own
 * partition needs no locks. With concurrency 1 every task runs on the caller's thread.
 * {@link #close()} stops the workers; an owner must close it in a {@code finally} block.
 */
public final class Parallel implements AutoCloseable {
    /** Work on the half-open index range {@code [start, end)} of partition {@code partition}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int partition, int start, int end);
    }

    private static final AtomicInteger POOL_COUNT = new AtomicInteger();

    private final int concurrency;
    private final ExecutorService pool;

    public Parallel(int concurrency) {
        this.concurrency = Math.max(1, concurrency);
        if (this.concurrency == 1) {
            pool = null;
        } else {
            int poolId = POOL_COUNT.incrementAndGet();
            AtomicInteger threadCount = new AtomicInteger();
            pool = Executors.newFixedThreadPool(this.concurrency - 1, runnable -> {
                Thread thread = new Thread(runnable, "spike-worker-" + poolId + "-" + threadCount.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    public int concurrency() {
        return concurrency;
    }

    /** Runs {@code task} over {@code [0, n)} in {@link #concurrency()} equal partitions and waits for all. */
    public void forRange(int n, RangeTask task) {
        if (pool == null || n < 2 * concurrency) {
            task.run(0, 0, n);
            return;
        }
        int[] bounds = new int[concurrency + 1];
        for (int p = 0; p <= concurrency; p++) {
            bounds[p] = (int) ((long) n * p / concurrency);
        }
        run(bounds, task);
    }

    /**
     * Runs {@code task} over the rows of a CSR layout, with partition bounds chosen so that each
     * partition gets about the same number of entries ({@code offsets[end] - offsets[start]}).
     */
    public void forRows(int[] offsets, RangeTask task) {
        int n = offsets.length - 1;
        if (pool == null || n < 2 * concurrency) {
            task.run(0, 0, n);
            return;
        }
        int[] bounds = new int[concurrency + 1];
        bounds[concurrency] = n;
        long total = offsets[n] - offsets[0];
        for (int p = 1; p < concurrency; p++) {
            long goal = offsets[0] + total * p / concurrency;
            int row = java.util.Arrays.binarySearch(offsets, 0, n + 1, (int) goal);
            row = row >= 0 ? row : -row - 1;
            bounds[p] = Math.max(bounds[p - 1], Math.min(n, row));
        }
        run(bounds, task);
    }

    private void run(int[] bounds, RangeTask task) {
        List<Future<?>> futures = new ArrayList<>(concurrency - 1);
        for (int p = 1; p < concurrency; p++) {
            int start = bounds[p];
            int end = bounds[p + 1];
            int partition = p;
            futures.add(pool.submit(() -> task.run(partition, start, end)));
        }
        task.run(0, bounds[0], bounds[1]);
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for a worker thread", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException runtime) {
                    throw runtime;
                }
                if (cause instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException("A worker thread failed", cause);
            }
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }
}
