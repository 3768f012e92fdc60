package dev.spike.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Errors;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.graphdb.Transaction;

/** A terminated or timed-out spike.train stops, frees its threads and leaves the catalog as it was. */
class TrainTerminationTest {

    private static final String LONG_TRAINING =
            "CALL spike.train('random', {modelName: 'endless', epochs: 100000, patience: 0, profiles: false, concurrency: 4})";

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void randomGraph() {
        db = SharedDbms.reset();
        db.rows("""
                UNWIND range(0, 49) AS id CREATE (:User {id: id}), (:Item {id: id})
                """);
        db.rows("""
                MATCH (u:User), (i:Item) WHERE rand() < 0.2 CREATE (u)-[:RATED]->(i)
                """);
        db.rows("MATCH (u:User) WHERE NOT (u)-[:RATED]->() MATCH (i:Item {id: u.id}) CREATE (u)-[:RATED]->(i)");
        db.rows("CALL gds.graph.project('random', ['User', 'Item'], 'RATED')");
    }

    @Test
    void terminateStopsTrainingWithinAnEpoch() throws Exception {
        CompletableFuture<Void> training = CompletableFuture.runAsync(() -> db.rows(LONG_TRAINING));
        String transactionId = awaitTransaction();
        Thread.sleep(3000);

        long terminated = System.nanoTime();
        db.rows("TERMINATE TRANSACTIONS $id", Map.of("id", transactionId));

        Throwable failure = awaitFailure(training);
        double seconds = (System.nanoTime() - terminated) / 1e9;
        assertTrue(seconds < 10, "training went on for " + seconds + " s after termination");
        assertTrue(rootMessage(failure).contains("terminated"), rootMessage(failure));
        assertCleanAfterwards();
    }

    @Test
    void trainingIsListedInGdsProgress() throws Exception {
        CompletableFuture<Void> training = CompletableFuture.runAsync(() -> db.rows(LONG_TRAINING));
        String transactionId = awaitTransaction();
        Map<String, Object> first = awaitProgress(row -> row.get("status").equals("RUNNING"));
        assertEquals("spike.train: model 'endless' is being trained by another call. Wait for it to finish, or train "
                + "under another name.", Errors.messageOf(db, "CALL spike.train('random', {modelName: 'endless', "
                + "epochs: 1, patience: 0, profiles: false, overwrite: true})", Map.of()));
        assertEquals("spike.recommend.stream: model 'endless' is being trained for the first time and is not saved "
                + "yet. Wait for spike.train to finish; CALL gds.listProgress() shows how far it got.",
                Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'endless'})", Map.of()));
        // A drop that passed as "missing" would be undone when the training saves the model.
        assertTrue(Errors.messageOf(db, "CALL spike.model.drop('endless', false)", Map.of())
                .startsWith("spike.model.drop: model 'endless' is being trained by another call"));
        assertTrue(((String) first.get("progress")).endsWith("%"), first.toString());

        Map<String, Object> detail = db.rows("CALL gds.listProgress($jobId) YIELD taskName, status "
                + "WHERE taskName CONTAINS 'epochs' RETURN taskName, status", Map.of("jobId", first.get("jobId"))).get(0);
        assertEquals("RUNNING", detail.get("status"), detail.toString());

