package dev.spike.explain;

import dev.spike.catalog.ModelEntry;
import dev.spike.model.TrainedModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.Direction;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Relationship;
import org.neo4j.graphdb.RelationshipType;
import org.neo4j.graphdb.Transaction;

/**
 * Finds the knowledge-graph paths from a user to an item that explain a model's score, and
 * ranks them by the model's final embeddings.
 *
 * <p>Two path shapes are read from the stored relationships, so every path exists in the graph:
 * <ul>
 *   <li>user -[interaction]-> liked item -[KG]- entity -[KG]- target item, where the entity is a
 *       KG neighbour of both items;</li>
 *   <li>user -[interaction]-> liked item -[KG]- target item, where the two items are linked
 *       directly.</li>
 * </ul>
 * A liked item is one the user interacted with outside the test split, as in training.
 *
 * <p>Path score: the product, over the hops of the path, of the logistic sigmoid of the dot
 * product of the two ends' final embeddings. The first hop uses the user embedding and the
 * liked item's entity embedding, so its dot product is the model's own score of that item for
 * the user. The later hops use the entity embeddings of both ends. Each factor lies in (0, 1),
 * so a path scores high only when every hop is one the model considers close, and adding a hop
 * never raises a path's score.
 */
public final class Explainer {

    /** One explanation path, as {@code spike.explain} yields it. */
    public record Row(
            long rank,
            double score,
            double modelScore,
            List<Map<String, Object>> path,
            List<String> relationshipTypes,
            String description) {}

    private record Candidate(double score, List<Node> nodes, List<String> types) {}

    private final ModelEntry entry;
    private final TrainedModel model;
    private final Transaction transaction;
    private final ExplainSettings settings;
    private final Map<Long, Integer> entityIndex;
    private final Set<String> kgTypes;

    public Explainer(ModelEntry entry, Transaction transaction, ExplainSettings settings) {
        this.entry = entry;
        this.model = entry.model();
        this.transaction = transaction;
        this.settings = settings;
        this.entityIndex = entry.entityIndex();
        this.kgTypes = new HashSet<>(entry.relationTypes());
    }

    /** Returns the {@code maxPaths} best paths from the user to the item, best first. */
    public List<Row> explain(long userNodeId, long itemNodeId) {
        int user = denseUser(userNodeId);
        int item = denseItem(itemNodeId);
        Node userNode = node("user", userNodeId);
        Node itemNode = node("item", itemNodeId);
        float[] userEmbedding = model.userEmbedding(user);
        double modelScore = model.score(user, item);

        Map<Long, String> targetNeighbours = kgNeighbours(itemNode);
        List<Candidate> candidates = new ArrayList<>();
        for (Relationship interaction : likedItems(userNode, itemNodeId)) {
            Node liked = interaction.getEndNode();
            int likedDense = entityIndex.get(liked.getId());
            double userHop = sigmoid(dot(userEmbedding, model.entityEmbedding(likedDense)));
            for (Relationship link : liked.getRelationships(Direction.BOTH)) {
                String type = link.getType().name();
                if (!kgTypes.contains(type)) {
                    continue;
                }
                Node other = link.getOtherNode(liked);
                if (other.getId() == itemNodeId) {
                    double score = userHop * similarity(likedDense, item);
                    candidates.add(new Candidate(score, List.of(userNode, liked, itemNode),
                            List.of(interaction.getType().name(), type)));
                } else if (targetNeighbours.containsKey(other.getId())) {
                    int entity = entityIndex.get(other.getId());
                    double score = userHop * similarity(likedDense, entity) * similarity(entity, item);
                    candidates.add(new Candidate(score, List.of(userNode, liked, other, itemNode),
                            List.of(interaction.getType().name(), type, targetNeighbours.get(other.getId()))));
                }
            }
        }

        candidates.sort(Comparator.comparingDouble(Candidate::score).reversed());
        List<Row> rows = new ArrayList<>();
        for (Candidate candidate : candidates.subList(0, Math.min(settings.maxPaths(), candidates.size()))) {
            rows.add(row(rows.size() + 1, candidate, modelScore));
        }
        return rows;
    }

