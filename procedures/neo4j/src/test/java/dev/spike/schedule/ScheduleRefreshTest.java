package dev.spike.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.spike.cypher.CypherScript;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The scheduled refresh of cypher/schedule/: registered with a 2-second interval on a small graph,
 * a run rewrites the recommendations, registering again needs replace: true, a failing run leaves
 * the recommendations in place and is recorded, and cancelling removes the job.
 */
class ScheduleRefreshTest {

    private static final String JOB = "spike-refresh-refresh";
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(3);

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void smallGraph() {
        db = SharedDbms.reset();
        DemoGraph.dropModels(db);
        db.rows("MATCH (s:SpikeRefresh) DELETE s");
        db.rows("UNWIND range(0, 29) AS id CREATE (:User {id: id})");
        db.rows("UNWIND range(0, 39) AS id CREATE (:Item {id: id, title: 'Film ' + id, year: 1990 + id % 20})");
        db.rows("UNWIND range(0, 3) AS id CREATE (:Entity:Genre {name: 'Genre ' + id})");
        db.rows("MATCH (i:Item), (g:Genre) WHERE g.name = 'Genre ' + (i.id % 4) CREATE (i)-[:HAS_GENRE]->(g)");
        db.rows("MATCH (u:User), (i:Item) WHERE i.id % 4 = u.id % 4 AND (i.id + u.id) % 3 <> 0 "
                + "CREATE (u)-[:RATED {rating: 4.0, timestamp: i.id}]->(i)");
    }

    @AfterAll
    static void cancelJob() {
        db.rows("CALL apoc.periodic.cancel($name)", Map.of("name", JOB));
        db.rows("MATCH (s:SpikeRefresh) DELETE s");
    }

