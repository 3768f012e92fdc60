package dev.spike.procedures;

import java.util.stream.Stream;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.kernel.internal.Version;
import org.neo4j.procedure.Context;
import org.neo4j.procedure.Description;
import org.neo4j.procedure.Procedure;

/** {@code spike.version()}: what is installed, so users can check a deployment in one call. */
public class VersionProc {

    @Context
    public GraphDatabaseService database;

    public record VersionRow(String spikeVersion, String neo4jVersion, String gdsVersion, String nd4jBackend) {}

    @Procedure(name = "spike.version")
    @Description("Returns the SPiKE plugin version and the versions of Neo4j, GDS and the ND4J backend it found.")
    public Stream<VersionRow> version() {
        return Stream.of(new VersionRow(
                PluginInfo.version(), Version.getNeo4jVersion(), gdsVersion(), PluginInfo.nd4jBackend()));
    }

    private String gdsVersion() {
        try {
            return database.executeTransactionally(
                    "RETURN gds.version() AS version", java.util.Map.of(), result -> (String) result.next().get("version"));
        } catch (RuntimeException e) {
            return "not installed (" + e.getMessage() + ")";
        }
    }
}
