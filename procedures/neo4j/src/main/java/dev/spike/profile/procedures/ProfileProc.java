package dev.spike.profile.procedures;

import dev.spike.config.BatchedWrites;
import dev.spike.config.ExclusiveWrites;
import dev.spike.progress.JobProgress;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/**
 * {@code spike.profile.write}, {@code stream}, {@code estimate} and {@code embed}.
 *
 * <p>The writing procedures are mode WRITE, as {@code apoc.periodic.iterate} is, although they
 * write in transactions of their own, one per batch: a batch stays committed when the calling
 * transaction is terminated, and a rerun with {@code onlyMissing: true} does only the rest.
 */
public class ProfileProc {

    @Context
    public GraphDatabaseService database;

    @Context
    public TerminationGuard terminationGuard;

    @Context
    public Log log;

    @Context
    public Transaction transaction;

    @Procedure(name = "spike.profile.write", mode = Mode.WRITE)
    @Description("Generates a natural-language profile for every item, entity and user, bottom-up, and writes it "
            + "onto the node with its input hash; unchanged nodes are skipped. `embed: true` also embeds the profiles.")
    public Stream<ProfileRows.Stage> write(
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        ProfileConfig config = ProfileConfig.parse(ProfileConfig.WRITE, configuration);
        BatchedWrites.requireCleanCaller(config.procedure(), transaction);
        try (ExclusiveWrites.Claim claim = ProfileRuns.claim(databaseName(), config,
                List.of(config.properties().profile(), config.properties().embedding()))) {
            return generation().write(config).stream();
        }
    }

    @Procedure(name = "spike.profile.stream", mode = Mode.READ)
    @Description("Generates profiles as spike.profile.write does and yields them without writing anything.")
    public Stream<ProfileRows.Streamed> stream(
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        ProfileConfig config = ProfileConfig.parse(ProfileConfig.STREAM, configuration);
        // NOTE: every profile of the stages is generated before the first row is yielded, so a LIMIT
        // in the calling query does not lower the number of model requests (documented).
        return generation().stream(config).stream();
    }

    @Procedure(name = "spike.profile.estimate", mode = Mode.READ)
    @Description("Counts per stage the prompts spike.profile.write would send, their estimated input and output "
            + "tokens and the nodes it would skip as unchanged, without calling a model.")
    public Stream<ProfileRows.Estimate> estimate(
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        ProfileConfig config = ProfileConfig.parse(ProfileConfig.ESTIMATE, configuration);
        return generation().estimate(config).stream();
    }

    @Procedure(name = "spike.profile.embed", mode = Mode.WRITE)
    @Description("Embeds profile texts into a float[] node property (default all-minilm-l6-v2, 384 values, "
            + "unit length) and records the embedding model and dimension on the node.")
    public Stream<ProfileRows.Embedded> embed(
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) {
        ProfileConfig config = ProfileConfig.parse(ProfileConfig.EMBED, configuration);
        BatchedWrites.requireCleanCaller(config.procedure(), transaction);
        ProfileSchemaCheck.check(database, config);
        try (ExclusiveWrites.Claim claim = ProfileRuns.claim(databaseName(), config,
                        List.of(config.properties().embedding()));
                JobProgress progress = ProfileGeneration.progress(database, username(), config, false, true, log)) {
            List<ProfileRows.Embedded> rows = new ProfileEmbedding(database, terminationGuard, log)
                    .embed(config, progress, 0);
            progress.finish();
            return rows.stream();
        }
    }

    private ProfileGeneration generation() {
        return new ProfileGeneration(database, terminationGuard, log, username());
    }

    private String databaseName() {
        return database.databaseName();
    }

    private String username() {
        return ((InternalTransaction) transaction).securityContext().subject().executingUser();
    }
}
