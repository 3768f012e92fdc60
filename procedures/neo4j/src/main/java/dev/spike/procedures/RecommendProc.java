package dev.spike.procedures;

import dev.spike.catalog.ModelCatalogs;
import dev.spike.config.BatchedWrites;
import dev.spike.recommend.RecommendRun;
import dev.spike.recommend.RecommendSettings;
import dev.spike.recommend.Recommender;
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

/** {@code spike.recommend.stream} and {@code spike.recommend.write}. */
public class RecommendProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public Transaction transaction;

    @Context
    public TerminationGuard terminationGuard;

    @Context
    public Log log;

    @Procedure(name = "spike.recommend.stream", mode = Mode.READ)
    @Description("Streams the top-K items per user of a trained SPiKE model as (userId, itemId, score, rank), with "
            + "Neo4j node ids. Name a projection to include its users and items that the model has not seen.")
    public Stream<Recommender.Row> stream(
            @Name(value = "graphName", defaultValue = "") String graphName,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        String procedure = "spike.recommend.stream";
        RecommendSettings settings = RecommendSettings.parse(procedure, configuration, false);
        return new RecommendRun(database, transaction, terminationGuard, log)
                .stream(procedure, graphName, settings, ModelCatalogs.forDatabase(database));
    }

    @Procedure(name = "spike.recommend.write", mode = Mode.WRITE)
    @Description("Writes the top-K items per user of a trained SPiKE model as relationships, replacing that model's "
            + "previous recommendations of those users, in one transaction per batch of users.")
    public Stream<RecommendRun.WriteResult> write(
            @Name(value = "graphName", defaultValue = "") String graphName,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        String procedure = "spike.recommend.write";
        RecommendSettings settings = RecommendSettings.parse(procedure, configuration, true);
        BatchedWrites.requireCleanCaller(procedure, transaction);
        return Stream.of(new RecommendRun(database, transaction, terminationGuard, log)
                .write(procedure, graphName, settings, ModelCatalogs.forDatabase(database)));
    }
}
