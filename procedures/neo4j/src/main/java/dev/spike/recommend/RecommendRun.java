package dev.spike.recommend;

import dev.spike.config.ExclusiveWrites;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelEntry;
import dev.spike.catalog.TrainedGraphCheck;
import dev.spike.config.Identifiers;
import dev.spike.graph.ProjectionReader;
import dev.spike.progress.JobProgress;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.gds.NodeLabel;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/** Runs {@code spike.recommend.stream} and {@code spike.recommend.write}. */
public final class RecommendRun {

    /** The row {@code spike.recommend.write} yields. */
    public record WriteResult(
            String modelName,
            long relationshipsWritten,
            long relationshipsRemoved,
            long usersCovered,
            long coldStartUsers,
            long coldStartItems,
            long batches,
            long writeMillis) {}

    private final GraphDatabaseService database;
    private final Transaction transaction;
    private final TerminationGuard terminationGuard;
    private final Log log;

    public RecommendRun(GraphDatabaseService database, Transaction transaction, TerminationGuard terminationGuard, Log log) {
        this.database = database;
        this.transaction = transaction;
        this.terminationGuard = terminationGuard;
        this.log = log;
    }

    /** Streams recommendations block by block, so the first rows come before the last users are scored. */
    public java.util.stream.Stream<Recommender.Row> stream(String procedure, String graphName, RecommendSettings settings,
            ModelCatalog catalog) {
        Prepared prepared = prepare(procedure, graphName, settings, catalog);
        List<long[]> blocks = blocks(prepared.users(), settings.batchSize());
        return blocks.stream().flatMap(block -> {
            terminationGuard.check();
            return prepared.recommender().recommend(block, settings.topK(), prepared.exclude()).stream();
        });
    }

    /** Identifies the recommendations one write replaces: models folder, model and relationship type. */
    static List<String> writeKey(java.nio.file.Path modelsDirectory, String modelName, String relationshipType) {
        return List.of("recommend", modelsDirectory.toString(), modelName, relationshipType);
    }

    public WriteResult write(String procedure, String graphName, RecommendSettings settings, ModelCatalog catalog) {
        ModelEntry model = catalog.require(procedure, settings.modelName());
        // Two writes of one model's set at once would each delete only the other's older
        // relationships, leaving users with two or three sets.
        List<String> key = writeKey(catalog.directory(), settings.modelName(), settings.writeRelationshipType());
        try (ExclusiveWrites.Claim claim = ExclusiveWrites.claim(List.of(key), index -> procedure
                + ": recommendations of model '" + settings.modelName() + "' are being written as :"
                + settings.writeRelationshipType() + " by another call. Wait for it to finish; a scheduled refresh "
                + "and a manual write of the same model must not overlap.")) {
            return write(procedure, graphName, settings, catalog, model);
        }
    }

