package dev.spike.testing;

import dev.spike.demo.DemoDataset;
import dev.spike.embedded.EmbeddedNeo4j;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/** Loads the bundled demo catalogue into the shared test DBMS through the user-facing scripts. */
public final class DemoGraph {

    private DemoGraph() {}

    public static EmbeddedNeo4j load() {
        return load(SharedDbms.reset(), SharedDbms.importDirectory());
    }

    /** Loads the demo catalogue into {@code db}, whose import directory is {@code importDirectory}. */
    public static EmbeddedNeo4j load(EmbeddedNeo4j db, Path importDirectory) {
        Path folder = importDirectory.resolve("demo");
        try {
            DemoDataset.standard().writeTo(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Scripts.run(db, "schema.cypher", Map.of());
        Scripts.run(db, "demo/load.cypher", Map.of("base", "file:///demo/"));
        return db;
    }

    public static void project(EmbeddedNeo4j db, String graphName) {
        db.rows("CALL gds.graph.drop($name, false)", Map.of("name", graphName));
        Scripts.run(db, "projection.cypher", Map.of("graphName", graphName));
    }

    public static void dropModels(EmbeddedNeo4j db) {
        db.rows("CALL spike.model.list() YIELD modelName CALL spike.model.drop(modelName) YIELD modelName AS dropped RETURN count(*)");
    }
}
