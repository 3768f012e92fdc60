package dev.spike.recommend;

import dev.spike.catalog.ModelCatalog;
import dev.spike.config.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.neo4j.graphdb.Node;

/**
 * Configuration of {@code spike.recommend.stream} and {@code spike.recommend.write}.
 *
 * @param users Neo4j node ids of the users to recommend for, or null when the key is left out.
 *     Null means every user the model was trained on, plus the cold-start users of the
 *     projection when one is named. An empty list means no user.
 * @param excludeInteracted whether items a user already interacted with (any stored interaction
 *     of the model's type, whatever its split) are left out
 * @param batchSize users scored and written per block and per write transaction
 */
public record RecommendSettings(
        String modelName,
        int topK,
        List<Long> users,
        boolean excludeInteracted,
        int batchSize,
        String writeRelationshipType,
        String scoreProperty,
        String rankProperty,
        String modelProperty,
        String createdAtProperty) {

    public static RecommendSettings parse(String procedure, Map<String, Object> configuration, boolean write) {
        ConfigMap map = ConfigMap.of(procedure, configuration);
        String modelName = ModelCatalog.checkName(procedure, map.requiredString("modelName"));
        int topK = map.integer("topK", 10, 1, 10_000);
        if (map.present("users") && map.raw("users") == null) {
            // A null here usually comes from an OPTIONAL MATCH that matched no user; read as "every
            // user", it would replace the recommendations of all users.
            throw new IllegalArgumentException(procedure + ": configuration key `users` is null. Pass a node, a node "
                    + "id or a list of them (an empty list means no user), or leave the key out to recommend for "
                    + "every user of the model.");
        }
        List<Long> users = nodeIds(procedure, map.raw("users"));
        boolean exclude = map.bool("excludeInteracted", true);
        int batchSize = map.integer("batchSize", 1000, 1, 1_000_000);
        String type = null;
        String score = null;
        String rank = null;
        String model = null;
        String createdAt = null;
        if (write) {
            type = map.identifier("writeRelationshipType", "RECOMMENDED");
            score = map.identifier("scoreProperty", "score");
            rank = map.identifier("rankProperty", "rank");
            model = map.identifier("modelProperty", "model");
            createdAt = map.identifier("createdAtProperty", "createdAt");
        }
        map.rejectUnknownKeys();
        if (write) {
            requireDistinct(procedure, Map.of("scoreProperty", score, "rankProperty", rank, "modelProperty", model,
                    "createdAtProperty", createdAt));
        }
        return new RecommendSettings(modelName, topK, users, exclude, batchSize, type, score, rank, model, createdAt);
    }

    /** Rejects two property keys that name the same property, since one value would overwrite the other. */
    private static void requireDistinct(String procedure, Map<String, String> properties) {
        Map<String, String> keyByName = new TreeMap<>();
        for (Map.Entry<String, String> entry : new TreeMap<>(properties).entrySet()) {
            String earlier = keyByName.putIfAbsent(entry.getValue(), entry.getKey());
            if (earlier != null) {
                throw new IllegalArgumentException(String.format("%s: configuration keys `%s` and `%s` both name "
                        + "the property '%s', so one value would overwrite the other. Give them different names.",
                        procedure, earlier, entry.getKey(), entry.getValue()));
            }
        }
    }

    /**
     * Returns the node ids of a list of nodes or node ids, or null when the key is absent. A single
     * node or node id counts as a list of one, as in {@code users: u} after a {@code MATCH}.
     */
    static List<Long> nodeIds(String procedure, Object value) {
        if (value == null) {
            return null;
        }
        List<?> list = value instanceof List<?> given ? given : List.of(value);
        List<Long> ids = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof Node node) {
                ids.add(node.getId());
            } else if (element instanceof Long || element instanceof Integer) {
                ids.add(((Number) element).longValue());
            } else {
                throw new IllegalArgumentException(procedure + ": configuration key `users` must be a node, a node id "
                        + "or a list of them, found " + describe(element) + "." + dev.spike.profile.IntegerHint.of(element));
            }
        }
        return List.copyOf(ids);
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return "the string '" + text + "'";
        }
        if (value instanceof Map<?, ?>) {
            return "a map";
        }
        if (value instanceof List<?>) {
            return "a list inside the list";
        }
        return "a value of type " + value.getClass().getSimpleName() + " (" + value + ")";
    }
}
