package dev.spike.recommend;

import dev.spike.catalog.ModelEntry;
import dev.spike.graph.GraphSpec;
import dev.spike.model.ColdStart;
import dev.spike.model.Recommendations;
import dev.spike.model.TopKScorer;
import dev.spike.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.Transaction;

/**
 * Scores the items of a trained model for users, in blocks of users with one matrix product per
 * block, and adds embeddings for cold-start users and items that the model has never seen.
 */
public final class Recommender {

    /** One recommendation: Neo4j node ids, score and 1-based rank. */
    public record Row(long userId, long itemId, double score, long rank) {}

    private final ModelEntry entry;
    private final TrainedModel model;
    private final long[] userNodeIds;
    private final long[] itemNodeIds;
    private final Map<Long, Integer> userIndex;
    private final Map<Long, Integer> itemIndex;
    private final TopKScorer scorer;
    private final int coldUsers;
    private final int coldItems;
    private final Set<Long> usersWithoutSignal;

    private Recommender(ModelEntry entry, long[] userNodeIds, long[] itemNodeIds, float[] users, float[] items,
            int coldUsers, int coldItems, Set<Long> usersWithoutSignal) {
        this.entry = entry;
        this.model = entry.model();
        this.userNodeIds = userNodeIds;
        this.itemNodeIds = itemNodeIds;
        this.userIndex = index(userNodeIds);
        this.itemIndex = index(itemNodeIds);
        this.scorer = new TopKScorer(users, userNodeIds.length, items, itemNodeIds.length, model.dim());
        this.coldUsers = coldUsers;
        this.usersWithoutSignal = usersWithoutSignal;
        this.coldItems = coldItems;
    }

    /**
     * A recommender over the model's users and items plus the given cold-start nodes, whose
     * embeddings {@link ColdStart} derives from their neighbours and profiles in the database.
     */
    public static Recommender create(ModelEntry entry, Transaction transaction, List<Long> extraUsers, List<Long> extraItems) {
        return create(entry, transaction, extraUsers, extraItems, Map.of());
    }

    /**
     * As {@link #create(ModelEntry, Transaction, List, List)}, with the interactions of new users
     * and items taken from {@code projectedItems} (user node id to item node ids, as in the
     * projection) instead of the database. The projection contains training interactions only,
     * while the database also contains the test interactions that evaluation scores.
     */
    public static Recommender create(ModelEntry entry, Transaction transaction, List<Long> extraUsers, List<Long> extraItems,
            Map<Long, List<Long>> projectedItems) {
        TrainedModel model = entry.model();
        int dim = model.dim();
        Map<Long, Integer> knownUsers = entry.userIndex();
        Map<Long, Integer> knownEntities = entry.entityIndex();
        List<Long> coldUserIds = extraUsers.stream().filter(id -> !knownUsers.containsKey(id)).distinct().toList();
        List<Long> coldItemIds = extraItems.stream()
                .filter(id -> !knownEntities.containsKey(id) || knownEntities.get(id) >= model.nItems())
                .distinct().toList();

        long[] userIds = concat(entry.userNodeIds(), coldUserIds);
        long[] itemIds = concat(Arrays.copyOf(entry.entityNodeIds(), model.nItems()), coldItemIds);
        float[] users = Arrays.copyOf(model.userEmbeddings(), userIds.length * dim);
        float[] items = Arrays.copyOf(model.entityEmbeddings(), model.nItems() * dim);
        items = Arrays.copyOf(items, itemIds.length * dim);

        ColdStart coldStart = new ColdStart(model);
        GraphSpec spec = entry.spec();
        // New items first: a new user's embedding is the mean of its items', new ones included.
        // NOTE: each part of a new item without users is scaled to the mean item norm, and the items
        // that fill a top 20 score higher, so it is seldom recommended (ColdItemStudy on ml-kg).
        Set<String> kgTypes = new LinkedHashSet<>(entry.relationTypes());
        Map<Long, List<Long>> projectedRaters = new HashMap<>();
        projectedItems.forEach((user, userItems) -> userItems.forEach(
                item -> projectedRaters.computeIfAbsent(item, key -> new ArrayList<>()).add(user)));
        for (int i = 0; i < coldItemIds.size(); i++) {
            Node node = node(transaction, coldItemIds.get(i));
            int[] entities = neighbours(node, kgTypes, Direction.BOTH, knownEntities, model.nEntities());
            int[] raters = dense(projectedRaters.getOrDefault(coldItemIds.get(i), List.of()), knownUsers, model.nUsers());
            float[] embedding = coldStart.item(entities, raters, profile(node, spec.profileProperty()));
            System.arraycopy(embedding, 0, items, (model.nItems() + i) * dim, dim);
        }
        Map<Long, Integer> itemPositions = index(itemIds);
        Set<Long> usersWithoutSignal = new java.util.HashSet<>();
        for (int i = 0; i < coldUserIds.size(); i++) {
            Node node = node(transaction, coldUserIds.get(i));
            int[] neighbours = dense(projectedItems.getOrDefault(coldUserIds.get(i), List.of()), itemPositions,
                    itemIds.length);
            float[] embedding = coldStart.user(items, neighbours, profile(node, spec.profileProperty()));
            if (isZero(embedding)) {
                usersWithoutSignal.add(coldUserIds.get(i));
            }
            System.arraycopy(embedding, 0, users, (entry.userNodeIds().length + i) * dim, dim);
        }
        return new Recommender(entry, userIds, itemIds, users, items, coldUserIds.size(), coldItemIds.size(),
                usersWithoutSignal);
    }

