package dev.spike.kgat;

/**
 * The row that {@code spike.kgat.load} yields. The counts describe the dataset, so loading the same
 * folder again yields the same counts with {@code nodesCreated} and {@code relationshipsCreated} 0.
 *
 * @param users user nodes (KGAT's n_users)
 * @param items item nodes (KGAT's n_items)
 * @param entities entity nodes other than items; KGAT's n_entities is {@code items + entities}
 * @param kgTriples distinct knowledge-graph triples
 * @param trainInteractions distinct user-item pairs in train.txt
 * @param testInteractions distinct user-item pairs in test.txt
 * @param relationTypes relationship types that the triples use
 * @param nodesCreated nodes this call created
 * @param relationshipsCreated relationships this call created
 * @param time milliseconds the call took
 */
public record KgatLoadResult(
        long users,
        long items,
        long entities,
        long kgTriples,
        long trainInteractions,
        long testInteractions,
        long relationTypes,
        long nodesCreated,
        long relationshipsCreated,
        long time) {}