    private WriteResult write(String procedure, String graphName, RecommendSettings settings, ModelCatalog catalog,
            ModelEntry model) {
        long start = System.nanoTime();
        checkWriteType(procedure, settings.writeRelationshipType(), model);
        Prepared prepared = prepare(procedure, graphName, settings, catalog);
        String type = Identifiers.quote(settings.writeRelationshipType());
        String modelProperty = Identifiers.quote(settings.modelProperty());
        // Each block of users is written in one transaction that removes this model's old
        // recommendations of those users and creates the new ones. A failure therefore leaves
        // every user with either the old or the new set, and a rerun replaces them all.
        String user = Identifiers.quote(model.spec().userLabel());
        String item = Identifiers.quote(model.spec().itemLabel());
        String delete = "UNWIND $users AS userId MATCH (user:" + user + ") WHERE id(user) = userId "
                + "MATCH (user)-[old:" + type + "]->() WHERE old." + modelProperty + " = $model "
                + "DELETE old RETURN count(old) AS count";
        String create = "UNWIND $rows AS row MATCH (user:" + user + ") WHERE id(user) = row.user "
                + "MATCH (item:" + item + ") WHERE id(item) = row.item "
                + "CREATE (user)-[r:" + type + "]->(item) "
                + "SET r." + Identifiers.quote(settings.scoreProperty()) + " = row.score, "
                + "r." + Identifiers.quote(settings.rankProperty()) + " = row.rank, "
                + "r." + modelProperty + " = $model, "
                + "r." + Identifiers.quote(settings.createdAtProperty()) + " = $createdAt "
                + "RETURN count(r) AS count";
        ZonedDateTime createdAt = ZonedDateTime.now();
        long written = 0;
        long removed = 0;
        long batches = 0;
        String username = ((InternalTransaction) transaction).securityContext().subject().executingUser();
        try (JobProgress progress = JobProgress.start(database.databaseName(), username,
                procedure + " '" + settings.modelName() + "'",
                List.of(new JobProgress.Step("score and write users", prepared.users().length),
                        new JobProgress.Step("remove stale recommendations", 1)), log)) {
            progress.beginStep(0);
            for (long[] block : blocks(prepared.users(), settings.batchSize())) {
                terminationGuard.check();
                List<Recommender.Row> rows = prepared.recommender().recommend(block, settings.topK(),
                        prepared.exclude());
                long[] counts = writeBlock(delete, create, block, rows, settings.modelName(), createdAt);
                written += counts[0];
                removed += counts[1];
                batches++;
                progress.advance(block.length);
                log.debug("spike.recommend.write '%s': batch %d, %d users, %d relationships", settings.modelName(),
                        batches, block.length, counts[0]);
            }
            progress.beginStep(1);
            removed += removeStale(prepared, settings, type, modelProperty);
            progress.finish();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long withoutSignal = Arrays.stream(prepared.users()).filter(prepared.recommender()::lacksSignal).count();
        if (withoutSignal > 0) {
            log.info("spike.recommend.write '%s': %d new users have neither an interaction with a scored item nor a "
                    + "profile embedding the model can use, so they got no recommendations", settings.modelName(),
                    withoutSignal);
        }
        log.info("spike.recommend.write '%s': %d relationships written, %d removed, %d users, %d ms",
                settings.modelName(), written, removed, prepared.users().length - withoutSignal, millis);
        return new WriteResult(settings.modelName(), written, removed, prepared.users().length - withoutSignal,
                prepared.recommender().coldUsers(), prepared.recommender().coldItems(), batches, millis);
    }

    /** Rejects a write type the model reads as data, since the next projection would train on the recommendations. */
    private static void checkWriteType(String procedure, String type, ModelEntry model) {
        if (type.equals(model.spec().interactionType()) || type.equals(model.databaseInteractionType())) {
            throw new IllegalArgumentException(String.format("%s: writeRelationshipType '%s' is the model's interaction "
                    + "type, so the recommendations would be read as interactions by the next split and training. Use "
                    + "another type, such as 'RECOMMENDED'.", procedure, type));
        }
        if (model.relationTypes().contains(type)) {
            throw new IllegalArgumentException(String.format("%s: writeRelationshipType '%s' is one of the model's "
                    + "knowledge-graph relationship types %s, so the recommendations would be read as KG facts. Use "
                    + "another type, such as 'RECOMMENDED'.", procedure, type, model.relationTypes()));
        }
    }

    private long[] writeBlock(String delete, String create, long[] users, List<Recommender.Row> rows, String model,
            ZonedDateTime createdAt) {
        List<Map<String, Object>> values = new ArrayList<>(rows.size());
        for (Recommender.Row row : rows) {
            values.add(Map.of("user", row.userId(), "item", row.itemId(), "score", row.score(), "rank", row.rank()));
        }
        List<Long> userIds = Arrays.stream(users).boxed().toList();
        try (Transaction write = database.beginTx()) {
            long removed = count(write.execute(delete, Map.of("users", userIds, "model", model)));
            long written = count(write.execute(create, Map.of("rows", values, "model", model, "createdAt", createdAt)));
            write.commit();
            return new long[] {written, removed};
        }
    }

    private static long count(org.neo4j.graphdb.Result result) {
        try (result) {
            return ((Number) result.next().get("count")).longValue();
        }
    }

    /** Removes this model's recommendations from users no longer covered, when all users were requested. */
    private long removeStale(Prepared prepared, RecommendSettings settings, String type, String modelProperty) {
        if (settings.users() != null) {
            return 0;
        }
        Set<Long> covered = new HashSet<>();
        for (long user : prepared.users()) {
            covered.add(user);
        }
        try (Transaction write = database.beginTx()) {
            long removed = ((Number) write.execute("MATCH (user)-[old:" + type + "]->() WHERE old." + modelProperty
                            + " = $model AND NOT id(user) IN $covered DELETE old RETURN count(old) AS removed",
                    Map.of("model", settings.modelName(), "covered", new ArrayList<>(covered))).next().get("removed")).longValue();
            write.commit();
            return removed;
        }
    }

    private record Prepared(Recommender recommender, long[] users, Map<Long, ? extends Collection<Long>> exclude) {}

    private Prepared prepare(String procedure, String graphName, RecommendSettings settings, ModelCatalog catalog) {
        ModelEntry entry = catalog.require(procedure, settings.modelName());
        TrainedGraphCheck.requireTrainedInteractions(procedure, entry, transaction);
        List<Long> coldUsers = List.of();
        List<Long> coldItems = List.of();
        Map<Long, List<Long>> projectedItems = Map.of();
        if (ProjectionReader.namesProjection(procedure, graphName)) {
            String username = ((InternalTransaction) transaction).securityContext().subject().executingUser();
            GraphStore store = ProjectionReader.graphStore(procedure, username, database.databaseName(), graphName);
            coldUsers = nodesWithLabel(store, entry.spec().userLabel());
            coldItems = nodesWithLabel(store, entry.spec().itemLabel());
            projectedItems = projectedInteractions(store, entry.spec());
        }
        Recommender recommender = Recommender.create(entry, transaction, coldUsers, coldItems, projectedItems);

        // Neo4j reuses the ids of deleted nodes: a model's node id that no longer carries the
        // model's label belongs to another node now, which must get no recommendations.
        // Every item is a candidate, so all item nodes are read; users are read only when all are
        // requested, and a call for a few users looks up those nodes alone.
        Set<Long> liveItems = nodeIds(entry.spec().itemLabel());
        long[] users;
        if (settings.users() == null) {
            Set<Long> liveUsers = nodeIds(entry.spec().userLabel());
            users = Arrays.stream(recommender.userNodeIds()).filter(liveUsers::contains).toArray();
        } else {
            List<Long> allUnknown = settings.users().stream().filter(id -> !recommender.knowsUser(id)).toList();
            List<Long> unknown = allUnknown.subList(0, Math.min(5, allUnknown.size()));
            if (!unknown.isEmpty()) {
                String more = allUnknown.size() > unknown.size() ? " (and " + (allUnknown.size() - unknown.size())
                        + " more)" : "";
                throw new IllegalArgumentException(procedure + ": model '" + settings.modelName() + "' has no user with node id "
                        + unknown + more + ". " + describeNodes(unknown) + "Pass users of the model, or name the projection that holds new users so they "
                        + "get cold-start recommendations. Users are nodes or node ids (id(n)), not values of a key "
                        + "property such as id.");
            }
            Label userLabel = Label.label(entry.spec().userLabel());
            List<Long> notUsers = settings.users().stream().filter(id -> !hasLabel(id, userLabel)).limit(5).toList();
            if (!notUsers.isEmpty()) {
                throw new IllegalArgumentException(procedure + ": node ids " + notUsers + " were users of model '"
                        + settings.modelName() + "' but carry no :" + entry.spec().userLabel() + " label now: the users "
                        + "were deleted and Neo4j gave their ids to other nodes. Pass current users, or train the "
                        + "model again.");
            }
            users = settings.users().stream().mapToLong(Long::longValue).distinct().toArray();
        }
        Map<Long, Set<Long>> interacted = settings.excludeInteracted() ? interacted(procedure, entry) : Map.of();
        Set<Long> goneItems = new HashSet<>();
        for (int position = 0; position < recommender.itemCount(); position++) {
            long item = recommender.itemNodeId(position);
            if (!liveItems.contains(item)) {
                goneItems.add(item);
            }
        }
        return new Prepared(recommender, users, withGoneItems(interacted, goneItems));
    }

    /** Describes each node by its labels, so that an item or other node passed as a user shows what it is. */
    private String describeNodes(List<Long> nodeIds) {
        StringBuilder text = new StringBuilder();
        for (long nodeId : nodeIds) {
            try {
                List<String> labels = new ArrayList<>();
                transaction.getNodeById(nodeId).getLabels().forEach(label -> labels.add(label.name()));
                text.append("Node ").append(nodeId)
                        .append(labels.isEmpty() ? " has no labels" : " has the labels " + labels).append(". ");
            } catch (org.neo4j.graphdb.NotFoundException e) {
                text.append("Node ").append(nodeId).append(" does not exist. ");
            }
        }
        return text.toString();
    }

    private boolean hasLabel(long nodeId, Label label) {
        try {
            return transaction.getNodeById(nodeId).hasLabel(label);
        } catch (org.neo4j.graphdb.NotFoundException e) {
            return false;
        }
    }

    private Set<Long> nodeIds(String label) {
        Set<Long> ids = new HashSet<>();
        try (org.neo4j.graphdb.Result result = transaction.execute("MATCH (n:" + Identifiers.quote(label)
                + ") RETURN id(n) AS id")) {
            result.forEachRemaining(row -> ids.add((Long) row.get("id")));
        }
        return ids;
    }

    /** Leaves out, for every user, the items whose nodes were deleted, besides the user's own items. */
    private static Map<Long, ? extends Collection<Long>> withGoneItems(Map<Long, Set<Long>> interacted,
            Set<Long> goneItems) {
        if (goneItems.isEmpty()) {
            return interacted;
        }
        return new AbstractMap<Long, Collection<Long>>() {
            @Override
            public Collection<Long> get(Object user) {
                Set<Long> own = interacted.get(user);
                if (own == null) {
                    return goneItems;
                }
                Set<Long> both = new HashSet<>(own);
                both.addAll(goneItems);
                return both;
            }

            @Override
            public Set<Entry<Long, Collection<Long>>> entrySet() {
                throw new UnsupportedOperationException("only get() is used");
            }
        };
    }

    private Map<Long, Set<Long>> interacted(String procedure, ModelEntry entry) {
        TrainedGraphCheck.requireInteractionType(procedure, entry, transaction, "so the items each user already "
                + "has cannot be left out. Pass excludeInteracted: false to recommend among all items.");
        GraphInteractions interactions = GraphInteractions.read(transaction, entry.spec().userLabel(),
                entry.databaseInteractionType(), entry.spec().itemLabel(), null);
        Map<Long, Set<Long>> exclude = new HashMap<>();
        for (Long user : interactions.users()) {
            Set<Long> items = new HashSet<>();
            interactions.of(user).forEach(interaction -> items.add(interaction.itemNodeId()));
            exclude.put(user, items);
        }
        return exclude;
    }

    /**
     * Reads the projection's interactions as user node id to item node ids. New users and items
     * are placed by these, not by the database's relationships, which include test interactions.
     */
    private static Map<Long, List<Long>> projectedInteractions(GraphStore store, dev.spike.graph.GraphSpec spec) {
        NodeLabel user = NodeLabel.of(spec.userLabel());
        NodeLabel item = NodeLabel.of(spec.itemLabel());
        org.neo4j.gds.RelationshipType type = org.neo4j.gds.RelationshipType.of(spec.interactionType());
        if (!store.nodeLabels().contains(user) || !store.nodeLabels().contains(item)
                || !store.relationshipTypes().contains(type)) {
            return Map.of();
        }
        Graph graph = store.getGraph(List.of(user, item), List.of(type), java.util.Optional.empty());
        Map<Long, List<Long>> items = new HashMap<>();
        graph.forEachNode(node -> {
            if (graph.hasLabel(node, user)) {
                long userId = graph.toOriginalNodeId(node);
                graph.forEachRelationship(node, (source, target) -> {
                    if (graph.hasLabel(target, item)) {
                        items.computeIfAbsent(userId, key -> new ArrayList<>()).add(graph.toOriginalNodeId(target));
                    }
                    return true;
                });
            }
            return true;
        });
        return items;
    }

    private static List<Long> nodesWithLabel(GraphStore store, String label) {
        NodeLabel nodeLabel = NodeLabel.of(label);
        if (!store.nodeLabels().contains(nodeLabel)) {
            return List.of();
        }
        Graph graph = store.getGraph(List.of(nodeLabel));
        List<Long> ids = new ArrayList<>();
        graph.forEachNode(node -> {
            ids.add(graph.toOriginalNodeId(node));
            return true;
        });
        return ids;
    }

    private static List<long[]> blocks(long[] users, int size) {
        List<long[]> blocks = new ArrayList<>();
        for (int from = 0; from < users.length; from += size) {
            blocks.add(Arrays.copyOfRange(users, from, Math.min(users.length, from + size)));
        }
        return blocks;
    }

}
