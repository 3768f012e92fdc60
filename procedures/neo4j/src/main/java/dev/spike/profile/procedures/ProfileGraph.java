package dev.spike.profile.procedures;

import static dev.spike.config.Identifiers.quote;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Reads what profiles are written from: nodes with their stored profile and hash, the
 * knowledge-graph links between items and entities, and the interactions with their reviews.
 *
 * <p>Each read runs in its own transaction, so a stage reads the profiles that earlier stages
 * committed. Every list comes in a fixed order (ties broken by node id), because the order
 * decides the prompt and with it the input hash.
 * NOTE: a stage is read into memory at once, about a few kilobytes per node.
 */
final class ProfileGraph {

    /** A node to profile, with what is stored on it now. */
    record StoredNode(long id, String name, List<String> labels, Map<String, String> texts, String profile, String hash) {}

    /**
     * The items linked to one entity by one relationship type, most connected first.
     *
     * @param itemToEntity true when the relationships point from the item to the entity
     * @param degrees      the total degree of each item, in the order of {@code items}
     */
    record Link(long entity, String relation, boolean itemToEntity, List<Long> items, List<Long> degrees) {}

    /** The items of one user, most recent first, and the user's review texts in the same order. */
    record Interactions(List<Long> items, List<String> reviews) {}

    private final GraphDatabaseService database;
    private final ProfileConfig config;
    private final List<String> kgTypes;

    ProfileGraph(GraphDatabaseService database, ProfileConfig config, List<String> kgTypes) {
        this.database = database;
        this.config = config;
        this.kgTypes = kgTypes;
    }

    List<StoredNode> items() {
        StringBuilder texts = new StringBuilder();
        for (String property : config.itemTextProperties()) {
            texts.append(texts.length() == 0 ? "" : ", ").append("n.").append(quote(property));
        }
        String query = "MATCH (n:" + quote(config.itemLabel()) + ") RETURN id(n) AS id, [] AS labels, ["
                + texts + "] AS texts, null AS name, " + storedColumns() + " ORDER BY id";
        return nodes(query);
    }

    List<StoredNode> entities() {
        String query = "MATCH (n:" + quote(config.entityLabel()) + ") RETURN id(n) AS id, "
                + "[label IN labels(n) WHERE label <> $entityLabel] AS labels, [] AS texts, n."
                + quote(config.entityNameProperty()) + " AS name, " + storedColumns() + " ORDER BY id";
        return nodes(query);
    }

    List<StoredNode> users() {
        String query = "MATCH (n:" + quote(config.userLabel()) + ") RETURN id(n) AS id, [] AS labels, [] AS texts, n."
                + quote(config.entityNameProperty()) + " AS name, " + storedColumns() + " ORDER BY id";
        return nodes(query);
    }

    /**
     * Reads every knowledge-graph link between items and entities, items with the most KG links and
     * training interactions first. Other relationships, such as written recommendations, do not count.
     */
    List<Link> links() {
        if (kgTypes.isEmpty()) {
            return List.of();
        }
        String types = String.join("|", kgTypes.stream().map(type -> quote(type)).toList());
        String query = "MATCH (entity:" + quote(config.entityLabel()) + ")-[relationship:" + types + "]-(item:"
                + quote(config.itemLabel()) + ") "
                + "WITH entity, type(relationship) AS relation, startNode(relationship) = item AS itemToEntity, item, "
                + "COUNT { (item)-[:" + types + "]-() } + COUNT { (:" + quote(config.userLabel()) + ")-[interaction:"
                + quote(config.interactionType()) + "]-(item) WHERE " + trainingOnly("interaction") + " } AS degree "
                + "ORDER BY degree DESC, id(item) "
                + "RETURN id(entity) AS entity, relation, itemToEntity, collect(id(item)) AS items, collect(degree) AS degrees "
                + "ORDER BY entity, relation, itemToEntity";
        List<Link> links = new ArrayList<>();
        read(query, Map.of("trainValue", config.trainValue()), row -> links.add(new Link(
                (Long) row.get("entity"), (String) row.get("relation"), (Boolean) row.get("itemToEntity"),
                longs(row.get("items")), longs(row.get("degrees")))));
        return links;
    }

