package dev.spike.graph;

import dev.spike.config.ConfigMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.neo4j.gds.NodeLabel;
import org.neo4j.gds.NodeProjection;
import org.neo4j.gds.RelationshipProjection;
import org.neo4j.gds.RelationshipType;
import org.neo4j.gds.api.Graph;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.gds.config.GraphProjectConfig;
import org.neo4j.gds.config.GraphProjectFromGraphConfig;
import org.neo4j.gds.core.loading.GraphStoreCatalog;
import org.neo4j.gds.projection.GraphProjectFromStoreConfig;

/**
 * Reads users, items, entities, interactions, KG triples and profile embeddings out of a GDS
 * graph projection into a {@link ProjectedGraph}.
 *
 * <p>Every label and type named in the {@link GraphSpec} is checked against the projection
 * before anything is read, and the error lists what the projection does contain.
 */
public final class ProjectionReader {

    private final String procedure;

    /** The entity label that training assumes when none is configured, and that a projection may lack. */
    public static final String DEFAULT_ENTITY_LABEL = "Entity";

    public ProjectionReader(String procedure) {
        this.procedure = procedure;
    }

    /**
     * Tells whether an optional {@code graphName} argument names a projection: false for '', and
     * an error for null or blank, which usually come from a missing parameter.
     */
    public static boolean namesProjection(String procedure, String graphName) {
        if (graphName == null || (!graphName.isEmpty() && graphName.isBlank())) {
            throw new IllegalArgumentException(procedure + ": argument `graphName` " + ConfigMap.describeBlank(graphName)
                    + ". Pass '' to use no projection, or the name of a GDS projection, as CALL gds.graph.list() "
                    + "lists them.");
        }
        return !graphName.isEmpty();
    }

    /** Finds a projection in the GDS graph catalog, with a clear error when it does not exist. */
    public static GraphStore graphStore(String procedure, String username, String databaseName, String graphName) {
        if (graphName == null || graphName.isBlank()) {
            throw new IllegalArgumentException(procedure + ": argument `graphName` " + ConfigMap.describeBlank(graphName)
                    + ". Pass the name of a GDS projection, as CALL gds.graph.list() lists them.");
        }
        if (!GraphStoreCatalog.exists(username, databaseName, graphName)) {
            throw new IllegalArgumentException(procedure + ": GDS graph projection '" + graphName
                    + "' not found in database '" + databaseName + "'. Create it with gds.graph.project "
                    + "(see cypher/projection.cypher) or list projections with CALL gds.graph.list().");
        }
        return GraphStoreCatalog.get(username, databaseName, graphName).graphStore();
    }

    /**
     * Returns the database relationship type that a native projection loaded under the projected
     * type name, such as RATED for {@code {LIKES: {type: 'RATED'}}}, also through graphs filtered
     * from it. Cypher projections, and a native one that loaded every type under the name, give
     * the name itself.
     */
    public static String databaseType(String username, String databaseName, String graphName, String projectedType) {
        GraphProjectFromStoreConfig config = nativeConfig(username, databaseName, graphName);
        if (config != null) {
            RelationshipProjection projection = config.relationshipProjections().projections()
                    .get(RelationshipType.of(projectedType));
            if (projection != null && !projection.projectAll()) {
                return projection.type();
            }
        }
        return projectedType;
    }

    /**
     * Returns the database label that a native projection loaded under the projected label, such
     * as User for {@code {Customer: {label: 'User'}}}, also through graphs filtered from it. Cypher
     * projections, and a native one that loaded every node under the name, give the name itself.
     */
    public static String databaseLabel(String username, String databaseName, String graphName, String projectedLabel) {
        GraphProjectFromStoreConfig config = nativeConfig(username, databaseName, graphName);
        if (config != null) {
            NodeProjection projection = config.nodeProjections().projections().get(NodeLabel.of(projectedLabel));
            if (projection != null && !projection.projectAll()) {
                return projection.label();
            }
        }
        return projectedLabel;
    }

    /** Returns the configuration of the native projection behind a graph, following filtered graphs back, or null. */
    private static GraphProjectFromStoreConfig nativeConfig(String username, String databaseName, String graphName) {
        if (!GraphStoreCatalog.exists(username, databaseName, graphName)) {
            return null;
        }
        GraphProjectConfig config = GraphStoreCatalog.get(username, databaseName, graphName).config();
        while (config instanceof GraphProjectFromGraphConfig filtered) {
            config = filtered.originalConfig();
        }
        return config instanceof GraphProjectFromStoreConfig fromStore ? fromStore : null;
    }

