package dev.spike.kgat;

import dev.spike.config.BatchedWrites;
import dev.spike.config.ExclusiveWrites;
import dev.spike.split.SplitRun;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Mode;
import org.neo4j.procedure.Name;
import org.neo4j.procedure.Procedure;
import org.neo4j.procedure.TerminationGuard;

/** {@code spike.kgat.*}: loads and exports the text format of the KGAT benchmark datasets. */
public class KgatProc {

    @Context
    public GraphDatabaseAPI database;

    @Context
    public Transaction transaction;

    @Context
    public SecurityContext securityContext;

    @Context
    public TerminationGuard guard;

    @Context
    public Log log;

    @Procedure(name = "spike.kgat.load", mode = Mode.WRITE)
    @Description("Loads a KGAT folder (train.txt, test.txt, kg_final.txt and optional *_list.txt files) from the import "
            + "directory as users, items, entities, interactions and knowledge-graph relationships.")
    public Stream<KgatLoadResult> load(
            @Name("folder") String folder,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) throws IOException {
        try {
            KgatConfig config = KgatConfig.forLoad(configuration);
            BatchedWrites.requireCleanCaller("spike.kgat.load", transaction);
            String databaseName = database.databaseName();
            List<List<String>> keys = List.of(
                    List.of("nodes", databaseName, config.userLabel()),
                    List.of("nodes", databaseName, config.itemLabel()),
                    List.of("nodes", databaseName, config.entityLabel()),
                    SplitRun.splitKey(databaseName, config.interactionType(), config.splitProperty()));
            // Two loads at once would both find a node missing and create it twice.
            try (ExclusiveWrites.Claim claim = ExclusiveWrites.claim(keys, index -> "another call is writing "
                    + (index < 3 ? ":" + keys.get(index).get(2) + " nodes" : "'" + config.splitProperty() + "' on :"
                            + config.interactionType() + " relationships")
                    + " of database '" + databaseName + "'. Wait for it to finish, or terminate it, and load again.")) {
                return Stream.of(KgatFolders.load(database, securityContext, guard, log, folder, config));
            }
        } catch (IllegalArgumentException e) {
            throw withProcedureName("spike.kgat.load", e);
        } catch (FileSystemException e) {
            throw fileError("spike.kgat.load", e);
        }
    }

    @Procedure(name = "spike.kgat.export", mode = Mode.READ)
    @Description("Writes train.txt, test.txt, kg_final.txt and relation_list.txt of the KGAT format from the graph into a "
            + "folder under the import directory.")
    public Stream<KgatExportResult> export(
            @Name("folder") String folder,
            @Name(value = "configuration", defaultValue = "{}") Map<String, Object> configuration) throws IOException {
        try {
            KgatConfig config = KgatConfig.forExport(configuration);
            return Stream.of(KgatFolders.export(database, transaction, log, folder, config));
        } catch (IllegalArgumentException e) {
            throw withProcedureName("spike.kgat.export", e);
        } catch (FileSystemException e) {
            throw fileError("spike.kgat.export", e);
        }
    }

    /** Turns a file system refusal, such as a name that is too long, into a message with the procedure's name. */
    private static IllegalArgumentException fileError(String procedure, FileSystemException error) {
        String reason = error.getReason() == null ? error.getClass().getSimpleName() : error.getReason();
        IllegalArgumentException named = new IllegalArgumentException(procedure + ": cannot use " + error.getFile()
                + ": " + reason + ". Choose another folder under the import directory.");
        named.setStackTrace(error.getStackTrace());
        return named;
    }

    /** Starts the message with the procedure's name, as the other spike.* procedures' messages do. */
    private static IllegalArgumentException withProcedureName(String procedure, IllegalArgumentException error) {
        String message = error.getMessage();
        if (message != null && message.startsWith(procedure + ": ")) {
            return error;
        }
        // Neo4j shows the client the message of the innermost cause, so the original error is not
        // chained as the cause: its message would replace this one.
        IllegalArgumentException named = new IllegalArgumentException(procedure + ": " + message);
        named.setStackTrace(error.getStackTrace());
        return named;
    }
}
