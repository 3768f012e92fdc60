package dev.spike.recommend;

import dev.spike.catalog.ModelCatalog;
import dev.spike.config.ConfigMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Node;

/**
 * Configuration of {@code spike.recommend.stream} and {@code spike.recommend.write}.
 *
 * @param users Neo4j node ids of the users to recommend for; empty means every user the model
 *     was trained on, plus the cold-start users of the projection when one is named
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
        return new RecommendSettings(modelName, topK, users, exclude, batchSize, type, score, rank, model, createdAt);
    }

    /** Accepts a list of nodes or node ids, as users pass either. */
    static List<Long> nodeIds(String procedure, Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(procedure + ": configuration key `users` must be a list of nodes or "
                    + "node ids, got " + value.getClass().getSimpleName() + ".");
        }
        List<Long> ids = new ArrayList<>(list.size());
        for (Object element : list) {
            if (element instanceof Node node) {
                ids.add(node.getId());
            } else if (element instanceof Long || element instanceof Integer) {
                ids.add(((Number) element).longValue());
            } else {
                throw new IllegalArgumentException(procedure + ": configuration key `users` must be a list of nodes or "
                        + "node ids, found " + element + ".");
            }
        }
        return List.copyOf(ids);
    }
}
