package dev.spike.model;

import dev.spike.model.nn.Dense;

import java.util.Arrays;

/**
 * Scores items for users by the dot product of their embeddings and keeps the top K. Users are
 * scored in blocks with one matrix product per block.
 */
public final class TopKScorer {
    private static final int USER_BLOCK = 256;

    private final float[] userEmbeddings;
    private final float[] itemEmbeddings;
    private final int nUsers;
    private final int nItems;
    private final int dim;

    /**
     * @param userEmbeddings row-major {@code nUsers × dim}
     * @param itemEmbeddings row-major {@code nItems × dim}
     */
    public TopKScorer(float[] userEmbeddings, int nUsers, float[] itemEmbeddings, int nItems, int dim) {
        if (userEmbeddings.length != (long) nUsers * dim || itemEmbeddings.length != (long) nItems * dim) {
            throw new IllegalArgumentException("Invalid embeddings: expected " + (long) nUsers * dim + " user and "
                    + (long) nItems * dim + " item values, found " + userEmbeddings.length + " and "
                    + itemEmbeddings.length);
        }
        this.userEmbeddings = userEmbeddings;
        this.itemEmbeddings = itemEmbeddings;
        this.nUsers = nUsers;
        this.nItems = nItems;
        this.dim = dim;
    }

    public int nUsers() {
        return nUsers;
    }

    public int nItems() {
        return nItems;
    }

    /**
     * Returns the {@code topK} best items of each user.
     *
     * @param exclude {@code exclude[i]} lists items never recommended to {@code userIds[i]}
     *     (typically its training items); null excludes nothing
     */
    public Recommendations score(int[] userIds, int topK, int[][] exclude) {
        if (topK < 1) {
            throw new IllegalArgumentException("Invalid topK: " + topK + "; it must be at least 1");
        }
        if (exclude != null && exclude.length != userIds.length) {
            throw new IllegalArgumentException("Invalid exclude: " + exclude.length + " lists for "
                    + userIds.length + " users");
        }
        for (int user : userIds) {
            if (user < 0 || user >= nUsers) {
                throw new IllegalArgumentException("Invalid user id " + user + ": it is outside [0, " + nUsers + ")");
            }
        }
        int[][] items = new int[userIds.length][];
        float[][] scores = new float[userIds.length][];
        for (int start = 0; start < userIds.length; start += USER_BLOCK) {
            int size = Math.min(USER_BLOCK, userIds.length - start);
            float[] block = new float[size * dim];
            for (int b = 0; b < size; b++) {
                System.arraycopy(userEmbeddings, userIds[start + b] * dim, block, b * dim, dim);
            }
            float[] blockScores = Dense.matmul(block, size, dim, false, itemEmbeddings, nItems, dim, true);
            for (int b = 0; b < size; b++) {
                int row = start + b;
                selectTopK(blockScores, b * nItems, topK, exclude == null ? null : exclude[row], items, scores, row);
            }
        }
        return new Recommendations(userIds.clone(), items, scores);
    }

    private void selectTopK(float[] all, int offset, int topK, int[] excluded, int[][] items, float[][] scores,
                            int row) {
        if (excluded != null) {
            for (int item : excluded) {
                if (item >= 0 && item < nItems) {
                    all[offset + item] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        // A min-heap of the best K so far, ordered by score, then by higher item id (worse on ties).
        int[] heap = new int[Math.min(topK, nItems)];
        int size = 0;
        for (int item = 0; item < nItems; item++) {
            float score = all[offset + item];
            if (score == Float.NEGATIVE_INFINITY || Float.isNaN(score)) {
                continue;
            }
            if (size < heap.length) {
                heap[size] = item;
                siftUp(heap, size++, all, offset);
            } else if (better(item, heap[0], all, offset)) {
                heap[0] = item;
                siftDown(heap, size, all, offset);
            }
        }
        Integer[] chosen = new Integer[size];
        for (int i = 0; i < size; i++) {
            chosen[i] = heap[i];
        }
        Arrays.sort(chosen, (x, y) -> better(x, y, all, offset) ? -1 : better(y, x, all, offset) ? 1 : 0);
        items[row] = new int[size];
        scores[row] = new float[size];
        for (int i = 0; i < size; i++) {
            items[row][i] = chosen[i];
            scores[row][i] = all[offset + chosen[i]];
        }
    }

    private static boolean better(int a, int b, float[] all, int offset) {
        float sa = all[offset + a];
        float sb = all[offset + b];
        return sa > sb || (sa == sb && a < b);
    }

    private static void siftUp(int[] heap, int i, float[] all, int offset) {
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!better(heap[parent], heap[i], all, offset)) {
                break;
            }
            swap(heap, i, parent);
            i = parent;
        }
    }

    private static void siftDown(int[] heap, int size, float[] all, int offset) {
        int i = 0;
        while (true) {
            int left = 2 * i + 1;
            int right = left + 1;
            int worst = i;
            if (left < size && better(heap[worst], heap[left], all, offset)) {
                worst = left;
            }
            if (right < size && better(heap[worst], heap[right], all, offset)) {
                worst = right;
            }
            if (worst == i) {
                return;
            }
            swap(heap, i, worst);
            i = worst;
        }
    }

    private static void swap(int[] heap, int i, int j) {
        int t = heap[i];
        heap[i] = heap[j];
        heap[j] = t;
    }
}
