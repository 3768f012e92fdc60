package dev.spike.embedded;

import dev.spike.procedures.SpikeProcedureClasses;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Result;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilder;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Starts an in-process Neo4j (through the Neo4j Harness) with GDS, APOC and the SPiKE procedures
 * registered, as a server with the three plugin jars would have them.
 *
 * <p>Used by the embedded runner and by the tests. GDS and APOC are taken from the class path:
 * every procedure class in the GDS {@code proc-*} jars and in the APOC jars is registered.
 */
public final class EmbeddedNeo4j implements AutoCloseable {

    /** Settings that GDS, APOC and SPiKE need; the same lines go into a server's neo4j.conf. */
    public static final List<String> UNRESTRICTED_PROCEDURES = List.of("gds.*", "apoc.*", "spike.*");

    private final Neo4j neo4j;

    private EmbeddedNeo4j(Neo4j neo4j) {
        this.neo4j = neo4j;
    }

    public static Builder builder() {
        return new Builder();
    }

    public GraphDatabaseService database() {
        return neo4j.defaultDatabaseService();
    }

    public Neo4j harness() {
        return neo4j;
    }

    public String boltUri() {
        return neo4j.boltURI().toString();
    }

    /** Runs one statement in its own transaction and hands the consumed result to {@code reader}. */
    public <T> T query(String cypher, Map<String, Object> parameters, Function<Result, T> reader) {
        return database().executeTransactionally(cypher, parameters, reader::apply);
    }

    /** Runs one statement in its own transaction and returns its rows. */
    public List<Map<String, Object>> rows(String cypher, Map<String, Object> parameters) {
        return query(cypher, parameters, result -> result.stream().toList());
    }

    public List<Map<String, Object>> rows(String cypher) {
        return rows(cypher, Map.of());
    }

    @Override
    public void close() {
        neo4j.close();
    }

    /** Options for an embedded DBMS. */
    public static final class Builder {
        private Path workingDirectory;
        private Path importDirectory;
        private Integer boltPort;
        private boolean registerSpikeProcedures = true;
        private Path pluginDirectory;

        private Builder() {}

        /** Folder for the store and logs; a fresh temporary folder when not set. */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        /** Folder that {@code LOAD CSV FROM 'file:///name.csv'} reads from. */
        public Builder importDirectory(Path directory) {
            this.importDirectory = directory;
            return this;
        }

        /** Opens Bolt on 127.0.0.1 at this port; by default the Harness picks a free port. */
        public Builder boltPort(int port) {
            this.boltPort = port;
            return this;
        }

        /**
         * Registers the SPiKE procedures from the class path (the default). Turn it off to load
         * them only from a plugin jar in {@link #pluginDirectory(Path)}.
         */
        public Builder registerSpikeProcedures(boolean register) {
            this.registerSpikeProcedures = register;
            return this;
        }

        /** Folder of plugin jars that Neo4j loads with its own plugin class loader. */
        public Builder pluginDirectory(Path directory) {
            this.pluginDirectory = directory;
            return this;
        }

        public EmbeddedNeo4j start() {
            skipSlowObjectLayoutProbe();
            Neo4jBuilder builder = workingDirectory == null
                    ? Neo4jBuilders.newInProcessBuilder()
                    : Neo4jBuilders.newInProcessBuilder(workingDirectory);
            builder = builder
                    .withConfig(GraphDatabaseSettings.procedure_unrestricted, UNRESTRICTED_PROCEDURES)
                    .withConfig(HttpConnector.enabled, false)
                    .withConfig(BoltConnector.enabled, true);
            if (boltPort != null) {
                builder = builder.withConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", boltPort));
            }
            if (importDirectory != null) {
                builder = builder.withConfig(GraphDatabaseSettings.load_csv_file_url_root, importDirectory.toAbsolutePath().normalize());
            }
            if (pluginDirectory != null) {
                builder = builder.withConfig(GraphDatabaseSettings.plugin_dir, pluginDirectory.toAbsolutePath().normalize());
            }
            builder = registerLibraries(builder);
            return new EmbeddedNeo4j(builder.build());
        }

        /**
         * GDS measures object sizes with JOL, whose first use attaches the HotSpot serviceability
         * agent in a child process. On our 2-core test machines that stalled the first projection
         * for about 25 seconds. Skipping the attach only makes GDS's memory figures estimates.
         */
        private static void skipSlowObjectLayoutProbe() {
            if (System.getProperty("jol.skipHotspotSAAttach") == null) {
                System.setProperty("jol.skipHotspotSAAttach", "true");
            }
        }

        private Neo4jBuilder registerLibraries(Neo4jBuilder builder) {
            ClassLoader loader = EmbeddedNeo4j.class.getClassLoader();
            ProcedureClassScanner scanner = new ProcedureClassScanner(loader);
            ProcedureClassScanner.Found gds = scanner.scanJarsContaining(
                    List.of("org/neo4j/gds/"), name -> name.startsWith("proc-") || name.startsWith("alpha-proc-"));
            ProcedureClassScanner.Found apoc = scanner.scanJarsContaining(
                    List.of("apoc/"), name -> name.startsWith("apoc-core") || name.startsWith("apoc-common"));
            for (ProcedureClassScanner.Found found : List.of(gds, apoc)) {
                builder = register(builder, found.procedures(), found.functions(), found.aggregations());
            }
            if (registerSpikeProcedures) {
                builder = register(builder, SpikeProcedureClasses.procedures(), SpikeProcedureClasses.functions(), List.of());
            }
            return builder;
        }

        private static Neo4jBuilder register(
                Neo4jBuilder builder, List<Class<?>> procedures, List<Class<?>> functions, List<Class<?>> aggregations) {
            for (Class<?> type : procedures) {
                builder = builder.withProcedure(type);
            }
            for (Class<?> type : functions) {
                builder = builder.withFunction(type);
            }
            for (Class<?> type : aggregations) {
                builder = builder.withAggregationFunction(type);
            }
            return builder;
        }
    }
}