    public int coldUsers() {
        return coldUsers;
    }

    /**
     * Tells whether {@code userNodeId} is a new user with neither an interaction with a scored
     * item nor a profile embedding the model can use: it would score every item 0, so it gets no
     * recommendations.
     */
    public boolean lacksSignal(long userNodeId) {
        return usersWithoutSignal.contains(userNodeId);
    }

    private static boolean isZero(float[] vector) {
        for (float value : vector) {
            if (value != 0f) {
                return false;
            }
        }
        return true;
    }

    public int coldItems() {
        return coldItems;
    }

    public int itemCount() {
        return itemNodeIds.length;
    }

    /** Node id of the item at {@code position} of this recommender's item list. */
    public long itemNodeId(int position) {
        return itemNodeIds[position];
    }

    public boolean knowsUser(long nodeId) {
        return userIndex.containsKey(nodeId);
    }

    public long[] userNodeIds() {
        return userNodeIds.clone();
    }

    /**
     * Recommends {@code topK} items to each user of {@code users} (Neo4j node ids of users
     * this recommender scores), leaving out {@code exclude.get(user)} item node ids.
     */
    public List<Row> recommend(long[] users, int topK, Map<Long, ? extends java.util.Collection<Long>> exclude) {
        int[] dense = new int[users.length];
        int[][] excluded = new int[users.length][];
        for (int i = 0; i < users.length; i++) {
            dense[i] = userIndex.get(users[i]);
            var items = exclude == null ? null : exclude.get(users[i]);
            excluded[i] = items == null ? new int[0]
                    : items.stream().map(itemIndex::get).filter(java.util.Objects::nonNull).mapToInt(Integer::intValue).toArray();
        }
        Recommendations recommendations = scorer.score(dense, topK, excluded);
        List<Row> rows = new ArrayList<>(users.length * topK);
        for (int i = 0; i < users.length; i++) {
            if (usersWithoutSignal.contains(users[i])) {
                continue;
            }
            int[] items = recommendations.items()[i];
            float[] scores = recommendations.scores()[i];
            for (int rank = 0; rank < items.length; rank++) {
                rows.add(new Row(users[i], itemNodeIds[items[rank]], scores[rank], rank + 1));
            }
        }
        return rows;
    }

    /** Dense rankings (item positions of this recommender) for evaluation. */
    public int[][] rank(long[] users, int topK, Map<Long, ? extends java.util.Collection<Long>> exclude) {
        List<Row> rows = recommend(users, topK, exclude);
        Map<Long, List<Integer>> byUser = new HashMap<>();
        for (Row row : rows) {
            byUser.computeIfAbsent(row.userId(), u -> new ArrayList<>()).add(itemIndex.get(row.itemId()));
        }
        int[][] rankings = new int[users.length][];
        for (int i = 0; i < users.length; i++) {
            rankings[i] = byUser.getOrDefault(users[i], List.of()).stream().mapToInt(Integer::intValue).toArray();
        }
        return rankings;
    }

    /** Position of an item node in this recommender's item list, or -1. */
    public int itemPosition(long itemNodeId) {
        Integer position = itemIndex.get(itemNodeId);
        return position == null ? -1 : position;
    }

    public ModelEntry entry() {
        return entry;
    }

    /** Returns the dense ids below {@code bound} of the given node ids, leaving out unknown ones. */
    private static int[] dense(List<Long> nodeIds, Map<Long, Integer> known, int bound) {
        return nodeIds.stream().map(known::get).filter(id -> id != null && id < bound).mapToInt(Integer::intValue)
                .toArray();
    }

    private static int[] neighbours(Node node, Set<String> types, Direction direction, Map<Long, Integer> known, int bound) {
        List<Integer> found = new ArrayList<>();
        for (Relationship relationship : node.getRelationships(direction)) {
            if (!types.contains(relationship.getType().name())) {
                continue;
            }
            Integer dense = known.get(relationship.getOtherNodeId(node.getId()));
            if (dense != null && dense < bound) {
                found.add(dense);
            }
        }
        return found.stream().mapToInt(Integer::intValue).toArray();
    }

    private static float[] profile(Node node, String property) {
        if (property == null) {
            return null;
        }
        Object value = node.getProperty(property, null);
        if (value instanceof float[] floats) {
            return floats;
        }
        if (value instanceof double[] doubles) {
            float[] result = new float[doubles.length];
            for (int i = 0; i < doubles.length; i++) {
                result[i] = (float) doubles[i];
            }
            return result;
        }
        return null;
    }

    private static Node node(Transaction transaction, long id) {
        try {
            return transaction.getNodeById(id);
        } catch (NotFoundException e) {
            throw new IllegalArgumentException("Node " + id + " does not exist.");
        }
    }

    private static long[] concat(long[] first, List<Long> rest) {
        long[] result = Arrays.copyOf(first, first.length + rest.size());
        for (int i = 0; i < rest.size(); i++) {
            result[first.length + i] = rest.get(i);
        }
        return result;
    }

    private static Map<Long, Integer> index(long[] ids) {
        Map<Long, Integer> index = new HashMap<>(ids.length * 2);
        for (int i = 0; i < ids.length; i++) {
            index.put(ids[i], i);
        }
        return index;
    }
}
