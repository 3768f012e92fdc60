package dev.spike.kgat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.neo4j.configuration.Config;
import org.neo4j.graphdb.Transaction;
import org.neo4j.internal.kernel.api.security.SecurityContext;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/** The steps behind {@code spike.kgat.load} and {@code spike.kgat.export}. */
final class KgatFolders {

    private KgatFolders() {}

    static KgatLoadResult load(GraphDatabaseAPI database, SecurityContext securityContext, TerminationGuard guard,
            Log log, String folder, KgatConfig config) throws IOException {
        long start = System.nanoTime();
        Path path = importFolder(database).forReading(folder);

        log.info("spike.kgat.load :: Start reading %s", path);
        KgatDataset data = KgatFiles.read(path);
        log.info("spike.kgat.load :: Finished reading: %d users, %d items, %d entities with items, "
                        + "%d train and %d test interactions, %d triples",
                data.userCount(), data.itemCount(), data.entityCount(),
                data.train().size(), data.test().size(), data.triples().size());

        GraphLoader.Written written = new GraphLoader(database, securityContext, guard, log, config).write(data);
        log.info("spike.kgat.load :: Finished writing: %d nodes and %d relationships created, relation types %s",
                written.nodesCreated(), written.relationshipsCreated(),
                written.relationTypes().entrySet().stream()
                        .map(entry -> entry.getKey() + "=" + entry.getValue())
                        .collect(Collectors.joining(", ")));

        return new KgatLoadResult(
                data.userCount(),
                data.itemCount(),
                data.otherEntityCount(),
                data.triples().size(),
                data.train().size(),
                data.test().size(),
                written.relationTypes().size(),
                written.nodesCreated(),
                written.relationshipsCreated(),
                millisSince(start));
    }

    static KgatExportResult export(GraphDatabaseAPI database, Transaction transaction, Log log, String folder,
            KgatConfig config) throws IOException {
        long start = System.nanoTime();
        ImportFolder.Target target = importFolder(database).forWriting(folder);
        Path path = target.path();

        log.info("spike.kgat.export :: Start writing %s", path);
        GraphExporter.Exported exported;
        try {
            exported = new GraphExporter(transaction, config).write(path);
        } catch (IOException | RuntimeException e) {
            // A rejected export leaves no empty folder behind.
            target.removeCreatedIfEmpty();
            throw e;
        }
        log.info("spike.kgat.export :: Finished: %d train and %d test interactions, %d triples",
                exported.trainInteractions(), exported.testInteractions(), exported.kgTriples());

        return new KgatExportResult(path.toString(), exported.trainInteractions(), exported.testInteractions(),
                exported.kgTriples(), millisSince(start));
    }

    private static ImportFolder importFolder(GraphDatabaseAPI database) {
        return ImportFolder.of(database.getDependencyResolver().resolveDependency(Config.class));
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