    public ProjectedGraph read(GraphStore store, GraphSpec spec, ProfileSource profileSource) {
        if (spec.userLabel().equals(spec.itemLabel()) || spec.userLabel().equals(spec.entityLabel())
                || spec.itemLabel().equals(spec.entityLabel())) {
            throw new IllegalArgumentException(String.format("%s: userLabel, itemLabel and entityLabel must be three "
                    + "different labels, found '%s', '%s' and '%s'. Give users, items and other entities labels of "
                    + "their own.", procedure, spec.userLabel(), spec.itemLabel(), spec.entityLabel()));
        }
        NodeLabel userLabel = requireLabel(store, spec.userLabel(), "userLabel");
        NodeLabel itemLabel = requireLabel(store, spec.itemLabel(), "itemLabel");
        // The default entity label may be missing (a graph without other entities), but one the caller
        // named must be projected, or a misspelling would drop every KG fact without a word.
        NodeLabel entityLabel = store.nodeLabels().contains(NodeLabel.of(spec.entityLabel()))
                ? NodeLabel.of(spec.entityLabel()) : null;
        if (entityLabel == null && !spec.entityLabel().equals(DEFAULT_ENTITY_LABEL)) {
            requireLabel(store, spec.entityLabel(), "entityLabel");
        }
        RelationshipType interactionType = requireType(store, spec.interactionType(), "interactionType");
        List<RelationshipType> kgTypes = kgTypes(store, spec);

        List<NodeLabel> labels = new ArrayList<>(List.of(userLabel, itemLabel));
        if (entityLabel != null) {
            labels.add(entityLabel);
        }
        Graph nodes = store.getGraph(labels);
        long[] users = nodesWithLabel(nodes, userLabel, null);
        long[] items = nodesWithLabel(nodes, itemLabel, userLabel);
        long[] others = entityLabel == null ? new long[0] : nodesWithoutLabels(nodes, entityLabel, userLabel, itemLabel);
        if (users.length == 0) {
            throw new IllegalArgumentException(procedure + ": the projection has no nodes with userLabel '" + spec.userLabel() + "'.");
        }
        if (items.length == 0) {
            throw new IllegalArgumentException(procedure + ": the projection has no nodes with itemLabel '" + spec.itemLabel() + "'.");
        }

        // Dense ids follow GDS's node order. From here on, every array contains Neo4j node ids.
        Map<Long, Integer> userIndex = index(users, 0);
        long[] entities = new long[items.length + others.length];
        System.arraycopy(items, 0, entities, 0, items.length);
        System.arraycopy(others, 0, entities, items.length, others.length);
        Map<Long, Integer> entityIndex = index(entities, 0);

        Edges interactions = new Edges();
        Graph interactionGraph = store.getGraph(labels, List.of(interactionType), java.util.Optional.empty());
        int skipped = readEdges(interactionGraph, userIndex, entityIndex, items.length, 0, interactions);
        if (interactions.size() == 0) {
            long elsewhere = interactionGraph.relationshipCount();
            throw new IllegalArgumentException(procedure + ": the projection has no " + spec.interactionType()
                    + " relationships from " + spec.userLabel() + " to " + spec.itemLabel()
                    + " nodes; SPiKE needs at least one interaction to train."
                    + (elsewhere == 0 ? "" : " It has " + elsewhere + " " + spec.interactionType() + " relationships "
                            + "that run the other way or join other nodes, as after orientation: 'REVERSE'. Project "
                            + "them from users to items, with orientation 'NATURAL' or 'UNDIRECTED'."));
        }

        Edges triples = new Edges();
        List<String> relationNames = new ArrayList<>();
        for (int r = 0; r < kgTypes.size(); r++) {
            relationNames.add(kgTypes.get(r).name);
            Graph kg = store.getGraph(labels, List.of(kgTypes.get(r)), java.util.Optional.empty());
            boolean undirected = store.schema().relationshipSchema().isUndirected(kgTypes.get(r));
            skipped += readKg(kg, entityIndex, r, triples, undirected);
        }

        ProjectedGraph.Profiles profiles = spec.profileProperty() == null
                ? null
                : profileSource.read(spec.profileProperty(), users, entities, spec);
        return new ProjectedGraph(users, entities, items.length, List.copyOf(relationNames),
                triples.heads(), triples.relations(), triples.tails(), interactions.heads(), interactions.tails(),
                profiles, skipped);
    }

    private NodeLabel requireLabel(GraphStore store, String name, String key) {
        NodeLabel label = NodeLabel.of(name);
        if (!store.nodeLabels().contains(label)) {
            throw new IllegalArgumentException(String.format("%s: %s '%s' is not a node label of the projection. "
                    + "Its labels are %s.", procedure, key, name, sortedNames(store.nodeLabels())));
        }
        return label;
    }

    private RelationshipType requireType(GraphStore store, String name, String key) {
        RelationshipType type = RelationshipType.of(name);
        if (!store.relationshipTypes().contains(type)) {
            throw new IllegalArgumentException(String.format("%s: %s '%s' is not a relationship type of the projection. "
                    + "Its relationship types are %s.", procedure, key, name, sortedTypes(store.relationshipTypes())));
        }
        return type;
    }

