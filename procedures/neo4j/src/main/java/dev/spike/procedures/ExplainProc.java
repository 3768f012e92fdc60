package dev.spike.procedures;

import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import dev.spike.catalog.TrainedGraphCheck;
import dev.spike.config.Identifiers;
import dev.spike.explain.ExplainSettings;
import dev.spike.explain.Explainer;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;

/** {@code spike.explain}: the knowledge-graph paths behind a recommendation. */
public class ExplainProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public Transaction transaction;

    @Procedure(name = "spike.explain", mode = Mode.READ)
    @Description("Explains why a trained SPiKE model recommends an item to a user: the paths user → liked item → "
            + "shared KG entity → item (and direct item-item links) that exist in the graph, ranked by the product of "
            + "the sigmoid of the embedding dot products along each path, with the model's score of the pair.")
    public Stream<Explainer.Row> explain(
            @Name("user") Object user,
            @Name("item") Object item,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        ExplainSettings settings = ExplainSettings.parse(configuration);
        long userId = ExplainSettings.nodeId("user", user);
        long itemId = ExplainSettings.nodeId("item", item);
        ModelEntry entry = ModelCatalogs.forDatabase(database).require(ExplainSettings.PROCEDURE, settings.modelName());
        TrainedGraphCheck.requireTrainedInteractions(ExplainSettings.PROCEDURE, entry, transaction);
        TrainedGraphCheck.requireInteractionType(ExplainSettings.PROCEDURE, entry, transaction, "and explanations "
                + "start from the user's interactions in the database. Explain with a model trained on a projection "
                + "of stored interactions.");
        if (configuration != null && configuration.get("profileProperty") != null) {
            requireProfileProperty(settings.profileProperty());
        }
        if (configuration != null && configuration.get("splitProperty") != null) {
            requireSplitProperty(entry.databaseInteractionType(), settings.splitProperty());
        }
        if (configuration != null && configuration.get("trainValue") != null) {
            requireTrainValue(entry.databaseInteractionType(), settings.splitProperty(), settings.trainValue());
        }
        return new Explainer(entry, transaction, settings).explain(userId, itemId).stream();
    }

    /** Fails when no node has the named profile property: every profileSentence would be null. */
    private void requireProfileProperty(String property) {
        try (Result result = transaction.execute("MATCH (n) WHERE n[$property] IS NOT NULL RETURN 1 AS found LIMIT 1",
                Map.of("property", property))) {
            if (!result.hasNext()) {
                throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": no node has the property '"
                        + property + "' named by profileProperty. Check the spelling, or leave the key out to read "
                        + "'profile'.");
            }
        }
    }

    /**
     * Fails when no interaction has the named split property: test interactions could not be
     * separated from training ones, and explanations would start from items the user has only
     * in the test set.
     */
    /**
     * Fails when no interaction carries the named trainValue or lacks the split property, since
     * only those count as liked.
     */
    private void requireTrainValue(String interactionType, String property, String trainValue) {
        String match = "MATCH ()-[r:" + Identifiers.quote(interactionType) + "]->() ";
        try (Result found = transaction.execute(match + "WHERE r[$property] IS NULL OR toString(r[$property]) = $value "
                + "RETURN 1 AS found LIMIT 1",
                Map.of("property", property, "value", trainValue))) {
            if (found.hasNext()) {
                return;
            }
        }
        try (Result values = transaction.execute(match + "WHERE r[$property] IS NOT NULL WITH DISTINCT "
                + "toString(r[$property]) AS value ORDER BY value LIMIT 10 RETURN collect(value) AS values",
                Map.of("property", property))) {
            throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": no " + interactionType
                    + " relationship has " + property + " = '" + trainValue + "' named by trainValue. Values found: "
                    + values.next().get("values") + ". Set trainValue to the value that spike.split wrote for "
                    + "training interactions.");
        }
    }

    private void requireSplitProperty(String interactionType, String property) {
        try (Result result = transaction.execute("MATCH ()-[r:" + Identifiers.quote(interactionType) + "]->() "
                + "WHERE r[$property] IS NOT NULL RETURN 1 AS found LIMIT 1", Map.of("property", property))) {
            if (!result.hasNext()) {
                throw new IllegalArgumentException(ExplainSettings.PROCEDURE + ": no " + interactionType
                        + " relationship has the property '" + property + "' named by splitProperty. Check the "
                        + "spelling, or leave the key out to read 'split'.");
            }
        }
    }
}