    private Row row(long rank, Candidate candidate, double modelScore) {
        List<Map<String, Object>> path = new ArrayList<>();
        for (Node node : candidate.nodes()) {
            path.add(PathStep.describe(node, settings.profileProperty()));
        }
        return new Row(rank, candidate.score(), modelScore, path, candidate.types(), description(candidate));
    }

    /** Describes a path as "You liked Heat (1995) → genre Crime → Ronin (1998)", or "… → linked by SEQUEL_OF → …" for a direct link. */
    private String description(Candidate candidate) {
        List<Node> nodes = candidate.nodes();
        String liked = PathStep.item(nodes.get(1));
        String target = PathStep.item(nodes.get(nodes.size() - 1));
        String middle = nodes.size() == 4
                ? PathStep.entity(nodes.get(2), entry.spec().entityLabel())
                : "linked by " + candidate.types().get(1);
        return "You liked " + liked + " → " + middle + " → " + target;
    }

    /** Collects the KG neighbours of the target item that the model has embeddings for, with the relationship type. */
    private Map<Long, String> kgNeighbours(Node item) {
        Map<Long, String> neighbours = new HashMap<>();
        for (Relationship link : item.getRelationships(Direction.BOTH)) {
            String type = link.getType().name();
            long other = link.getOtherNodeId(item.getId());
            if (kgTypes.contains(type) && entityIndex.containsKey(other)) {
                neighbours.putIfAbsent(other, type);
            }
        }
        return neighbours;
    }

    /** Collects the user's interactions outside the test split with items of the model, other than the target. */
    private List<Relationship> likedItems(Node user, long targetNodeId) {
        List<Relationship> liked = new ArrayList<>();
        RelationshipType type = RelationshipType.withName(entry.databaseInteractionType());
        for (Relationship interaction : user.getRelationships(Direction.OUTGOING, type)) {
            Object split = interaction.getProperty(settings.splitProperty(), null);
            if (split != null && !settings.trainValue().equals(split.toString())) {
                continue;
            }
            long item = interaction.getEndNodeId();
            Integer dense = entityIndex.get(item);
            if (item != targetNodeId && dense != null && dense < model.nItems()) {
                liked.add(interaction);
            }
        }
        return liked;
    }

    /** Ends the messages about unknown node ids, since a key property value is the usual mix-up. */
    private static final String NODE_IDS = "Pass the node itself or its node id (id(n)), not the value of a key "
            + "property such as id.";

    private int denseUser(long nodeId) {
        Integer dense = entry.userIndex().get(nodeId);
        if (dense == null) {
            throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": model '" + entry.name()
                    + "' has no user with node id " + nodeId + ". Explain a user the model was trained on, or retrain "
                    + "the model (spike.train with overwrite: true) after the user has interactions. " + NODE_IDS);
        }
        return dense;
    }

    private int denseItem(long nodeId) {
        Integer dense = entityIndex.get(nodeId);
        if (dense == null || dense >= model.nItems()) {
            throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": model '" + entry.name()
                    + "' has no item with node id " + nodeId + ". Explain an item the model was trained on, or retrain "
                    + "the model (spike.train with overwrite: true) after adding the item to the projection. " + NODE_IDS);
        }
        return dense;
    }

    private Node node(String argument, long nodeId) {
        try {
            return transaction.getNodeById(nodeId);
        } catch (NotFoundException e) {
            throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": the " + argument + " node " + nodeId
                    + " of model '" + entry.name() + "' no longer exists in the database. Retrain the model.");
        }
    }

    private double similarity(int entityA, int entityB) {
        return sigmoid(dot(model.entityEmbedding(entityA), model.entityEmbedding(entityB)));
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (double) a[i] * b[i];
        }
        return sum;
    }

    private static double sigmoid(double x) {
        return 1.0 / (1.0 + Math.exp(-x));
    }
}
