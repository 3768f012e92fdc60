package dev.spike.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainingPairsTest {

    @Test
    void smallGraphKeepsEveryPair() {
        long[] users = {10, 11};
        long[] items = {20, 21, 22};
        long[] sample = TrainingPairs.sample(users, items, new int[] {0, 1, 1}, new int[] {0, 1, 2}).hashes();

        assertEquals(3, sample.length);
        assertTrue(TrainingPairs.contains(sample, 10, 20));
        assertTrue(TrainingPairs.contains(sample, 11, 22));
        assertFalse(TrainingPairs.contains(sample, 10, 21), "a pair that was not trained");
        assertFalse(TrainingPairs.contains(sample, 20, 10), "the order of user and item matters");
    }

    @Test
    void largeGraphKeepsAboutTheTarget() {
        int userCount = 2_000;
        int itemCount = 5_000;
        int pairs = 400_000;
        long[] users = new long[userCount];
        long[] items = new long[itemCount];
        for (int u = 0; u < userCount; u++) {
            users[u] = u;
        }
        for (int i = 0; i < itemCount; i++) {
            items[i] = userCount + i;
        }
        SplittableRandom random = new SplittableRandom(7);
        int[] interactionUser = new int[pairs];
        int[] interactionItem = new int[pairs];
        for (int p = 0; p < pairs; p++) {
            interactionUser[p] = random.nextInt(userCount);
            interactionItem[p] = random.nextInt(itemCount);
        }

        long[] sample = TrainingPairs.sample(users, items, interactionUser, interactionItem).hashes();

        assertTrue(sample.length > TrainingPairs.TARGET * 0.9, "kept " + sample.length);
        assertTrue(sample.length < TrainingPairs.TARGET * 1.1, "kept " + sample.length);
        int found = 0;
        for (int p = 0; p < 20_000; p++) {
            if (TrainingPairs.contains(sample, users[interactionUser[p]], items[interactionItem[p]])) {
                found++;
            }
        }
        // A split that moves 20,000 trained pairs into the test set is found many times over.
        assertTrue(found > 100, "found " + found);
    }

    @Test
    void checkedPairsAreTrainedPairs() {
        long[] users = {10, 11};
        long[] items = {20, 21, 22};

        long[] checked = TrainingPairs.sample(users, items, new int[] {0, 1, 1}, new int[] {0, 1, 2}).checkedPairs();

        assertEquals(6, checked.length, "every pair of a small graph");
        java.util.Set<String> pairs = new java.util.HashSet<>();
        for (int c = 0; c < checked.length; c += 2) {
            pairs.add(checked[c] + "-" + checked[c + 1]);
        }
        assertEquals(java.util.Set.of("10-20", "11-21", "11-22"), pairs);
    }

    @Test
    void checkedPairsSpreadOverUsers() {
        int userCount = 1_000;
        int perUser = 50;
        long[] users = new long[userCount];
        long[] items = new long[perUser];
        for (int u = 0; u < userCount; u++) {
            users[u] = u;
        }
        for (int i = 0; i < perUser; i++) {
            items[i] = userCount + i;
        }
        int[] interactionUser = new int[userCount * perUser];
        int[] interactionItem = new int[userCount * perUser];
        for (int p = 0; p < interactionUser.length; p++) {
            interactionUser[p] = p / perUser;
            interactionItem[p] = p % perUser;
        }

        long[] checked = TrainingPairs.sample(users, items, interactionUser, interactionItem).checkedPairs();

        assertEquals(2 * TrainingPairs.CHECKED, checked.length);
        java.util.Set<Long> checkedUsers = new java.util.HashSet<>();
        for (int c = 0; c < checked.length; c += 2) {
            checkedUsers.add(checked[c]);
        }
        // Pairs in file order would all belong to the first two users.
        assertTrue(checkedUsers.size() > TrainingPairs.CHECKED / 2, "users " + checkedUsers.size());
    }
}
