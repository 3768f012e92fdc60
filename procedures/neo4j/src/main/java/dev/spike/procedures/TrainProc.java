package dev.spike.procedures;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.train.TrainResult;
import dev.spike.train.Training;
import dev.spike.train.TrainSettings;
import dev.spike.train.MemoryEstimate;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code spike.train} and {@code spike.train.estimate}. */
public class TrainProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public Transaction transaction;

    @Context
    public TerminationGuard terminationGuard;

    @Context
    public Log log;

    @Procedure(name = "spike.train", mode = Mode.READ)
    @Description("Trains a SPiKE model on a GDS graph projection and stores it in the model catalog under `modelName`.")
    public Stream<TrainResult> train(
            @Name("graphName") String graphName,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        TrainSettings settings = TrainSettings.parse(configuration);
        ModelCatalog catalog = ModelCatalogs.forDatabase(database);
        return Stream.of(new Training(database, transaction, terminationGuard, log).run(graphName, settings, catalog));
    }

    @Procedure(name = "spike.train.estimate", mode = Mode.READ)
    @Description("Estimates the memory that spike.train needs for a GDS graph projection and configuration.")
    public Stream<MemoryEstimate.Row> estimate(
            @Name("graphName") String graphName,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        return Stream.of(new Training(database, transaction, terminationGuard, log).estimate(graphName, configuration));
    }
}