    private List<RelationshipType> kgTypes(GraphStore store, GraphSpec spec) {
        List<RelationshipType> types = new ArrayList<>();
        if (spec.kgTypes().isEmpty()) {
            for (String name : sortedTypes(store.relationshipTypes())) {
                if (!name.equals(spec.interactionType())) {
                    types.add(RelationshipType.of(name));
                }
            }
        } else {
            for (String name : spec.kgTypes()) {
                types.add(requireType(store, name, "kgRelationshipTypes"));
            }
        }
        return types;
    }

    private static long[] nodesWithLabel(Graph graph, NodeLabel label, NodeLabel exclude) {
        List<Long> found = new ArrayList<>();
        graph.forEachNode(node -> {
            if (graph.hasLabel(node, label) && (exclude == null || !graph.hasLabel(node, exclude))) {
                found.add(graph.toOriginalNodeId(node));
            }
            return true;
        });
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] nodesWithoutLabels(Graph graph, NodeLabel label, NodeLabel first, NodeLabel second) {
        List<Long> found = new ArrayList<>();
        graph.forEachNode(node -> {
            if (graph.hasLabel(node, label) && !graph.hasLabel(node, first) && !graph.hasLabel(node, second)) {
                found.add(graph.toOriginalNodeId(node));
            }
            return true;
        });
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    private static Map<Long, Integer> index(long[] nodeIds, int offset) {
        Map<Long, Integer> index = new HashMap<>(nodeIds.length * 2);
        for (int i = 0; i < nodeIds.length; i++) {
            index.put(nodeIds[i], offset + i);
        }
        return index;
    }

    /** Reads user→item edges; returns how many edges did not connect a user to an item. */
    private static int readEdges(Graph graph, Map<Long, Integer> userIndex, Map<Long, Integer> entityIndex,
            int items, int relation, Edges out) {
        int[] skipped = {0};
        graph.forEachNode(node -> {
            Integer user = userIndex.get(graph.toOriginalNodeId(node));
            graph.forEachRelationship(node, (source, target) -> {
                Integer item = entityIndex.get(graph.toOriginalNodeId(target));
                if (user != null && item != null && item < items) {
                    out.add(user, relation, item);
                } else if (user != null || !userIndex.containsKey(graph.toOriginalNodeId(target))) {
                    // An item→user edge of an undirected projection is the same interaction again.
                    skipped[0]++;
                }
                return true;
            });
            return true;
        });
        return skipped[0];
    }

    /**
     * Reads KG edges between items and entities. An undirected type stores each edge in both
     * directions; only one is kept because the model adds every triple's inverse itself.
     */
    private static int readKg(Graph graph, Map<Long, Integer> entityIndex, int relation, Edges out, boolean undirected) {
        int[] skipped = {0};
        graph.forEachNode(node -> {
            Integer head = entityIndex.get(graph.toOriginalNodeId(node));
            graph.forEachRelationship(node, (source, target) -> {
                Integer tail = entityIndex.get(graph.toOriginalNodeId(target));
                if (head == null || tail == null) {
                    skipped[0]++;
                } else if (!undirected || source <= target) {
                    out.add(head, relation, tail);
                }
                return true;
            });
            return true;
        });
        return skipped[0];
    }

    private static List<String> sortedNames(Set<NodeLabel> labels) {
        TreeSet<String> names = new TreeSet<>();
        labels.forEach(label -> names.add(label.name));
        return List.copyOf(names);
    }

    private static List<String> sortedTypes(Set<RelationshipType> types) {
        TreeSet<String> names = new TreeSet<>();
        types.forEach(type -> names.add(type.name));
        return List.copyOf(names);
    }

    /** Growable triples of ints. */
    private static final class Edges {
        private int[] heads = new int[1024];
        private int[] relations = new int[1024];
        private int[] tails = new int[1024];
        private int size;

        void add(int head, int relation, int tail) {
            if (size == heads.length) {
                heads = java.util.Arrays.copyOf(heads, size * 2);
                relations = java.util.Arrays.copyOf(relations, size * 2);
                tails = java.util.Arrays.copyOf(tails, size * 2);
            }
            heads[size] = head;
            relations[size] = relation;
            tails[size] = tail;
            size++;
        }

        int size() {
            return size;
        }

        int[] heads() {
            return java.util.Arrays.copyOf(heads, size);
        }

        int[] relations() {
            return java.util.Arrays.copyOf(relations, size);
        }

        int[] tails() {
            return java.util.Arrays.copyOf(tails, size);
        }
    }

    /** Reads profile embeddings for users and entities, given their Neo4j node ids. */
    public interface ProfileSource {
        ProjectedGraph.Profiles read(String property, long[] userNodeIds, long[] entityNodeIds, GraphSpec spec);
    }
}
