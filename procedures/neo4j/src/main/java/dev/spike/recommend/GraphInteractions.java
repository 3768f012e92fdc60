package dev.spike.recommend;

import dev.spike.config.Identifiers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * The interactions stored in the database, per user node id, with the split value of each one
 * (null when the interaction has none). Read in one pass with validated, quoted names.
 */
public final class GraphInteractions {

    /** One interaction: the item's node id and the value of the split property. */
    public record Interaction(long itemNodeId, String split) {}

    private final Map<Long, List<Interaction>> byUser;

    private GraphInteractions(Map<Long, List<Interaction>> byUser) {
        this.byUser = byUser;
    }

    public static GraphInteractions read(Transaction transaction, String userLabel, String interactionType,
            String itemLabel, String splitProperty) {
        String cypher = "MATCH (user:" + Identifiers.quote(userLabel) + ")-[interaction:" + Identifiers.quote(interactionType)
                + "]->(item:" + Identifiers.quote(itemLabel) + ") RETURN id(user) AS user, id(item) AS item, "
                + (splitProperty == null ? "null" : "interaction." + Identifiers.quote(splitProperty)) + " AS split";
        Map<Long, List<Interaction>> byUser = new HashMap<>();
        try (Result result = transaction.execute(cypher)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                Object split = row.get("split");
                byUser.computeIfAbsent((Long) row.get("user"), user -> new ArrayList<>())
                        .add(new Interaction((Long) row.get("item"), split == null ? null : split.toString()));
            }
        }
        return new GraphInteractions(byUser);
    }

    public List<Interaction> of(long userNodeId) {
        return byUser.getOrDefault(userNodeId, List.of());
    }

    public Iterable<Long> users() {
        return byUser.keySet();
    }
}
