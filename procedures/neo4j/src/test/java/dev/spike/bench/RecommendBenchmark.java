package dev.spike.bench;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.graph.GraphSpec;
import dev.spike.model.SpikeConfig;
import dev.spike.model.TrainedModel;
import dev.spike.model.nn.ModelParameters;
import dev.spike.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * Prints the time to score and write the top 20 items of every user, and the write rate, on
 * MovieLens ml-latest-small (a model trained for a few epochs) and on a synthetic catalogue of
 * 100,000 users × 50,000 items (random embeddings: scoring and writing cost does not depend on
 * what the model learned). Run: {@code mvn -B -Pbench-recommend verify -pl procedures/neo4j -am -DskipTests}.
 */
public final class RecommendBenchmark {

    private RecommendBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty(ModelCatalogs.DIRECTORY_PROPERTY, Files.createTempDirectory("spike-bench-models").toString());
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        movieLens();
        synthetic(Integer.getInteger("bench.users", 100_000), Integer.getInteger("bench.items", 50_000));
    }

    private static void movieLens() throws Exception {
        Path folder = Path.of(System.getProperty("spike.shared.dir", "../shared"), "data", "ml-latest-small");
        if (!Files.isDirectory(folder)) {
            System.out.println("ml-latest-small: skipped, " + folder.toAbsolutePath() + " not found");
            return;
        }
        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().importDirectory(folder).start()) {
            Scripts.run(db, "schema.cypher", Map.of());
            Scripts.run(db, "movielens/load.cypher", Map.of("base", "file:///"));
            Scripts.run(db, "projection.cypher", Map.of("graphName", "ml"));
            db.rows("CALL spike.train('ml', {modelName: 'ml', profiles: false, epochs: 3, patience: 0})");
            report("ml-latest-small", db, "ml");
        }
    }

    private static void synthetic(int users, int items) throws Exception {
        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            long start = System.nanoTime();
            db.rows("UNWIND range(0, $n - 1) AS id CALL (id) { CREATE (:User {id: id}) } IN TRANSACTIONS OF 50000 ROWS",
                    Map.of("n", users));
            db.rows("UNWIND range(0, $n - 1) AS id CALL (id) { CREATE (:Item {id: id}) } IN TRANSACTIONS OF 50000 ROWS",
                    Map.of("n", items));
            System.out.printf(Locale.ROOT, "synthetic: created %,d users and %,d items in %.1f s%n", users, items,
                    (System.nanoTime() - start) / 1e9);
            long[] userIds = ids(db, "MATCH (u:User) RETURN id(u) AS id ORDER BY u.id");
            long[] itemIds = ids(db, "MATCH (i:Item) RETURN id(i) AS id ORDER BY i.id");
            SpikeConfig config = SpikeConfig.builder().profiles(false).alignment(false).build();
            int dim = config.embeddingDim();
            SplittableRandom random = new SplittableRandom(1);
            ModelParameters parameters = ModelParameters.initialise(users + items, 2, dim, 0, random);
            float[] userEmbeddings = java.util.Arrays.copyOf(parameters.nodeEmbeddings, users * dim);
            float[] itemEmbeddings = java.util.Arrays.copyOfRange(parameters.nodeEmbeddings, users * dim, (users + items) * dim);
            TrainedModel model = new TrainedModel(config, users, items, items, 0, userEmbeddings, itemEmbeddings,
                    parameters, 0, 0);
            GraphSpec spec = new GraphSpec("User", "Item", "Entity", "RATED", List.of(), null);
            ModelCatalog catalog = ModelCatalogs.forDatabase((GraphDatabaseAPI) db.database());
            catalog.store(new ModelEntry("synthetic", "neo4j", "none", spec, userIds, itemIds, List.of(), Instant.now(),
                    Map.of(), model, new long[0], new long[0], "RATED"));
            report(String.format(Locale.ROOT, "synthetic %,d users x %,d items", users, items), db, "synthetic");
        }
    }

    private static void report(String name, EmbeddedNeo4j db, String modelName) {
        long start = System.nanoTime();
        long streamed = db.query("CALL spike.recommend.stream('', {modelName: $model, topK: 20}) YIELD itemId RETURN count(*) AS n",
                Map.of("model", modelName), result -> (Long) result.next().get("n"));
        double scoreSeconds = (System.nanoTime() - start) / 1e9;

        start = System.nanoTime();
        Map<String, Object> row = db.rows("CALL spike.recommend.write('', {modelName: $model, topK: 20})",
                Map.of("model", modelName)).get(0);
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        long written = (Long) row.get("relationshipsWritten");
        System.out.printf(Locale.ROOT, "%s: scored top-20 for %,d users (%,d rows) in %.1f s; "
                        + "scored and wrote %,d relationships in %.1f s, %,.0f relationships/s%n",
                name, (Long) row.get("usersCovered"), streamed, scoreSeconds, written, writeSeconds, written / writeSeconds);
    }

    private static long[] ids(EmbeddedNeo4j db, String cypher) {
        return db.rows(cypher).stream().mapToLong(row -> (Long) row.get("id")).toArray();
    }
}