        db.rows("TERMINATE TRANSACTIONS $id", Map.of("id", transactionId));
        awaitFailure(training);
        assertCleanAfterwards();
    }

    @Test
    void dropFailsDuringRetraining() throws Exception {
        db.rows("CALL spike.train('random', {modelName: 'again', epochs: 1, patience: 0, profiles: false})");
        CompletableFuture<Void> retraining = CompletableFuture.runAsync(() -> db.rows(
                "CALL spike.train('random', {modelName: 'again', epochs: 100000, patience: 0, profiles: false, "
                        + "overwrite: true})"));
        String transactionId = awaitTransaction("'again'");
        awaitProgress("again", row -> row.get("status").equals("RUNNING"));

        assertEquals("spike.model.drop: model 'again' is being trained by another call, which saves it again when it "
                + "ends. Wait for spike.train to finish (CALL gds.listProgress() shows how far it got) or stop it with "
                + "TERMINATE TRANSACTIONS, then drop the model.",
                Errors.messageOf(db, "CALL spike.model.drop('again')", Map.of()));
        db.rows("TERMINATE TRANSACTIONS $id", Map.of("id", transactionId));
        awaitFailure(retraining);

        assertEquals(1L, db.rows("CALL spike.model.list('again') YIELD epochs RETURN epochs").get(0).get("epochs"));
        assertEquals(1, db.rows("CALL spike.model.drop('again')").size());
        assertEquals(List.of(), db.rows("CALL spike.model.list('again')"));
    }

    @Test
    void transactionTimeoutStopsTraining() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<Void> training = CompletableFuture.runAsync(() -> {
            // The same limit as db.transaction.timeout=3s, for this one transaction.
            try (Transaction transaction = db.database().beginTx(3, TimeUnit.SECONDS)) {
                transaction.execute(LONG_TRAINING).resultAsString();
            }
        });

        Throwable failure = awaitFailure(training);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 15, "training ran " + seconds + " s under a 3 s timeout");
        assertNotNull(failure);
        assertCleanAfterwards();
    }

    private static void assertCleanAfterwards() throws InterruptedException {
        assertEquals(List.of(), db.rows("SHOW TRANSACTIONS YIELD currentQuery WHERE currentQuery CONTAINS 'spike.train(' "
                + "AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN currentQuery"));
        assertEquals(List.of(), db.rows("CALL spike.model.list('endless')"));
        awaitNoWorkerThreads();

        Map<String, Object> next = db.rows("CALL spike.train('random', {modelName: 'after', epochs: 1, patience: 0, "
                + "profiles: false, concurrency: 4, overwrite: true})").get(0);
        assertEquals("after", next.get("modelName"));
        assertEquals(List.of(), spikeJobs(), "finished and stopped trainings leave gds.listProgress()");
    }

    private static List<Map<String, Object>> spikeJobs() {
        return db.rows("CALL gds.listProgress() YIELD jobId, taskName, progress, status "
                + "WHERE taskName STARTS WITH 'spike.train' RETURN jobId, taskName, progress, status");
    }

    /** Waits until gds.listProgress() shows the endless training in a row that passes {@code test}. */
    private static Map<String, Object> awaitProgress(java.util.function.Predicate<Map<String, Object>> test)
            throws InterruptedException {
        return awaitProgress("endless", test);
    }

    /** Waits until gds.listProgress() shows the training of {@code model} in a row that passes {@code test}. */
    private static Map<String, Object> awaitProgress(String model, java.util.function.Predicate<Map<String, Object>> test)
            throws InterruptedException {
        List<Map<String, Object>> seen = List.of();
        for (int attempt = 0; attempt < 400; attempt++) {
            seen = spikeJobs();
            for (Map<String, Object> row : seen) {
                if (row.get("taskName").equals("spike.train '" + model + "'") && test.test(row)) {
                    return row;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("gds.listProgress() never showed the training as expected; last rows: " + seen);
    }

    private static String awaitTransaction() throws InterruptedException {
        return awaitTransaction("'endless'");
    }

    /** Waits for the spike.train call whose query contains {@code marker} and returns its transaction id. */
    private static String awaitTransaction(String marker) throws InterruptedException {
        for (int attempt = 0; attempt < 200; attempt++) {
            List<Map<String, Object>> rows = db.rows("SHOW TRANSACTIONS YIELD transactionId, currentQuery "
                    + "WHERE currentQuery CONTAINS $marker AND currentQuery CONTAINS 'spike.train' "
                    + "AND NOT currentQuery CONTAINS 'SHOW TRANSACTIONS' RETURN transactionId", Map.of("marker", marker));
            if (!rows.isEmpty()) {
                return (String) rows.get(0).get("transactionId");
            }
            Thread.sleep(50);
        }
        throw new AssertionError("spike.train never showed up in SHOW TRANSACTIONS");
    }

    private static Throwable awaitFailure(CompletableFuture<Void> training) throws Exception {
        try {
            training.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("spike.train finished instead of stopping");
    }

    private static void awaitNoWorkerThreads() throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            if (Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("spike-worker-"))) {
                return;
            }
            Thread.sleep(50);
        }
        List<String> left = Thread.getAllStackTraces().keySet().stream()
                .map(Thread::getName).filter(name -> name.startsWith("spike-worker-")).toList();
        throw new AssertionError("worker threads still alive: " + left);
    }

    private static String rootMessage(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
            if (t.getCause() == t) {
                break;
            }
        }
        return messages.toString();
    }
}