    /** Returns the review texts of each item, most recent first, at most {@code limit} per item. */
    Map<Long, List<String>> itemReviews(int limit) {
        String query = "MATCH (:" + quote(config.userLabel()) + ")-[interaction:" + quote(config.interactionType())
                + "]-(item:" + quote(config.itemLabel()) + ") "
                + "WHERE interaction." + quote(config.reviewProperty()) + " IS :: STRING NOT NULL AND "
                + trainingOnly("interaction") + " "
                + "WITH item, interaction ORDER BY " + recentFirst("interaction") + " "
                + "RETURN id(item) AS item, collect(interaction." + quote(config.reviewProperty()) + ")[..$limit] AS reviews";
        Map<Long, List<String>> reviews = new HashMap<>();
        read(query, Map.of("limit", limit, "trainValue", config.trainValue()),
                row -> reviews.put((Long) row.get("item"), strings(row.get("reviews"))));
        return reviews;
    }

    /** Returns each user's items and review texts, most recent first. */
    Map<Long, Interactions> userInteractions() {
        String review = "interaction." + quote(config.reviewProperty());
        String query = "MATCH (user:" + quote(config.userLabel()) + ")-[interaction:" + quote(config.interactionType())
                + "]-(item:" + quote(config.itemLabel()) + ") "
                + "WHERE " + trainingOnly("interaction") + " "
                + "WITH user, item, interaction ORDER BY " + recentFirst("interaction") + " "
                + "RETURN id(user) AS user, collect(id(item)) AS items, "
                + "collect(CASE WHEN " + review + " IS :: STRING THEN " + review + " END) AS reviews";
        Map<Long, Interactions> interactions = new HashMap<>();
        read(query, Map.of("trainValue", config.trainValue()), row -> interactions.put((Long) row.get("user"),
                new Interactions(longs(row.get("items")), strings(row.get("reviews")))));
        return interactions;
    }

    /**
     * Returns a predicate that keeps interactions without a split mark or marked with {@code trainValue},
     * so that no profile describes the test interactions that evaluation later scores.
     */
    private String trainingOnly(String variable) {
        return "coalesce(" + variable + "." + quote(config.splitProperty()) + ", $trainValue) = $trainValue";
    }

    /**
     * Orders interactions most recent first: by timestamp, then by position (the place on a KGAT
     * line, where later means more recent), then by node and relationship id. Missing values sort last.
     */
    private String recentFirst(String variable) {
        String timestamp = variable + "." + quote(config.timestampProperty());
        String position = variable + "." + quote(config.positionProperty());
        return timestamp + " IS NULL, " + timestamp + " DESC, " + position + " IS NULL, " + position + " DESC, "
                + "id(item), id(" + variable + ")";
    }

    private String storedColumns() {
        ProfileConfig.Properties properties = config.properties();
        return "n." + quote(properties.profile()) + " AS profile, n." + quote(properties.hash()) + " AS hash";
    }

    private List<StoredNode> nodes(String query) {
        List<StoredNode> nodes = new ArrayList<>();
        read(query, Map.of("entityLabel", config.entityLabel()), row -> {
            Map<String, String> texts = new LinkedHashMap<>();
            List<?> values = (List<?>) row.get("texts");
            for (int i = 0; i < values.size(); i++) {
                String text = text(values.get(i));
                if (text != null) {
                    texts.put(config.itemTextProperties().get(i), text);
                }
            }
            nodes.add(new StoredNode((Long) row.get("id"), text(row.get("name")), strings(row.get("labels")), texts,
                    text(row.get("profile")), text(row.get("hash"))));
        });
        return nodes;
    }

    private void read(String query, Map<String, Object> parameters, java.util.function.Consumer<Map<String, Object>> consumer) {
        try (Transaction tx = database.beginTx(); Result result = tx.execute(query, parameters)) {
            result.accept(row -> {
                Map<String, Object> values = new HashMap<>();
                for (String column : result.columns()) {
                    values.put(column, row.get(column));
                }
                consumer.accept(values);
                return true;
            });
            tx.commit();
        }
    }

    /** Returns a property value as text: strings as they are, numbers and booleans written out, arrays joined. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof String text) {
            return text;
        }
        if (value.getClass().isArray()) {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < Array.getLength(value); i++) {
                parts.add(String.valueOf(Array.get(value, i)));
            }
            return String.join(", ", parts);
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        return String.valueOf(value);
    }

    private static List<Long> longs(Object value) {
        List<Long> numbers = new ArrayList<>();
        for (Object element : (List<?>) value) {
            numbers.add(((Number) element).longValue());
        }
        return numbers;
    }

    private static List<String> strings(Object value) {
        List<String> texts = new ArrayList<>();
        for (Object element : (List<?>) value) {
            if (element != null) {
                texts.add(String.valueOf(element));
            }
        }
        return texts;
    }
}
