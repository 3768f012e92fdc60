package dev.spike.runner;

import dev.spike.cypher.CypherScript;
import dev.spike.demo.DemoDataset;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.kgat.KgatFolderCheck;
import dev.spike.model.SpikeConfig;
import dev.spike.movielens.MovieLensFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.QueryStatistics;

/**
 * The main job: starts an embedded Neo4j with GDS, APOC and SPiKE, and drives the pipeline
 * through the same Cypher scripts that users run from {@code cypher/}.
 *
 * <p>Stages: load the data, write profiles, split interactions into train and test, project
 * the training graph into GDS, train, evaluate against a popularity ranking, write
 * recommendations and explain one.
 */
public final class MainJob {

    public static final String GRAPH_NAME = "spike";
    public static final String MODEL_NAME = "spike";
    public static final String PLAIN_MODEL_NAME = "spike-no-profiles";
    /**
     * Epochs per model on a KGAT folder. On MovieLens ml-kg, test Recall@20 levels off from
     * about epoch 45, so 60 leaves a margin (measurements in docs/benchmarks.md).
     */
    static final int KGAT_EPOCHS = 60;
    private static final int SHUTDOWN_WAIT_SECONDS = 60;

    private final RunnerOptions options;
    private final PrintStream out;
    private final StepPrinter steps;
    private final Map<String, Double> stageSeconds = new java.util.LinkedHashMap<>();

    public MainJob(RunnerOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.steps = new StepPrinter(out);
    }

    public static void main(String[] args) {
        int status = run(Arrays.asList(args), System.out, System.err);
        System.exit(status);
    }

