package dev.spike.kgat;

import dev.spike.kgat.KgatDataset.Interactions;
import dev.spike.kgat.KgatDataset.Triples;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;
import org.neo4j.graphdb.QueryStatistics;
import org.neo4j.graphdb.Result;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.api.KernelTransaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * Writes a checked {@link KgatDataset} into the graph in batched transactions that run with the
 * caller's security context.
 *
 * <p>A node is matched by its label and integer {@code id}: existing nodes are found by one label
 * scan before anything is written and reused, missing ones are created. Relationships are
 * written with MERGE between those nodes. Loading the same folder again therefore creates
 * nothing and sets every property to the value it already has. A failure part way leaves the
 * batches committed so far; loading again completes them.
 */
final class GraphLoader {

    /** Numbers of what one load wrote. */
    record Written(long nodesCreated, long relationshipsCreated, Map<Integer, String> relationTypes) {}

    private final GraphDatabaseAPI database;
    private final SecurityContext securityContext;
    private final TerminationGuard guard;
    private final Log log;
    private final KgatConfig config;

    GraphLoader(GraphDatabaseAPI database, SecurityContext securityContext, TerminationGuard guard, Log log, KgatConfig config) {
        this.database = database;
        this.securityContext = securityContext;
        this.guard = guard;
        this.log = log;
        this.config = config;
    }

    Written write(KgatDataset data) {
        Map<Integer, String> types = RelationTypes.choose(
                usedRelations(data.triples()), data.relationNames(), config.interactionType());
        Map<Long, String> existingUsers = existingNodes(config.userLabel(), "userLabel");
        Map<Long, String> existingItems = existingNodes(config.itemLabel(), "itemLabel");
        Map<Long, String> existingEntities = existingNodes(config.entityLabel(), "entityLabel");
        if (!existingUsers.isEmpty() && !existingItems.isEmpty()) {
            requireNoUnlistedInteractions(data);
        }

        Nodes users = writeNodes(config.userLabel(), 0, data.userCount(), existingUsers,
                id -> userProperties(data, id));
        Nodes items = writeNodes(config.itemLabel(), 0, data.itemCount(), existingItems,
                id -> itemProperties(data, id));
        Nodes entities = writeNodes(config.entityLabel(), data.itemCount(), data.otherEntityCount(), existingEntities,
                id -> entityProperties(data, id));
        long nodesCreated = users.created() + items.created() + entities.created();

        IntFunction<String> entityNode = id -> id < data.itemCount()
                ? items.elementIds()[id]
                : entities.elementIds()[id - data.itemCount()];
        long relationshipsCreated = writeInteractions("train", data.train(), users.elementIds(), items.elementIds())
                + writeInteractions("test", data.test(), users.elementIds(), items.elementIds())
                + writeTriples(data.triples(), types, entityNode);
        return new Written(nodesCreated, relationshipsCreated, types);
    }

    private static SortedSet<Integer> usedRelations(Triples triples) {
        SortedSet<Integer> relations = new TreeSet<>();
        for (int relation : triples.relations()) {
            relations.add(relation);
        }
        return relations;
    }

