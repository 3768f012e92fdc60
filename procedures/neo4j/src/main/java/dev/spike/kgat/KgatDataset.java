package dev.spike.kgat;

import java.util.Map;
import java.util.SortedMap;

/**
 * A KGAT folder read into memory and checked, ready to write. Ids are dense, as KGAT sizes
 * its embedding tables: users are 0 to {@code userCount - 1}, items are entities 0 to
 * {@code itemCount - 1}, and the other entities are {@code itemCount} to {@code entityCount - 1}.
 *
 * @param userCount number of users: largest user id in train.txt, test.txt and user_list.txt, plus one
 * @param itemCount number of items: rows of item_list.txt when present, otherwise the largest
 *     item id in train.txt and test.txt plus one
 * @param entityCount KGAT's entity count, items included: the largest of {@code itemCount} and
 *     the largest entity id in kg_final.txt and entity_list.txt plus one
 * @param train distinct train interactions
 * @param test distinct test interactions
 * @param triples distinct knowledge-graph triples
 * @param userOriginalIds {@code org_id} of users from user_list.txt
 * @param itemOriginalIds {@code org_id} of items from item_list.txt
 * @param itemTitles {@code title} of items from item_list.txt
 * @param entityNames {@code org_id} of entities from entity_list.txt, for ids from {@code itemCount}
 * @param relationNames {@code org_id} of relations from relation_list.txt by relation id, or null
 *     when the folder has no relation_list.txt
 */
record KgatDataset(
        int userCount,
        int itemCount,
        int entityCount,
        Interactions train,
        Interactions test,
        Triples triples,
        Map<Integer, String> userOriginalIds,
        Map<Integer, String> itemOriginalIds,
        Map<Integer, String> itemTitles,
        Map<Integer, String> entityNames,
        SortedMap<Integer, String> relationNames) {

    /** Number of entities that are not items. */
    int otherEntityCount() {
        return entityCount - itemCount;
    }

    /**
     * User-item pairs of one split, in file order. {@code positions} gives each pair's place
     * among its user's distinct items in the file, starting at 1.
     */
    record Interactions(int[] users, int[] items, int[] positions) {
        int size() {
            return users.length;
        }
    }

    /** Head-relation-tail triples, in file order. */
    record Triples(int[] heads, int[] relations, int[] tails) {
        int size() {
            return heads.length;
        }
    }
}
