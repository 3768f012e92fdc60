package dev.spike.model.nn;

import dev.spike.model.TrainingGraph;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws the edges of each training step. KG edge dropout keeps {@code round((1 - rate) · n_r)}
 * random edges of each relation {@code r} (at least one), so rare relations never vanish.
 * User–item edges are kept independently with probability {@code 1 - rate}, and each user's
 * weights are renormalised over the kept edges.
 */
public final class EdgeSampler {
    private final int nUsers;
    private final int nItems;
    private final int nEntities;
    private final TrainingGraph.Csr kg;
    private final int[] kgRelation;
    private final int[] kgHead;
    private final int[] kgTailOrder;
    private final int[][] edgesOfRelation;
    private final int[] interactionUser;
    private final int[] interactionItem;
    private final int[] interactionItemOrder;
    private final SampledEdges full;

    public EdgeSampler(TrainingGraph graph) {
        nUsers = graph.nUsers();
        nItems = graph.nItems();
        nEntities = graph.nEntities();
        kg = graph.kgByHead();
        kgRelation = graph.kgEdgeRelation();
        kgHead = graph.kgEdgeHead();
        kgTailOrder = stableOrder(kg.targets, nEntities);
        int relationCount = graph.relationEmbeddingCount();
        int[] perRelation = new int[relationCount];
        for (int r : kgRelation) {
            perRelation[r]++;
        }
        edgesOfRelation = new int[relationCount][];
        for (int r = 0; r < relationCount; r++) {
            edgesOfRelation[r] = new int[perRelation[r]];
        }
        int[] fill = new int[relationCount];
        for (int e = 0; e < kgRelation.length; e++) {
            edgesOfRelation[kgRelation[e]][fill[kgRelation[e]]++] = e;
        }
        interactionUser = graph.interactionUser();
        interactionItem = graph.interactionItem();
        interactionItemOrder = stableOrder(interactionItem, nItems);

        boolean[] allKg = new boolean[kgRelation.length];
        Arrays.fill(allKg, true);
        boolean[] allInteractions = new boolean[interactionUser.length];
        Arrays.fill(allInteractions, true);
        full = build(allKg, allInteractions);
    }

    /** Returns all edges, for evaluation and inference. */
    public SampledEdges full() {
        return full;
    }

    /** Draws the edges of one training step. */
    public SampledEdges sample(double kgDropout, double interactionDropout, SplittableRandom random) {
        if (kgDropout <= 0 && interactionDropout <= 0) {
            return full;
        }
        boolean[] keepKg = new boolean[kgRelation.length];
        if (kgDropout <= 0) {
            Arrays.fill(keepKg, true);
        } else {
            for (int[] edges : edgesOfRelation) {
                if (edges.length == 0) {
                    continue;
                }
                int quota = (int) Math.max(1, Math.round(edges.length * (1.0 - kgDropout)));
                int[] pool = edges.clone();
                for (int i = 0; i < quota; i++) {
                    int j = i + random.nextInt(pool.length - i);
                    int chosen = pool[j];
                    pool[j] = pool[i];
                    pool[i] = chosen;
                    keepKg[chosen] = true;
                }
            }
        }
        boolean[] keepInteractions = new boolean[interactionUser.length];
        for (int i = 0; i < keepInteractions.length; i++) {
            keepInteractions[i] = interactionDropout <= 0 || random.nextDouble() >= interactionDropout;
        }
        return build(keepKg, keepInteractions);
    }

    private SampledEdges build(boolean[] keepKg, boolean[] keepInteractions) {
        int[] newIndex = new int[keepKg.length];
        int kept = 0;
        for (int e = 0; e < keepKg.length; e++) {
            newIndex[e] = keepKg[e] ? kept++ : -1;
        }
        int[] kgOffsets = new int[nEntities + 1];
        int[] kgTail = new int[kept];
        int[] relation = new int[kept];
        int[] head = new int[kept];
        for (int h = 0; h < nEntities; h++) {
            int count = 0;
            for (int e = kg.offsets[h]; e < kg.offsets[h + 1]; e++) {
                if (keepKg[e]) {
                    int n = newIndex[e];
                    kgTail[n] = kg.targets[e];
                    relation[n] = kgRelation[e];
                    head[n] = kgHead[e];
                    count++;
                }
            }
            kgOffsets[h + 1] = kgOffsets[h] + count;
        }
        int[] tailOffsets = new int[nEntities + 1];
        int[] tailEdges = new int[kept];
        int t = 0;
        for (int e : kgTailOrder) {
            if (keepKg[e]) {
                tailOffsets[kg.targets[e] + 1]++;
                tailEdges[t++] = newIndex[e];
            }
        }
        prefixSum(tailOffsets);

        int[] userOffsets = new int[nUsers + 1];
        int keptInteractions = 0;
        for (int i = 0; i < keepInteractions.length; i++) {
            if (keepInteractions[i]) {
                userOffsets[interactionUser[i] + 1]++;
                keptInteractions++;
            }
        }
        prefixSum(userOffsets);
        int[] userItems = new int[keptInteractions];
        int u = 0;
        for (int i = 0; i < keepInteractions.length; i++) {
            if (keepInteractions[i]) {
                userItems[u++] = interactionItem[i];
            }
        }
        float[] userWeight = new float[nUsers];
        for (int user = 0; user < nUsers; user++) {
            int degree = userOffsets[user + 1] - userOffsets[user];
            userWeight[user] = degree == 0 ? 0f : 1f / degree;
        }
        int[] itemOffsets = new int[nItems + 1];
        int[] itemUsers = new int[keptInteractions];
        int v = 0;
        for (int i : interactionItemOrder) {
            if (keepInteractions[i]) {
                itemOffsets[interactionItem[i] + 1]++;
                itemUsers[v++] = interactionUser[i];
            }
        }
        prefixSum(itemOffsets);
        return new SampledEdges(kgOffsets, kgTail, relation, head, tailOffsets, tailEdges,
                userOffsets, userItems, userWeight, itemOffsets, itemUsers);
    }

    private static void prefixSum(int[] offsets) {
        for (int i = 1; i < offsets.length; i++) {
            offsets[i] += offsets[i - 1];
        }
    }

    /** Indices {@code 0..keys.length-1} ordered by key, ties kept in index order. */
    private static int[] stableOrder(int[] keys, int keyCount) {
        int[] start = new int[keyCount + 1];
        for (int k : keys) {
            start[k + 1]++;
        }
        prefixSum(start);
        int[] order = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            order[start[keys[i]]++] = i;
        }
        return order;
    }
}
