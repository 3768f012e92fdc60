package dev.spike.procedures;

import dev.spike.config.BatchedWrites;
import dev.spike.split.SplitRun;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code spike.split}. */
public class SplitProc {

    @Context
    public GraphDatabaseService database;

    @Context
    public Transaction transaction;

    @Context
    public TerminationGuard terminationGuard;

    @Procedure(name = "spike.split", mode = Mode.WRITE)
    @Description("Marks each interaction as train or test on a relationship property: the latest share of each "
            + "user's interactions by timestamp (temporal) or a seeded random share (random).")
    public Stream<SplitRun.Result> split(@Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        BatchedWrites.requireCleanCaller("spike.split", transaction);
        return Stream.of(new SplitRun(database, transaction, terminationGuard).run(configuration));
    }
}
