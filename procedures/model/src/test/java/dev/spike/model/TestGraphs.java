package dev.spike.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Small graphs shared by the tests. */
public final class TestGraphs {
    private TestGraphs() {
    }

    /**
     * 3 users, 4 items and 6 entities with 2 relations. Item 3 has no KG triples, and user 2's
     * profile is missing.
     */
    public static TrainingGraph tiny(boolean withProfiles) {
        int[] head = {0, 1, 2, 0, 4, 1};
        int[] relation = {0, 0, 0, 1, 1, 1};
        int[] tail = {4, 4, 5, 5, 5, 0};
        int[] user = {0, 0, 1, 1, 2, 2, 2};
        int[] item = {0, 1, 1, 2, 0, 2, 3};
        TrainingGraph.Builder builder = TrainingGraph.builder(3, 4, 6, 2)
                .knowledgeGraph(head, relation, tail)
                .interactions(user, item);
        if (withProfiles) {
            Random random = new Random(7);
            float[][] rows = new float[9][];
            for (int node = 0; node < rows.length; node++) {
                if (node == 2) {
                    continue;
                }
                rows[node] = new float[5];
                for (int j = 0; j < 5; j++) {
                    rows[node][j] = (float) random.nextGaussian();
                }
            }
            builder.profiles(rows);
        }
        return builder.build();
    }

    /** Interactions, validation and test items of a planted-structure graph. */
    public record Planted(TrainingGraph graph, TrainingGraph.Csr test, int[] allUsers) {
    }

    /**
     * Users in {@code clusters} groups, each interacting with random items of its own group
     * only, split into training, validation and test interactions. With {@code sideInformation}
     * the items of group {@code g} all link to genre entity {@code g} in the KG and profiles are
     * noisy copies of a per-group direction. Without it, items link to a random genre and
     * profiles are noise, so the groups can be found only in the interactions.
     */
    public static Planted planted(int clusters, int usersPerCluster, int itemsPerCluster, int trainPerUser,
                                  int testPerUser, boolean sideInformation, long seed) {
        Random random = new Random(seed);
        int nUsers = clusters * usersPerCluster;
        int nItems = clusters * itemsPerCluster;
        int nEntities = nItems + clusters;
        List<int[]> kg = new ArrayList<>();
        for (int item = 0; item < nItems; item++) {
            int genre = sideInformation ? item / itemsPerCluster : random.nextInt(clusters);
            kg.add(new int[] {item, 0, nItems + genre});
        }
        List<int[]> train = new ArrayList<>();
        List<int[]> validation = new ArrayList<>();
        List<int[]> test = new ArrayList<>();
        for (int user = 0; user < nUsers; user++) {
            int cluster = user / usersPerCluster;
            List<Integer> pool = new ArrayList<>();
            for (int i = 0; i < itemsPerCluster; i++) {
                pool.add(cluster * itemsPerCluster + i);
            }
            java.util.Collections.shuffle(pool, random);
            int cursor = 0;
            for (int i = 0; i < trainPerUser; i++) {
                train.add(new int[] {user, pool.get(cursor++)});
            }
            validation.add(new int[] {user, pool.get(cursor++)});
            for (int i = 0; i < testPerUser; i++) {
                test.add(new int[] {user, pool.get(cursor++)});
            }
        }
        int dim = 8;
        float[][] directions = new float[clusters][dim];
        for (float[] direction : directions) {
            for (int j = 0; j < dim; j++) {
                direction[j] = (float) random.nextGaussian();
            }
        }
        float[][] profiles = new float[nUsers + nEntities][dim];
        for (int node = 0; node < profiles.length; node++) {
            int cluster;
            if (node < nUsers) {
                cluster = node / usersPerCluster;
            } else if (node - nUsers < nItems) {
                cluster = (node - nUsers) / itemsPerCluster;
            } else {
                cluster = node - nUsers - nItems;
            }
            for (int j = 0; j < dim; j++) {
                float signal = sideInformation ? directions[cluster][j] : 0f;
                profiles[node][j] = signal + 0.5f * (float) random.nextGaussian();
            }
        }
        TrainingGraph graph = TrainingGraph.builder(nUsers, nItems, nEntities, 1)
                .knowledgeGraph(column(kg, 0), column(kg, 1), column(kg, 2))
                .interactions(column(train, 0), column(train, 1))
                .validation(column(validation, 0), column(validation, 1))
                .profiles(profiles)
                .build();
        TrainingGraph testGraph = TrainingGraph.builder(nUsers, nItems, nEntities, 1)
                .interactions(column(test, 0), column(test, 1))
                .build();
        int[] allUsers = java.util.stream.IntStream.range(0, nUsers).toArray();
        return new Planted(graph, testGraph.userItems(), allUsers);
    }

    private static int[] column(List<int[]> rows, int c) {
        return rows.stream().mapToInt(r -> r[c]).toArray();
    }
}
