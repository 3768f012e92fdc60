package dev.spike.procedures;

import dev.spike.catalog.ModelCatalogs;
import dev.spike.evaluate.EvaluateRun;
import dev.spike.graph.ProjectionReader;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code spike.evaluate}. */
public class EvaluateProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public Transaction transaction;

    @Context
    public TerminationGuard terminationGuard;

    @Procedure(name = "spike.evaluate", mode = Mode.READ)
    @Description("Full-ranking Recall@K and NDCG@K of a trained SPiKE model (or a popularity ranking) on the test "
            + "interactions, one row per K.")
    public Stream<EvaluateRun.Row> evaluate(
            @Name(value = "graphName", defaultValue = "") String graphName,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        if (ProjectionReader.namesProjection(EvaluateRun.PROCEDURE, graphName)) {
            // Evaluation reads the test interactions from the database; a named projection must
            // still exist, so that a misspelt name is not silently ignored.
            String username = ((InternalTransaction) transaction).securityContext().subject().executingUser();
            ProjectionReader.graphStore(EvaluateRun.PROCEDURE, username, database.databaseName(), graphName);
        }
        return new EvaluateRun(transaction, terminationGuard)
                .run(configuration, ModelCatalogs.forDatabase(database)).stream();
    }
}