    /**
     * Reads the element id of every node with {@code label} and an integer id. Rejects duplicate
     * ids, and nodes without an integer id: the loader never creates those, so they belong to
     * other data, which a load under the same label would mix with the folder's.
     */
    private Map<Long, String> existingNodes(String label, String labelKey) {
        String cypher = "MATCH (n:" + Identifiers.quote(label) + ") RETURN n.id AS id, elementId(n) AS elementId";
        Map<Long, String> nodes = new HashMap<>();
        long withoutId = 0;
        Object example = null;
        try (InternalTransaction tx = beginTransaction(); Result result = tx.execute(cypher)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                if (!(row.get("id") instanceof Long id)) {
                    if (withoutId++ == 0) {
                        example = row.get("id");
                    }
                } else if (nodes.put(id, (String) row.get("elementId")) != null) {
                    throw new IllegalArgumentException(String.format(
                            "The graph has more than one :%s node with id %d, so KGAT ids cannot be matched to nodes. "
                                    + "Remove the duplicates or load into an empty database.", label, id));
                }
            }
        }
        if (withoutId > 0) {
            String exampleNote = example == null ? ""
                    : " (such as one with id " + (example instanceof String text ? "'" + text + "'" : example) + ")";
            throw new IllegalArgumentException(String.format(
                    "The graph has %,d :%s node%s without an integer id%s, which a KGAT load does not create, so they "
                            + "belong to other data. Pass %s with a label of its own, or load into an empty database.%s",
                    withoutId, label, withoutId == 1 ? "" : "s", exampleNote, labelKey,
                    dev.spike.profile.IntegerHint.of(example).isEmpty() ? ""
                            : " If the ids were meant as integers:" + dev.spike.profile.IntegerHint.of(example)));
        }
        return nodes;
    }

    /**
     * Fails when the graph contains an interaction between loaded users and items that neither
     * train.txt nor test.txt lists under that split, before anything is written. Loading over
     * such a graph would mix two versions of a dataset: a pair moved from training to test
     * would be in both splits, and a pair the new files dropped would stay in training.
     */
    private void requireNoUnlistedInteractions(KgatDataset data) {
        LongHashSet train = pairs(data.train());
        LongHashSet test = pairs(data.test());
        String cypher = "MATCH (user:" + Identifiers.quote(config.userLabel()) + ")-[r:"
                + Identifiers.quote(config.interactionType()) + "]->(item:" + Identifiers.quote(config.itemLabel()) + ") "
                + "RETURN user.id AS user, item.id AS item, r." + Identifiers.quote(config.splitProperty()) + " AS split";
        long unlisted = 0;
        Map<String, Object> example = null;
        try (InternalTransaction tx = beginTransaction(); Result result = tx.execute(cypher)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                if (!listed(row, data, train, test)) {
                    unlisted++;
                    if (example == null) {
                        example = row;
                    }
                }
            }
        }
        if (unlisted > 0) {
            throw new IllegalArgumentException(String.format(
                    "The graph already contains %,d :%s relationship%s from :%s to :%s that train.txt and test.txt do not "
                            + "list under that %s, such as user %s to item %s with %s %s. Loading this folder would mix "
                            + "two versions of the dataset, and a pair could count as both training and test. If they "
                            + "are an older load of this dataset, delete them first; otherwise load into an empty "
                            + "database, or under labels and a type of its own (userLabel, itemLabel, entityLabel, "
                            + "interactionType), because :%s nodes with the same ids would be taken as this folder's.",
                    unlisted, config.interactionType(), unlisted == 1 ? "" : "s", config.userLabel(), config.itemLabel(),
                    config.splitProperty(), example.get("user"), example.get("item"), config.splitProperty(),
                    example.get("split") instanceof String split ? "'" + split + "'" : String.valueOf(example.get("split")),
                    config.itemLabel()));
        }
    }

    private static boolean listed(Map<String, Object> row, KgatDataset data, LongHashSet train, LongHashSet test) {
        if (!(row.get("user") instanceof Long user) || !(row.get("item") instanceof Long item)
                || user < 0 || user >= data.userCount() || item < 0 || item >= data.itemCount()) {
            return false;
        }
        long pair = pair(user.intValue(), item.intValue());
        Object split = row.get("split");
        return "train".equals(split) ? train.contains(pair) : "test".equals(split) && test.contains(pair);
    }

    private static LongHashSet pairs(Interactions interactions) {
        LongHashSet pairs = new LongHashSet(interactions.size() * 2);
        for (int index = 0; index < interactions.size(); index++) {
            pairs.add(pair(interactions.users()[index], interactions.items()[index]));
        }
        return pairs;
    }

    private static long pair(int user, int item) {
        return ((long) user << 32) | (item & 0xFFFFFFFFL);
    }

    /** Element ids of the nodes of one label, indexed by KGAT id minus the first id, and how many were created. */
    private record Nodes(String[] elementIds, long created) {}

    private Nodes writeNodes(String label, int firstId, int count, Map<Long, String> existing,
            IntFunction<Map<String, Object>> properties) {
        log.info("spike.kgat.load :: Start :%s nodes, %d ids from %d", label, count, firstId);
        String[] elementIds = new String[count];
        IntArrayList missing = new IntArrayList();
        IntArrayList toUpdate = new IntArrayList();
        for (int offset = 0; offset < count; offset++) {
            String elementId = existing.get((long) firstId + offset);
            if (elementId == null) {
                missing.add(offset);
            } else {
                elementIds[offset] = elementId;
                if (properties.apply(firstId + offset).size() > 1) {
                    toUpdate.add(offset);
                }
            }
        }

        String quoted = Identifiers.quote(label);
        long created = inBatches(
                "UNWIND $rows AS row CREATE (n:" + quoted + ") SET n = row.properties "
                        + "RETURN row.offset AS offset, elementId(n) AS elementId",
                missing.size(),
                index -> Map.of("offset", missing.get(index), "properties", properties.apply(firstId + missing.get(index))),
                Map.of(),
                row -> elementIds[((Number) row.get("offset")).intValue()] = (String) row.get("elementId"));
        inBatches(
                "UNWIND $rows AS row MATCH (n) WHERE elementId(n) = row.elementId SET n += row.properties",
                toUpdate.size(),
                index -> Map.of(
                        "elementId", elementIds[toUpdate.get(index)],
                        "properties", properties.apply(firstId + toUpdate.get(index))),
                Map.of(),
                row -> {});
        log.info("spike.kgat.load :: Finished :%s nodes, %d created, %d already present",
                label, created, count - missing.size());
        return new Nodes(elementIds, created);
    }

    private long writeInteractions(String split, Interactions interactions, String[] users, String[] items) {
        log.info("spike.kgat.load :: Start %s interactions, %d pairs", split, interactions.size());
        String cypher = "UNWIND $rows AS row "
                + "MATCH (user) WHERE elementId(user) = row[0] "
                + "MATCH (item) WHERE elementId(item) = row[1] "
                + "MERGE (user)-[r:" + Identifiers.quote(config.interactionType())
                + " {" + Identifiers.quote(config.splitProperty()) + ": $split}]->(item) "
                + "SET r." + Identifiers.quote(config.positionProperty()) + " = row[2]";
        long created = inBatches(cypher, interactions.size(),
                index -> List.of(
                        users[interactions.users()[index]],
                        items[interactions.items()[index]],
                        (long) interactions.positions()[index]),
                Map.of("split", split),
                row -> {});
        log.info("spike.kgat.load :: Finished %s interactions, %d created", split, created);
        return created;
    }

    private long writeTriples(Triples triples, Map<Integer, String> types, IntFunction<String> entityNode) {
        Map<Integer, IntArrayList> byRelation = new HashMap<>();
        for (int index = 0; index < triples.size(); index++) {
            byRelation.computeIfAbsent(triples.relations()[index], relation -> new IntArrayList()).add(index);
        }
        long created = 0;
        for (Map.Entry<Integer, String> entry : types.entrySet()) {
            int relation = entry.getKey();
            IntArrayList indexes = byRelation.get(relation);
            log.info("spike.kgat.load :: Start relation %d as :%s, %d triples", relation, entry.getValue(), indexes.size());
            String cypher = "UNWIND $rows AS row "
                    + "MATCH (head) WHERE elementId(head) = row[0] "
                    + "MATCH (tail) WHERE elementId(tail) = row[1] "
                    + "MERGE (head)-[r:" + Identifiers.quote(entry.getValue()) + "]->(tail) "
                    + "SET r.relationId = $relation";
            long relationCreated = inBatches(cypher, indexes.size(),
                    index -> List.of(
                            entityNode.apply(triples.heads()[indexes.get(index)]),
                            entityNode.apply(triples.tails()[indexes.get(index)])),
                    Map.of("relation", (long) relation),
                    row -> {});
            log.info("spike.kgat.load :: Finished relation %d, %d created", relation, relationCreated);
            created += relationCreated;
        }
        return created;
    }

    /**
     * Runs {@code cypher} once per batch of {@code batchSize} rows, each in its own transaction,
     * and returns the number of nodes and relationships it created.
     */
    private long inBatches(String cypher, int rowCount, IntFunction<Object> rowAt, Map<String, Object> parameters,
            Consumer<Map<String, Object>> resultRow) {
        long created = 0;
        for (int from = 0; from < rowCount; from += config.batchSize()) {
            guard.check();
            int to = (int) Math.min(rowCount, (long) from + config.batchSize());
            Object[] rows = new Object[to - from];
            for (int index = from; index < to; index++) {
                rows[index - from] = rowAt.apply(index);
            }
            Map<String, Object> batchParameters = new HashMap<>(parameters);
            batchParameters.put("rows", List.of(rows));
            try (InternalTransaction tx = beginTransaction()) {
                try (Result result = tx.execute(cypher, batchParameters)) {
                    result.forEachRemaining(resultRow::accept);
                    QueryStatistics statistics = result.getQueryStatistics();
                    created += statistics.getNodesCreated() + statistics.getRelationshipsCreated();
                }
                tx.commit();
            }
        }
        return created;
    }

    private InternalTransaction beginTransaction() {
        return database.beginTransaction(KernelTransaction.Type.EXPLICIT, securityContext);
    }

    private static Map<String, Object> userProperties(KgatDataset data, int id) {
        return withOptional(id, "originalId", data.userOriginalIds().get(id), null, null);
    }

    private static Map<String, Object> itemProperties(KgatDataset data, int id) {
        return withOptional(id, "originalId", data.itemOriginalIds().get(id), "title", data.itemTitles().get(id));
    }

    private static Map<String, Object> entityProperties(KgatDataset data, int id) {
        return withOptional(id, "name", data.entityNames().get(id), null, null);
    }

    private static Map<String, Object> withOptional(int id, String key, String value, String otherKey, String otherValue) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("id", (long) id);
        if (value != null) {
            properties.put(key, value);
        }
        if (otherValue != null) {
            properties.put(otherKey, otherValue);
        }
        return properties;
    }
}
