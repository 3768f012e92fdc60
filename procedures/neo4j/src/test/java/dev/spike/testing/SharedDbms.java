package dev.spike.testing;

import dev.spike.embedded.EmbeddedNeo4j;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One embedded DBMS with GDS, APOC and SPiKE for all tests of a JVM, because starting one takes
 * seconds. Tests that need a clean graph call {@link #reset()} first.
 */
public final class SharedDbms {

    private static EmbeddedNeo4j instance;
    private static Path importDirectory;

    private SharedDbms() {}

    public static synchronized EmbeddedNeo4j get() {
        if (instance == null) {
            try {
                importDirectory = Files.createTempDirectory("spike-test-import");
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            instance = EmbeddedNeo4j.builder().importDirectory(importDirectory).start();
            Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
        }
        return instance;
    }

    /** Folder that {@code LOAD CSV FROM 'file:///…'} reads in the shared DBMS. */
    public static Path importDirectory() {
        get();
        return importDirectory;
    }

    /** Deletes every node and relationship and drops every GDS graph. */
    public static EmbeddedNeo4j reset() {
        EmbeddedNeo4j db = get();
        db.rows("CALL gds.graph.list() YIELD graphName CALL gds.graph.drop(graphName) YIELD graphName AS dropped RETURN count(*)");
        db.rows("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS");
        return db;
    }
}
