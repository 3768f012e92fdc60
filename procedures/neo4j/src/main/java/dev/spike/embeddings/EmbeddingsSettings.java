package dev.spike.embeddings;

import dev.spike.catalog.ModelCatalog;
import dev.spike.config.ConfigMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of {@code spike.embeddings.stream} and {@code spike.embeddings.write}.
 *
 * @param nodes which embeddings: {@code users}, {@code items} or {@code both}
 * @param writeProperty node property the embeddings are written to, as float[]
 * @param batchSize nodes written per transaction
 * @param vectorIndex whether a vector index per label is created on {@code writeProperty}
 * @param vectorQuantization whether a created vector index quantizes its vectors, Neo4j's
 *     default, which trades exact scores for memory
 * @param indexWaitSeconds how long to wait for a created vector index to come online
 */
public record EmbeddingsSettings(
        String procedure,
        String modelName,
        String nodes,
        String writeProperty,
        int batchSize,
        boolean vectorIndex,
        boolean vectorQuantization,
        int indexWaitSeconds) {

    public static final String STREAM = "spike.embeddings.stream";
    public static final String WRITE = "spike.embeddings.write";
    private static final Set<String> NODES = Set.of("users", "items", "both");

    public static EmbeddingsSettings parse(String procedure, Map<String, Object> configuration) {
        ConfigMap map = ConfigMap.of(procedure, configuration);
        String modelName = ModelCatalog.checkName(procedure, map.requiredString("modelName"));
        String nodes = map.string("nodes", "both").toLowerCase(Locale.ROOT);
        if (!NODES.contains(nodes)) {
            throw new IllegalArgumentException(procedure + ": configuration key `nodes` is '" + nodes
                    + "'. Use 'users', 'items' or 'both'.");
        }
        String writeProperty = null;
        int batchSize = 0;
        boolean vectorIndex = false;
        boolean vectorQuantization = true;
        int indexWaitSeconds = 0;
        if (procedure.equals(WRITE)) {
            writeProperty = map.identifier("writeProperty", "spikeEmbedding");
            if (READ_BY_DEFAULT.contains(writeProperty)) {
                throw new IllegalArgumentException(procedure + ": writeProperty '" + writeProperty + "' is a property "
                        + "that SPiKE's procedures and scripts read by default (" + String.join(", ", READ_BY_DEFAULT)
                        + "), so vectors there would turn up as names, titles or profile text. Choose another "
                        + "writeProperty, such as 'spikeEmbedding'.");
            }
            batchSize = map.integer("batchSize", 10_000, 1, 1_000_000);
            vectorIndex = map.bool("vectorIndex", false);
            vectorQuantization = map.bool("vectorQuantization", true);
            indexWaitSeconds = map.integer("indexWaitSeconds", 300, 1, 86_400);
        }
        map.rejectUnknownKeys();
        return new EmbeddingsSettings(procedure, modelName, nodes, writeProperty, batchSize, vectorIndex,
                vectorQuantization, indexWaitSeconds);
    }

    /** Node properties that the profile, explanation and loading procedures read unless configured otherwise. */
    static final List<String> READ_BY_DEFAULT = List.of("id", "name", "title", "description", "profile");

    public boolean users() {
        return !nodes.equals("items");
    }

    public boolean items() {
        return !nodes.equals("users");
    }
}