    /** Runs the job and returns the process exit status: 0 done, 1 failed, 2 bad arguments. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(RunnerOptions.USAGE);
            return 0;
        }
        try {
            new MainJob(options, out).run();
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            // A procedure that rejects its input (a malformed file, a bad setting) reports what is
            // wrong and how to fix it, so its message is printed alone, without the stack trace.
            IllegalArgumentException rejected = rejectedInput(e);
            if (rejected != null) {
                err.println("error: " + rejected.getMessage());
                return 1;
            }
            err.println("error: the main job failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    /** Returns the outermost IllegalArgumentException among the causes of {@code error}, or null. */
    static IllegalArgumentException rejectedInput(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalArgumentException rejected) {
                return rejected;
            }
        }
        return null;
    }

    /**
     * Counts and results of a finished run, for tests and callers that embed the job.
     *
     * @param recall20 Recall@20 per ranker label ("SPiKE", "SPiKE, profiles: false", "Popularity")
     */
    public record Summary(long users, long items, long interactions, long usersWithRecommendations,
            long maxRecommendationsPerUser, long recommendedInteractedItems, long nodesWithoutProfileEmbedding,
            Map<String, Double> recall20, Path trainingCurve) {}

    private Summary summary;
    private final CountDownLatch closed = new CountDownLatch(1);

    public Summary summary() {
        return summary;
    }

    public void run() throws IOException, InterruptedException {
        Path work = options.workDirectory() != null
                ? Files.createDirectories(options.workDirectory())
                : Files.createTempDirectory("spike-main-job");
        out.println("SPiKE main job, work folder " + work.toAbsolutePath());
        try {
            runIn(work);
        } catch (IOException | InterruptedException | RuntimeException e) {
            removeLeftovers(work);
            throw e;
        }
        removeEmptyNeo4jFolder(work);
    }

    /**
     * Deletes the work folder after a failed run when the job created it, otherwise only an empty
     * neo4j folder inside it. Neo4j deletes its database itself.
     */
    private void removeLeftovers(Path work) throws IOException {
        if (options.workDirectory() == null) {
            try (var paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
            return;
        }
        removeEmptyNeo4jFolder(work);
    }

    /** Neo4j deletes its database when it stops but leaves the folder that held it. */
    private static void removeEmptyNeo4jFolder(Path work) throws IOException {
        Path neo4jFolder = work.resolve("neo4j");
        if (Files.isDirectory(neo4jFolder)) {
            try (var entries = Files.list(neo4jFolder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(neo4jFolder);
                }
            }
        }
    }

    private void runIn(Path work) throws IOException, InterruptedException {

        long start = System.nanoTime();
        Path importFolder = prepareData(work);
        String loadScript = options.movieLens() != null ? "movielens/load.cypher"
                : options.kgat() != null ? "kgat/load.cypher" : "demo/load.cypher";
        Map<String, Object> loadParameters = options.kgat() != null
                ? Map.of("folder", options.kgat().toAbsolutePath().normalize().getFileName().toString())
                : Map.of("base", "file:///");

        start = System.nanoTime();
        EmbeddedNeo4j.Builder builder = EmbeddedNeo4j.builder()
                .workingDirectory(work.resolve("neo4j"))
                .importDirectory(importFolder);
        if (options.serve()) {
            builder.boltPort(options.boltPort());
        }
        try (EmbeddedNeo4j neo4j = startNeo4j(builder)) {
            Map<String, Object> version = neo4j.rows("CALL spike.version()").get(0);
            steps.step("start Neo4j", "Neo4j " + version.get("neo4jVersion") + ", GDS " + version.get("gdsVersion")
                    + ", SPiKE " + version.get("spikeVersion") + ", ND4J " + version.get("nd4jBackend"), start);

            steps.title("Load");
            runScript(neo4j, "schema.cypher", Map.of());
            runScript(neo4j, loadScript, loadParameters);
            printGraphSummary(neo4j);
            requireTrainingInteractions(neo4j);

            // The split comes first, because profiles read training interactions only: a user
            // profile that named test items would leak them into training.
            if (options.kgat() == null) {
                steps.title("Split");
                Map<String, Object> splitParameters = new HashMap<>();
                splitParameters.put("minRating", options.movieLens() != null ? 4.0 : null);
                runScript(neo4j, "split.cypher", splitParameters);
            }

            boolean profiles = CypherScript.exists("profiles.cypher");
            if (profiles) {
                steps.title("Profiles");
                runScript(neo4j, "profiles.cypher", Map.of());
            }

            steps.title("Projection");
            runScript(neo4j, "projection.cypher", Map.of("graphName", GRAPH_NAME));
            printProjectionSummary(neo4j);

            int epochs = options.epochs() != null ? options.epochs()
                    : options.movieLens() != null ? 30 : options.kgat() != null ? KGAT_EPOCHS : 40;
            // A KGAT folder's split is fixed, and figures of other implementations on such folders
            // come from a fixed number of epochs on every training interaction.
            int patience = options.patience() != null ? options.patience() : options.kgat() != null ? 0 : 5;
            int layers = options.layers() != null ? options.layers() : SpikeConfig.defaults().layers();
            steps.title("Training");
            steps.detail((patience == 0
                    ? epochs + " epochs per model on all training interactions, without a validation hold-out"
                    : patience >= epochs
                    ? epochs + " epochs per model, with Recall@20 on a validation hold-out of 10% of each user's "
                            + "training interactions; no run stops early, as --patience " + patience
                            + " is not below --epochs"
                    : "at most " + epochs + " epochs per model, stopping after " + patience + " epochs without a "
                            + "better Recall@20 on a validation hold-out of 10% of each user's training interactions")
                    + "; " + layers + (layers == 1 ? " propagation layer" : " propagation layers"));
            List<TrainingCurve.Run> curves = new ArrayList<>();
            List<Map<String, Object>> models = new ArrayList<>();
            for (int seed = 1; seed <= options.seeds(); seed++) {
                String suffix = seed == 1 ? "" : "-seed" + seed;
                models.add(modelParameters(MODEL_NAME + suffix, profiles, epochs, patience, layers, 41 + seed));
                if (profiles) {
                    models.add(modelParameters(PLAIN_MODEL_NAME + suffix, false, epochs, patience, layers,
                            41 + seed));
                }
            }
            for (Map<String, Object> model : models) {
                List<Map<String, Object>> history = history(runScript(neo4j, "train.cypher", model));
                if (curves.size() < 2) {
                    // The picture shows the first seed's runs only, and the legend names that seed.
                    String seedNote = options.seeds() > 1 ? " (seed " + model.get("seed") + ")" : "";
                    curves.add(new TrainingCurve.Run(label((Boolean) model.get("profiles")) + seedNote, history));
                }
            }
            Map<String, Object> spike = models.get(0);
            Path curve = work.resolve("training-curve.svg");
            TrainingCurve.write(curves, curve);
            steps.detail("training curve: " + curve.toAbsolutePath());

            steps.title("Evaluation");
            List<Map<String, Object>> results = new ArrayList<>();
            for (Map<String, Object> model : models) {
                results.addAll(runScript(neo4j, "evaluate.cypher", model));
            }
            results.addAll(runScript(neo4j, "evaluate-popularity.cypher", spike));
            Map<String, Double> recall20 = printResultsTable(results, profiles);

            steps.title("Recommendations");
            runScript(neo4j, "recommend.cypher", spike);
            if (CypherScript.exists("explain.cypher")) {
                // explain.cypher fails when no user with training interactions has a recommendation,
                // as on a tiny graph where every user has interacted with every item.
                long explainableUsers = count(neo4j, "MATCH (u:User)-[:RECOMMENDED {model: '" + MODEL_NAME
                        + "', rank: 1}]->(:Item) WHERE EXISTS { (u)-[r:RATED]->() WHERE coalesce(r.split, 'train') "
                        + "= 'train' } RETURN count(u)");
                if (explainableUsers > 0) {
                    runScript(neo4j, "explain.cypher", spike);
                } else {
                    steps.step("explain: skipped", "no recommendation to explain", System.nanoTime());
                }
            }
            printStageTimes();
            summary = new Summary(count(neo4j, "MATCH (n:User) RETURN count(n)"), count(neo4j, "MATCH (n:Item) RETURN count(n)"),
                    count(neo4j, "MATCH ()-[r:RATED]->() RETURN count(r)"),
                    count(neo4j, "MATCH (u:User) WHERE EXISTS { (u)-[:RECOMMENDED {model: '" + MODEL_NAME + "'}]->() } RETURN count(u)"),
                    count(neo4j, "MATCH (u:User) RETURN coalesce(max(COUNT { (u)-[:RECOMMENDED {model: '" + MODEL_NAME
                            + "'}]->() }), 0)"),
                    count(neo4j, "MATCH (u:User)-[:RECOMMENDED {model: '" + MODEL_NAME + "'}]->(i)<-[:RATED]-(u) RETURN count(*)"),
                    count(neo4j, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) AND n.profileEmbedding IS NULL "
                            + "AND n.profile IS NOT NULL RETURN count(n)"),
                    recall20, curve);
            if (options.serve()) {
                serve(neo4j);
            }
        } finally {
            closed.countDown();
        }
    }

    private Path prepareData(Path work) throws IOException {
        long start = System.nanoTime();
        if (options.movieLens() != null) {
            Path folder = MovieLensFiles.prepare(options.movieLens(), options.encoding(), work.resolve("import"));
            steps.step("check MovieLens files", folder.toAbsolutePath().toString(), start);
            return folder;
        }
        if (options.kgat() != null) {
            Path dataset = options.kgat().toAbsolutePath().normalize();
            for (String name : List.of("train.txt", "test.txt", "kg_final.txt")) {
                if (!Files.isRegularFile(dataset.resolve(name))) {
                    throw new IllegalArgumentException("Missing " + name + " in " + dataset
                            + ". A KGAT folder holds train.txt, test.txt and kg_final.txt.");
                }
            }
            // Every line is checked before Neo4j starts, so a malformed folder fails in seconds.
            KgatFolderCheck.Summary summary;
            try {
                summary = KgatFolderCheck.check(dataset);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("KGAT folder " + dataset + ": " + e.getMessage(), e);
            }
            steps.step("check KGAT files", String.format("%s: %s users, %s items, %s other entities, %s train and "
                    + "%s test interactions, %s triples", dataset, StepPrinter.count(summary.users()),
                    StepPrinter.count(summary.items()), StepPrinter.count(summary.otherEntities()),
                    StepPrinter.count(summary.trainInteractions()), StepPrinter.count(summary.testInteractions()),
                    StepPrinter.count(summary.kgTriples())), start);
            // spike.kgat.load reads folders under the import directory, so the dataset's parent becomes it.
            return dataset.getParent();
        }
        Path folder = work.resolve("import");
        DemoDataset.Summary summary = DemoDataset.standard().writeTo(folder);
        steps.step("generate demo catalogue", String.format("%s users, %s items, %s interactions, %s reviews",
                StepPrinter.count(summary.users()), StepPrinter.count(summary.items()),
                StepPrinter.count(summary.interactions()), StepPrinter.count(summary.reviews())), start);
        return folder;
    }

    /** Runs every statement of a script and returns the rows of all of them, in order. */
    private List<Map<String, Object>> runScript(EmbeddedNeo4j neo4j, String script, Map<String, Object> parameters) {
        long scriptStart = System.nanoTime();
        List<Map<String, Object>> all = new ArrayList<>();
        for (CypherScript.Statement statement : CypherScript.load(script).statements()) {
            long start = System.nanoTime();
            List<Map<String, Object>> rows = new ArrayList<>();
            String counts = neo4j.query(statement.text(), parameters, result -> {
                rows.addAll(result.stream().toList());
                return describe(result.getQueryStatistics(), rows);
            });
            steps.step(script.replace(".cypher", "") + ": " + statement.step(), counts, start);
            if (rows.size() > 1) {
                for (Map<String, Object> row : rows) {
                    steps.detail(StepPrinter.format(row));
                }
            }
            all.addAll(rows);
        }
        stageSeconds.merge(script.replace(".cypher", ""), (System.nanoTime() - scriptStart) / 1e9, Double::sum);
        return all;
    }

    private static Map<String, Object> modelParameters(String modelName, boolean profiles, int epochs, int patience,
                                                       int layers, int seed) {
        return Map.of("graphName", GRAPH_NAME, "modelName", modelName, "profiles", profiles, "epochs", epochs,
                "patience", patience, "layers", layers, "seed", seed);
    }

    private static String label(boolean profiles) {
        return profiles ? "SPiKE" : "SPiKE, profiles: false";
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> history(List<Map<String, Object>> rows) {
        return rows.isEmpty() ? List.of() : (List<Map<String, Object>>) rows.get(0).getOrDefault("history", List.of());
    }

    private static long count(EmbeddedNeo4j neo4j, String cypher) {
        return (Long) neo4j.rows(cypher).get(0).values().iterator().next();
    }

    /**
     * Prints Recall@K and NDCG@K of every model and of the popularity ranking side by side, and
     * returns each ranker's Recall@20.
     */
    Map<String, Double> printResultsTable(List<Map<String, Object>> rows, boolean profiles) {
        // With several seeds, each ranker's figures are the mean over its models.
        Map<String, Map<Long, double[]>> byRanker = new java.util.LinkedHashMap<>();
        // Fixed row order: the models first, the popularity baseline last.
        byRanker.put(label(profiles), new java.util.TreeMap<>());
        if (profiles) {
            byRanker.put(label(false), new java.util.TreeMap<>());
        }
        byRanker.put("Popularity", new java.util.TreeMap<>());
        for (Map<String, Object> row : rows) {
            String ranker = "popularity".equals(row.get("scorer")) ? "Popularity"
                    : ((String) row.get("modelName")).startsWith(PLAIN_MODEL_NAME) ? label(false) : label(profiles);
            double[] sums = byRanker.computeIfAbsent(ranker, r -> new java.util.TreeMap<>())
                    .computeIfAbsent((Long) row.get("k"), k -> new double[3]);
            sums[0] += (Double) row.get("recall");
            sums[1] += (Double) row.get("ndcg");
            sums[2] += 1;
        }
        for (Map<Long, double[]> values : byRanker.values()) {
            for (double[] sums : values.values()) {
                sums[0] /= sums[2];
                sums[1] /= sums[2];
            }
        }
        if (options.seeds() > 1) {
            out.println("     mean of " + options.seeds() + " seeds (42 to " + (41 + options.seeds()) + ")");
        }
        out.println();
        out.printf(java.util.Locale.ROOT, "     %-24s %9s %9s %9s %9s %9s %9s%n", "ranker",
                "Recall@10", "Recall@20", "Recall@40", "NDCG@10", "NDCG@20", "NDCG@40");
        for (Map.Entry<String, Map<Long, double[]>> entry : byRanker.entrySet()) {
            Map<Long, double[]> values = entry.getValue();
            out.printf(java.util.Locale.ROOT, "     %-24s %9.4f %9.4f %9.4f %9.4f %9.4f %9.4f%n", entry.getKey(),
                    get(values, 10, 0), get(values, 20, 0), get(values, 40, 0),
                    get(values, 10, 1), get(values, 20, 1), get(values, 40, 1));
        }
        Map<String, Double> recall20 = new java.util.LinkedHashMap<>();
        byRanker.forEach((ranker, values) -> recall20.put(ranker, get(values, 20, 0)));
        double popularity = recall20.getOrDefault("Popularity", Double.NaN);
        if (recall20.getOrDefault(label(profiles), Double.NaN) < popularity) {
            out.println("     note: " + label(profiles) + " ranks below popularity by Recall@20; the model is "
                    + "probably undertrained, so raise --epochs (or --patience) and run again.");
        }
        out.println();
        return recall20;
    }

    private static double get(Map<Long, double[]> values, long k, int index) {
        double[] pair = values.get(k);
        return pair == null ? Double.NaN : pair[index];
    }

    private void printStageTimes() {
        out.println();
        out.println("     stage times:");
        for (Map.Entry<String, Double> entry : stageSeconds.entrySet()) {
            out.printf(java.util.Locale.ROOT, "     %-24s %8.1f s%n", entry.getKey(), entry.getValue());
        }
    }

    private static String describe(QueryStatistics stats, List<Map<String, Object>> rows) {
        List<String> parts = new ArrayList<>();
        if (stats.getNodesCreated() > 0) {
            parts.add("+" + StepPrinter.count(stats.getNodesCreated()) + " nodes");
        }
        if (stats.getRelationshipsCreated() > 0) {
            parts.add("+" + StepPrinter.count(stats.getRelationshipsCreated()) + " relationships");
        }
        if (stats.getPropertiesSet() > 0) {
            parts.add(StepPrinter.count(stats.getPropertiesSet()) + " properties set");
        }
        if (stats.getConstraintsAdded() > 0) {
            parts.add("+" + stats.getConstraintsAdded() + " constraints");
        }
        if (rows.size() == 1) {
            parts.add(StepPrinter.format(rows.get(0)));
        } else if (parts.isEmpty()) {
            parts.add(rows.size() + " rows");
        }
        return String.join(", ", parts);
    }

    /** Fails with a one-line error when the loaded data contains no training interactions. */
    private void requireTrainingInteractions(EmbeddedNeo4j neo4j) {
        long training = (Long) neo4j.rows("MATCH (:User)-[r:RATED]->(:Item) WHERE r.split IS NULL OR r.split = 'train' "
                + "RETURN count(r) AS n").get(0).get("n");
        if (training > 0) {
            return;
        }
        // spike.kgat.load already rejects a train.txt without interactions.
        throw new IllegalArgumentException(options.movieLens() != null
                ? "The MovieLens folder " + options.movieLens().toAbsolutePath() + " contains no ratings, so there is "
                        + "nothing to train on. Check ratings.csv (or ratings.dat)."
                : "The loaded data contains no training interactions, so there is nothing to train on.");
    }

    private void printGraphSummary(EmbeddedNeo4j neo4j) {
        long start = System.nanoTime();
        List<Map<String, Object>> labels = neo4j.rows(
                "CALL db.labels() YIELD label CALL (label) { MATCH (n) WHERE label IN labels(n) RETURN count(n) AS count } "
                        + "WITH label, count WHERE count > 0 RETURN label, count ORDER BY label");
        // The schema script declares constraints for every label of the demo and MovieLens graphs.
        // Labels and types that no node or relationship carries are left out of the summary.
        List<Map<String, Object>> types = neo4j.rows(
                "CALL db.relationshipTypes() YIELD relationshipType AS type "
                        + "CALL (type) { MATCH ()-[r]->() WHERE type(r) = type RETURN count(r) AS count } "
                        + "WITH type, count WHERE count > 0 RETURN type, count ORDER BY type");
        steps.step("graph summary", labels.size() + " labels, " + types.size() + " relationship types", start);
        for (Map<String, Object> row : labels) {
            steps.detail(String.format("(:%s) %s", row.get("label"), StepPrinter.count((Long) row.get("count"))));
        }
        for (Map<String, Object> row : types) {
            steps.detail(String.format("[:%s] %s", row.get("type"), StepPrinter.count((Long) row.get("count"))));
        }
    }

    private void printProjectionSummary(EmbeddedNeo4j neo4j) {
        long start = System.nanoTime();
        Map<String, Object> row = neo4j.rows(
                "CALL gds.graph.list($name) YIELD graphName, nodeCount, relationshipCount, memoryUsage, schemaWithOrientation "
                        + "RETURN graphName, nodeCount, relationshipCount, memoryUsage, schemaWithOrientation",
                Map.of("name", GRAPH_NAME)).get(0);
        steps.step("projection summary", String.format("'%s': %s nodes, %s relationships, %s",
                row.get("graphName"), StepPrinter.count((Long) row.get("nodeCount")),
                StepPrinter.count((Long) row.get("relationshipCount")), row.get("memoryUsage")), start);
        @SuppressWarnings("unchecked")
        Map<String, Object> schema = (Map<String, Object>) row.get("schemaWithOrientation");
        steps.detail("node labels: " + ((Map<?, ?>) schema.get("nodes")).keySet());
        steps.detail("relationship types: " + ((Map<?, ?>) schema.get("relationships")).keySet());
    }

    private void serve(EmbeddedNeo4j neo4j) throws InterruptedException {
        out.println();
        out.println("Neo4j is serving Bolt at " + neo4j.boltUri() + " (no authentication). Press Ctrl-C to stop.");
        out.println("Try: cypher-shell -a " + neo4j.boltUri() + " \"CALL gds.graph.list() YIELD graphName, nodeCount\"");
        CountDownLatch stopped = new CountDownLatch(1);
        // The JVM exits once its shutdown hooks return, so the hook waits until the main thread
        // has stopped Neo4j and removed the database folder. NOTE: no automated test covers this
        // path, because it needs the JVM to exit.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopped.countDown();
            try {
                closed.await(SHUTDOWN_WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        stopped.await();
        out.println("Stopping Neo4j and removing its database folder.");
    }

    /** Starts Neo4j, turning a Bolt port already in use into an error that names the option. */
    private EmbeddedNeo4j startNeo4j(EmbeddedNeo4j.Builder builder) {
        if (options.serve()) {
            try (ServerSocket probe = new ServerSocket()) {
                probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.boltPort()));
            } catch (IOException e) {
                throw new IllegalArgumentException("Bolt port " + options.boltPort() + " on 127.0.0.1 is already in "
                        + "use, perhaps by another Neo4j. Stop that server or pass a free port with --bolt-port.");
            }
        }
        return builder.start();
    }
}
