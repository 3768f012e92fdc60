package dev.spike.procedures;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import dev.spike.catalog.TrainedGraphCheck;
import dev.spike.config.BatchedWrites;
import dev.spike.embeddings.EmbeddingsSettings;
import dev.spike.embeddings.EmbeddingsWriter;
import dev.spike.embeddings.ModelEmbeddings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code spike.embeddings.stream} and {@code spike.embeddings.write}: a model's final embeddings. */
public class EmbeddingsProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public TerminationGuard terminationGuard;

    @Context
    public Transaction transaction;

    @Context
    public Log log;

    /** One node's final embedding. */
    public record EmbeddingRow(long nodeId, List<Double> embedding) {}

    @Procedure(name = "spike.embeddings.stream", mode = Mode.READ)
    @Description("Streams the final user and item embeddings of a trained SPiKE model as (nodeId, embedding).")
    public Stream<EmbeddingRow> stream(@Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        EmbeddingsSettings settings = EmbeddingsSettings.parse(EmbeddingsSettings.STREAM, configuration);
        ModelEntry entry = ModelCatalogs.forDatabase(database).require(settings.procedure(), settings.modelName());
        TrainedGraphCheck.requireTrainedInteractions(settings.procedure(), entry, transaction);
        // Neo4j reuses the ids of deleted nodes, so only nodes that still carry the block's label
        // are the model's nodes.
        return ModelEmbeddings.of(entry, settings).stream()
                .flatMap(block -> {
                    Label label = Label.label(block.label());
                    return IntStream.range(0, block.nodeIds().length)
                            .filter(row -> hasLabel(block.nodeIds()[row], label))
                            .mapToObj(row -> new EmbeddingRow(block.nodeIds()[row], list(block.embedding(row))));
                });
    }

    @Procedure(name = "spike.embeddings.write", mode = Mode.WRITE)
    @Description("Writes the final user and item embeddings of a trained SPiKE model as a float[] node property in "
            + "batched transactions; `vectorIndex: true` also creates a cosine vector index per label.")
    public Stream<EmbeddingsWriter.WriteResult> write(
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        EmbeddingsSettings settings = EmbeddingsSettings.parse(EmbeddingsSettings.WRITE, configuration);
        BatchedWrites.requireCleanCaller(settings.procedure(), transaction);
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        ModelEntry entry = catalog.require(settings.procedure(), settings.modelName());
        TrainedGraphCheck.requireTrainedInteractions(settings.procedure(), entry, transaction);
        return Stream.of(new EmbeddingsWriter(database, terminationGuard, log).write(entry, settings, catalog.list()));
    }

    private boolean hasLabel(long nodeId, Label label) {
        try {
            return transaction.getNodeById(nodeId).hasLabel(label);
        } catch (NotFoundException e) {
            return false;
        }
    }

    private static List<Double> list(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float value : values) {
            list.add((double) value);
        }
        return list;
    }
}
