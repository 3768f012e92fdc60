package dev.spike.explain;

import dev.spike.catalog.ModelCatalog;
import dev.spike.config.ConfigMap;
import java.util.Map;

/**
 * Configuration of {@code spike.explain}.
 *
 * @param modelName catalog name of the trained model
 * @param maxPaths number of paths yielded, best first
 * @param splitProperty interaction property that marks test data. Interactions whose value is
 *     neither null nor {@code trainValue} are left out, as the projection leaves them out of training
 * @param trainValue value of {@code splitProperty} that marks a training interaction
 * @param profileProperty node property with the profile text; its first sentence is yielded
 */
public record ExplainSettings(String modelName, int maxPaths, String splitProperty, String trainValue,
        String profileProperty) {

    public static final String PROCEDURE = "spike.explain";

    public static ExplainSettings parse(Map<String, Object> configuration) {
        ConfigMap map = ConfigMap.of(PROCEDURE, configuration);
        String modelName = ModelCatalog.checkName(PROCEDURE, map.requiredString("modelName"));
        int maxPaths = map.integer("maxPaths", 5, 1, 1000);
        String splitProperty = map.identifier("splitProperty", "split");
        String trainValue = map.string("trainValue", "train");
        String profileProperty = map.identifier("profileProperty", "profile");
        map.rejectUnknownKeys();
        return new ExplainSettings(modelName, maxPaths, splitProperty, trainValue, profileProperty);
    }

    /** Returns the Neo4j node id of a procedure argument given as a node or a node id. */
    public static long nodeId(String argument, Object value) {
        if (value instanceof org.neo4j.graphdb.Node node) {
            return node.getId();
        }
        if (value instanceof Long || value instanceof Integer) {
            return ((Number) value).longValue();
        }
        throw new IllegalArgumentException(PROCEDURE + ": argument `" + argument + "` must be a node or a node id, got "
                + (value == null ? "null" : value.getClass().getSimpleName() + " " + value) + "."
                + dev.spike.profile.IntegerHint.of(value));
    }
}
