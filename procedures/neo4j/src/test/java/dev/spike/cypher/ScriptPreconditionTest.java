package dev.spike.cypher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The scripts of {@code cypher/} reject an invalid name parameter, an empty graph and a model without
 * recommendations. Each message names what is missing and what to run first, and the script writes
 * nothing.
 */
class ScriptPreconditionTest {

    /** Values of a name parameter that each script rejects with its own message. */
    private static final List<Object> INVALID_NAMES = Arrays.asList(null, "");

    @Test
    void apocValidateRaisesFormattedMessage() {
        EmbeddedNeo4j db = SharedDbms.get();

        String message = Errors.messageOf(db, "CALL apoc.util.validate(true, 'bad value %s', ['x']) RETURN 1",
                Map.of());

        assertEquals("bad value x", message);
    }

    @Test
    void explainUnknownModelFails() {
        EmbeddedNeo4j db = SharedDbms.reset();
        DemoGraph.dropModels(db);

        String message = Errors.messageOf(db, loadStatement("explain.cypher"), Map.of("modelName", "no-such-model"));

        assertTrue(message.contains("model 'no-such-model' not found"), message);
        assertTrue(message.contains("CALL spike.model.list()"), message);
    }

    @Test
    void explainModelWithoutRecommendationsFails() {
        EmbeddedNeo4j db = SharedDbms.reset();
        DemoGraph.dropModels(db);
        db.rows("""
                CREATE (u0:User {id: 0}), (u1:User {id: 1}), (i0:Item {id: 0}), (i1:Item {id: 1}), (i2:Item {id: 2}),
                       (u0)-[:RATED]->(i0), (u0)-[:RATED]->(i1), (u1)-[:RATED]->(i1), (u1)-[:RATED]->(i2)
                """);
        Scripts.run(db, "projection.cypher", Map.of("graphName", "unexplained"));
        db.rows("CALL spike.train('unexplained', {modelName: 'unexplained', profiles: false, epochs: 1, "
                + "embeddingDim: 8, patience: 0, seed: 1})");

        String message = Errors.messageOf(db, loadStatement("explain.cypher"), Map.of("modelName", "unexplained"));

        assertTrue(message.contains("model 'unexplained' has no RECOMMENDED relationship"), message);
        assertTrue(message.contains("cypher/recommend.cypher"), message);
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RECOMMENDED]->() RETURN count(r)"));
    }

    @Test
    void explainInvalidModelNameFails() {
        assertInvalidNamesRejected(SharedDbms.get(), "explain.cypher", "modelName");
    }

    @Test
    void projectionOnEmptyGraphFails() {
        EmbeddedNeo4j db = SharedDbms.reset();

        String message = Errors.messageOf(db, loadStatement("projection.cypher"), Map.of("graphName", "empty"));

        assertTrue(message.contains("found 0 :User nodes, 0 :Item nodes and no training interaction"), message);
        assertTrue(message.contains("cypher/demo/load.cypher"), message);
        assertEquals(0, countProjections(db));
    }

    @Test
    void projectionWithoutTrainingInteractionsFails() {
        EmbeddedNeo4j db = SharedDbms.reset();
        db.rows("CREATE (:User {id: 0})-[:RATED {split: 'test'}]->(:Item {id: 0})");

        String message = Errors.messageOf(db, loadStatement("projection.cypher"), Map.of("graphName", "test-only"));

        assertTrue(message.contains("found 1 :User nodes, 1 :Item nodes and no training interaction"), message);
        assertEquals(0, countProjections(db));
    }

    @Test
    void projectionInvalidGraphNameFails() {
        EmbeddedNeo4j db = SharedDbms.reset();
        db.rows("CREATE (:User {id: 0})-[:RATED]->(:Item {id: 0})");

        assertInvalidNamesRejected(db, "projection.cypher", "graphName");

        assertEquals(0, countProjections(db));
    }

    @Test
    void profilesWithoutItemsFails() {
        EmbeddedNeo4j db = SharedDbms.reset();
        db.rows("CREATE (:User {id: 0})");

        String message = Errors.messageOf(db, loadStatement("profiles.cypher"), Map.of());

        assertTrue(message.contains("found no :Item nodes"), message);
        assertTrue(message.contains("cypher/demo/load.cypher"), message);
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL OR n.profileEmbedding IS NOT NULL "
                + "RETURN count(n)"));
    }

    @Test
    void registerInvalidNamesFail() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);

        for (String name : List.of("modelName", "graphName")) {
            for (Object value : INVALID_NAMES) {
                Map<String, Object> parameters = new HashMap<>(Map.of("interval", 60, "modelName", "name-check",
                        "graphName", "name-check", "profileConfiguration", Map.of(), "trainConfiguration", Map.of(),
                        "recommendConfiguration", Map.of()));
                parameters.put(name, value);

                String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

                assertTrue(message.contains("parameter " + name + " is missing, empty or not a string"), message);
                assertTrue(message.contains(":param " + name + " => 'spike'"), message);
            }
        }
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void cancelInvalidModelNameFails() {
        assertInvalidNamesRejected(SharedDbms.get(), "schedule/cancel.cypher", "modelName");
    }

    @Test
    void nonStringNameFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> registerParameters = new HashMap<>(Map.of("interval", 60, "modelName", 5,
                "graphName", "name-check", "profileConfiguration", Map.of(), "trainConfiguration", Map.of(),
                "recommendConfiguration", Map.of()));
        Map<String, Map<String, Object>> cases = Map.of(
                "explain.cypher", Map.of("modelName", 5),
                "projection.cypher", Map.of("graphName", 5),
                "schedule/register.cypher", registerParameters,
                "schedule/cancel.cypher", Map.of("modelName", 5));

        cases.forEach((script, parameters) -> {
            String message = Errors.messageOf(db, loadStatement(script), parameters);
            String name = script.equals("projection.cypher") ? "graphName" : "modelName";

            // Where Cypher infers the parameter's type, it rejects the value before the script's own check runs.
            assertTrue(message.contains(name), script + ": " + message);
            assertTrue(message.toLowerCase(Locale.ROOT).contains("string"), script + ": " + message);
        });
    }

    private static String loadStatement(String script) {
        List<CypherScript.Statement> statements = CypherScript.load(script).statements();
        assertEquals(1, statements.size(), script);
        return statements.get(0).text();
    }

    /** Runs a script with each invalid value of its one name parameter and checks the message. */
    private static void assertInvalidNamesRejected(EmbeddedNeo4j db, String script, String name) {
        for (Object value : INVALID_NAMES) {
            String message = Errors.messageOf(db, loadStatement(script), parametersWith(name, value));

            assertTrue(message.contains("parameter " + name + " is missing, empty or not a string"),
                    script + ": " + message);
            assertTrue(message.contains(":param " + name + " => 'spike'"), script + ": " + message);
        }
    }

    /** Builds a parameter map with one entry, whose value may be null (Map.of rejects null values). */
    private static Map<String, Object> parametersWith(String name, Object value) {
        Map<String, Object> parameters = new HashMap<>();
        parameters.put(name, value);
        return parameters;
    }

    private static long countProjections(EmbeddedNeo4j db) {
        return Scripts.count(db, "CALL gds.graph.list() YIELD graphName RETURN count(graphName)");
    }

    private static long countJobs(EmbeddedNeo4j db) {
        return Scripts.count(db, "CALL apoc.periodic.list() YIELD name RETURN count(name)");
    }
}