    @Test
    void refreshRewritesThenSurvivesFailureThenCancels() {
        boolean profilesRegistered = Scripts.count(db,
                "SHOW PROCEDURES YIELD name WHERE name = 'spike.profile.write' RETURN count(*)") == 1;
        assumeTrue(profilesRegistered, "spike.profile.write is not registered");

        assertEquals(false, register(Map.of("profiles", false, "epochs", 2, "embeddingDim", 8, "patience", 0, "seed", 1,
                "concurrency", 1), false));
        Map<String, Object> job = job();
        assertEquals(2L, job.get("rate"));
        assertEquals(false, job.get("done"));

        long firstRuns = waitForRun("succeeded", 0);
        List<Object> firstCreatedAt = createdAt();
        assertFalse(firstCreatedAt.isEmpty());
        assertEquals(90, Scripts.count(db, "MATCH (:User)-[r:RECOMMENDED {model: 'refresh'}]->() RETURN count(r)"));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) AND n.profile IS NULL "
                + "RETURN count(n)"));
        assertEquals(1, Scripts.count(db, "CALL gds.graph.list('refresh') YIELD graphName RETURN count(*)"));

        waitForRun("succeeded", firstRuns);
        List<Object> secondCreatedAt = createdAt();
        assertNotEquals(firstCreatedAt, secondCreatedAt);

        // Registering the name again fails without replace: true and leaves the job scheduled.
        String message = Errors.messageOf(db, CypherScript.load("schedule/register.cypher").statements().get(0).text(),
                registerParameters(Map.of("profiles", false, "epochs", 0), false));
        assertTrue(message.contains("a job named '" + JOB + "' is already registered"), message);
        assertTrue(message.contains(":param replace => true"), message);
        assertEquals(false, job().get("done"));

        // With replace: true it replaces the job. Registration checks the keys, not their values, so
        // spike.train rejects epochs: 0 in each run.
        assertEquals(true, register(Map.of("profiles", false, "epochs", 0), true));
        long failedRuns = waitForRun("failed", 0);
        List<Object> keptCreatedAt = createdAt();
        long kept = Scripts.count(db, "MATCH ()-[r:RECOMMENDED {model: 'refresh'}]->() RETURN count(r)");
        waitForRun("failed", failedRuns);

        Map<String, Object> status = status();
        assertEquals(keptCreatedAt, createdAt());
        assertEquals(kept, Scripts.count(db, "MATCH ()-[r:RECOMMENDED {model: 'refresh'}]->() RETURN count(r)"));
        assertEquals(90, kept);
        assertTrue(String.valueOf(status.get("lastError")).contains("spike.train: configuration key `epochs` is 0"),
                String.valueOf(status.get("lastError")));
        assertTrue((Long) status.get("failures") >= 2, status.toString());
        assertEquals(false, job().get("done"), "a failed run must not end the job");
        assertRunTimesAfterWrites();

        List<Map<String, Object>> cancelled = run("schedule/cancel.cypher", Map.of("modelName", "refresh"));
        assertEquals(JOB, cancelled.get(0).get("name"));
        assertEquals(0, Scripts.count(db, "CALL apoc.periodic.list() YIELD name WHERE name = '" + JOB
                + "' RETURN count(*)"));
    }

    @Test
    void jobProjectsWithProjectionScript() {
        String projection = collapse(CypherScript.load("projection.cypher").statements().get(0).text());
        String shared = projection.substring(projection.indexOf("MATCH (source)"), projection.indexOf(" AS graph") + 9);
        String register = collapse(CypherScript.load("schedule/register.cypher").statements().get(0).text());

        assertTrue(register.contains(shared), "register.cypher no longer projects as projection.cypher does");
    }

    @Test
    void badIntervalOrModelNameFailsAtRegistration() {
        Map<String, Object> parameters = new HashMap<>(Map.of("interval", 0, "modelName", "refresh-check",
                "graphName", "refresh-check", "profileConfiguration", Map.of(), "trainConfiguration", Map.of(),
                "recommendConfiguration", Map.of(), "replace", false));
        String text = CypherScript.load("schedule/register.cypher").statements().get(0).text();

        assertTrue(Errors.messageOf(db, text, parameters).contains("spike refresh: interval must be a whole number "
                + "of seconds, at least 1; found 0"));
        parameters.put("interval", 60);
        parameters.put("modelName", "bad name");
        assertTrue(Errors.messageOf(db, text, parameters).startsWith("spike.model.list: invalid model name 'bad "
                + "name'."));
        assertEquals(0, db.rows("CALL apoc.periodic.list() YIELD name WHERE name STARTS WITH 'spike-refresh-b' "
                + "OR name = 'spike-refresh-refresh-check' RETURN name").size());
    }

    private static String collapse(String text) {
        return text.replaceAll("\\s+", " ");
    }

    /** Registers the job and returns the script's {@code replaced} column. */
    private static Object register(Map<String, Object> trainConfiguration, boolean replace) {
        List<Map<String, Object>> rows = run("schedule/register.cypher", registerParameters(trainConfiguration, replace));
        assertEquals(JOB, rows.get(0).get("name"));
        return rows.get(0).get("replaced");
    }

    private static Map<String, Object> registerParameters(Map<String, Object> trainConfiguration, boolean replace) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put("interval", 2);
        parameters.put("modelName", "refresh");
        parameters.put("graphName", "refresh");
        parameters.put("profileConfiguration", Map.of());
        parameters.put("trainConfiguration", trainConfiguration);
        parameters.put("recommendConfiguration", Map.of("topK", 3));
        parameters.put("replace", replace);
        return parameters;
    }

    /**
     * Checks that lastSucceededAt is not earlier than the model and the recommendations that the
     * last successful run wrote, and that lastRunAt, the end of a later failed run, is later still.
     * Called while every run fails, so the model and its recommendations no longer change.
     */
    private static void assertRunTimesAfterWrites() {
        Map<String, Object> times = db.rows("""
                MATCH (s:SpikeRefresh {name: $name})
                CALL spike.model.list('refresh') YIELD createdAt AS trainedAt
                MATCH ()-[r:RECOMMENDED {model: 'refresh'}]->()
                WITH s, trainedAt, max(r.createdAt) AS writtenAt
                RETURN s.lastSucceededAt >= trainedAt AS succeededAfterTraining,
                       s.lastSucceededAt >= writtenAt AS succeededAfterWriting,
                       s.lastRunAt > s.lastSucceededAt AS failedRunLater,
                       toString(s.lastSucceededAt) + ', model ' + toString(trainedAt)
                           + ', recommendations ' + toString(writtenAt) AS summary
                """, Map.of("name", JOB)).get(0);
        String summary = String.valueOf(times.get("summary"));

        assertEquals(true, times.get("succeededAfterTraining"), summary);
        assertEquals(true, times.get("succeededAfterWriting"), summary);
        assertEquals(true, times.get("failedRunLater"), summary);
    }

    private static Map<String, Object> job() {
        return db.rows("CALL apoc.periodic.list() YIELD name, rate, done, cancelled WHERE name = $name "
                + "RETURN rate, done, cancelled", Map.of("name", JOB)).get(0);
    }

    private static Map<String, Object> status() {
        List<Map<String, Object>> rows = db.rows("MATCH (s:SpikeRefresh {name: $name}) RETURN s.runs AS runs, "
                + "s.failures AS failures, s.lastStatus AS lastStatus, s.lastError AS lastError", Map.of("name", JOB));
        return rows.isEmpty() ? Map.of("runs", 0L) : rows.get(0);
    }

    /** Waits for a run after the first {@code runsBefore} that ended with the status, and returns the run count. */
    private static long waitForRun(String lastStatus, long runsBefore) {
        long[] runs = new long[1];
        waitUntil(() -> {
            Map<String, Object> status = status();
            runs[0] = (Long) status.get("runs");
            return runs[0] > runsBefore && lastStatus.equals(status.get("lastStatus"));
        }, "a " + lastStatus + " run after run " + runsBefore + "; status " + status());
        return runs[0];
    }

    private static List<Object> createdAt() {
        return db.rows("MATCH ()-[r:RECOMMENDED {model: 'refresh'}]->() RETURN DISTINCT r.createdAt AS createdAt "
                + "ORDER BY createdAt").stream().map(row -> row.get("createdAt")).toList();
    }

    private static List<Map<String, Object>> run(String script, Map<String, Object> parameters) {
        List<CypherScript.Statement> statements = CypherScript.load(script).statements();
        assertEquals(1, statements.size());
        return db.rows(statements.get(0).text(), parameters);
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + RUN_TIMEOUT + " waiting for " + what);
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }
}
