package dev.spike.catalog;

import java.util.Arrays;
import java.util.Comparator;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * A fixed sample of the user-item pairs of a model's training projection, kept with the model so that
 * {@code spike.evaluate} can tell when test interactions are among them, and so that
 * {@link TrainedGraphCheck} can tell that the model's graph is still there.
 *
 * <p>A pair is kept when its hash falls below a threshold that keeps about {@link #TARGET}
 * pairs, so the sample costs about 32 KiB whatever the size of the graph. When m of N trained
 * pairs moved into the test set, at least one is in the sample with a probability of about
 * 1 - exp(-TARGET * m / N). That is certain on graphs of up to TARGET pairs, and 87% for 5,000
 * moved pairs out of 10 million.
 */
public final class TrainingPairs {

    /** About how many pairs a sample keeps; every pair when there are fewer. */
    static final int TARGET = 4096;

    private TrainingPairs() {}

    /** How many sampled pairs a model keeps by node id, to test that its graph is still there. */
    static final int CHECKED = 64;

    /**
     * The sample of a model's trained pairs.
     *
     * @param hashes sorted hashes of the sampled pairs, for {@link #contains}
     * @param checkedPairs up to {@link #CHECKED} of the sampled pairs, spread over the sample, as
     *     user and item node ids one after the other
     */
    public record Sample(long[] hashes, long[] checkedPairs) {
    }

    /** Samples the trained pairs. User and item indexes point into the node id arrays. */
    public static Sample sample(long[] userNodeIds, long[] itemNodeIds, int[] interactionUser, int[] interactionItem) {
        int count = interactionUser.length;
        long threshold = count <= TARGET ? Long.MAX_VALUE : Long.MAX_VALUE / count * TARGET;
        LongArrayList hashes = new LongArrayList();
        IntArrayList indexes = new IntArrayList();
        for (int index = 0; index < count; index++) {
            long hash = hash(userNodeIds[interactionUser[index]], itemNodeIds[interactionItem[index]]);
            if ((hash >>> 1) <= threshold) {
                hashes.add(hash);
                indexes.add(index);
            }
        }
        // Hashes look random, so evenly spaced picks in hash order spread over users and items.
        long[] sorted = hashes.toArray();
        Integer[] order = new Integer[sorted.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingLong(i -> sorted[i]));
        int checked = Math.min(CHECKED, order.length);
        long[] checkedPairs = new long[2 * checked];
        for (int c = 0; c < checked; c++) {
            int index = indexes.get(order[(int) ((long) c * order.length / checked)]);
            checkedPairs[2 * c] = userNodeIds[interactionUser[index]];
            checkedPairs[2 * c + 1] = itemNodeIds[interactionItem[index]];
        }
        Arrays.sort(sorted);
        return new Sample(sorted, checkedPairs);
    }

    /** Tells whether the pair of these node ids is in a sample made by {@link #sample}. */
    public static boolean contains(long[] sample, long userNodeId, long itemNodeId) {
        return Arrays.binarySearch(sample, hash(userNodeId, itemNodeId)) >= 0;
    }

    /** Mixes both node ids into 64 bits (the SplitMix64 finaliser), so that pairs spread evenly. */
    static long hash(long userNodeId, long itemNodeId) {
        long z = userNodeId * 0x9E3779B97F4A7C15L + itemNodeId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
