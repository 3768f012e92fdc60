package dev.spike.catalog;

import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * A fixed sample of the user-item pairs of a model's training projection, kept with the model so that
 * {@code spike.evaluate} can tell when test interactions are among them.
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

    /** Returns the hashes of the sampled pairs; user and item indexes point into the node id arrays. */
    public static long[] sample(long[] userNodeIds, long[] itemNodeIds, int[] interactionUser, int[] interactionItem) {
        int count = interactionUser.length;
        long threshold = count <= TARGET ? Long.MAX_VALUE : Long.MAX_VALUE / count * TARGET;
        LongArrayList sampled = new LongArrayList();
        for (int index = 0; index < count; index++) {
            long hash = hash(userNodeIds[interactionUser[index]], itemNodeIds[interactionItem[index]]);
            if ((hash >>> 1) <= threshold) {
                sampled.add(hash);
            }
        }
        long[] sample = sampled.toArray();
        java.util.Arrays.sort(sample);
        return sample;
    }

    /** Tells whether the pair of these node ids is in a sample made by {@link #sample}. */
    public static boolean contains(long[] sample, long userNodeId, long itemNodeId) {
        return java.util.Arrays.binarySearch(sample, hash(userNodeId, itemNodeId)) >= 0;
    }

    /** Mixes both node ids into 64 bits (the SplitMix64 finaliser), so that pairs spread evenly. */
    static long hash(long userNodeId, long itemNodeId) {
        long z = userNodeId * 0x9E3779B97F4A7C15L + itemNodeId;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
