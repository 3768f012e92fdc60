package dev.spike.cypher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The scripts of {@code cypher/} reject an invalid name parameter, an empty graph and a model without
 * recommendations. Each message names what is missing and what to run first, and the script writes
 * nothing.
 */
class ScriptPreconditionTest {

    /** Values of a name parameter that each script rejects with its own message. */
    private static final List<Object> INVALID_NAMES = Arrays.asList(null, "", " ", "\t\n");

    /** The configuration parameters of register.cypher, each with the procedure it configures. */
    private static final Map<String, String> CONFIGURATIONS = Map.of(
            "profileConfiguration", "spike.profile.write",
            "trainConfiguration", "spike.train",
            "recommendConfiguration", "spike.recommend.write");

    /** The label and relationship type names that the projection statement of register.cypher uses. */
    private static final Map<String, Object> PROJECTED_NAMES = Map.of(
            "userLabel", "User", "itemLabel", "Item", "entityLabel", "Entity", "interactionType", "RATED");

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
                Map<String, Object> parameters = registerParameters();
                parameters.put(name, value);

                String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

                assertTrue(message.contains("parameter " + name + " is missing, blank or not a string"), message);
                assertTrue(message.contains(":param " + name + " => 'spike'"), message);
            }
        }
        assertEquals(jobsBefore, countJobs(db));
    }

    /** A blank graphName fails at registration, because a run would regenerate every profile before failing on it. */
    @Test
    void registerBlankGraphNameFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);
        Map<String, Object> parameters = registerParameters();
        parameters.put("graphName", " ");

        String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

        assertTrue(message.contains("parameter graphName is missing, blank or not a string (found \" \")"), message);
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void registerFloatIntervalGetsIntegerHint() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);
        Map<String, Object> parameters = registerParameters();
        parameters.put("interval", 86400.0);

        String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

        assertTrue(message.contains("interval must be a whole number of seconds, at least 1; found 86400.0"), message);
        assertTrue(message.contains("Send it as an integer: neo4j.int(86400) with the JavaScript driver, "
                + "or toInteger(...) in Cypher"), message);
        assertEquals(jobsBefore, countJobs(db));

        for (Object value : Arrays.asList(0, null)) {
            parameters.put("interval", value);
            message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);
            assertTrue(message.endsWith("found " + value), message);
        }
    }

    @Test
    void registerInvalidConfigurationFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);

        for (String name : CONFIGURATIONS.keySet()) {
            for (Object value : Arrays.asList(null, 5, "{}", List.of())) {
                Map<String, Object> parameters = registerParameters();
                parameters.put(name, value);

                String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

                assertTrue(message.contains("parameter " + name + " is missing or not a map"), message);
                assertTrue(message.contains(":param " + name + " => {}"), message);
            }
        }
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void registerInvalidReplaceFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> parameters = registerParameters();
        parameters.put("replace", null);

        String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

        assertTrue(message.contains("parameter replace is missing or not true or false"), message);
        assertTrue(message.contains(":param replace => false"), message);
    }

    /**
     * A string for the boolean replace or the integer interval fails with Neo4j's own type error
     * before the script's checks run, while null reaches them.
     */
    @Test
    void registerWrongParameterTypeFailsInNeo4j() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);

        for (Map.Entry<String, Object> wrong : Map.<String, Object>of("replace", "yes", "interval", "5").entrySet()) {
            Map<String, Object> parameters = registerParameters();
            parameters.put(wrong.getKey(), wrong.getValue());

            String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

            assertTrue(message.startsWith("Type mismatch for parameter '" + wrong.getKey() + "'"), message);
            assertFalse(message.contains("spike refresh:"), message);
        }
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void registerUnknownConfigurationKeyFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);

        CONFIGURATIONS.forEach((name, procedure) -> {
            Map<String, Object> parameters = registerParameters();
            parameters.put(name, Map.of("noSuchKey", 1));

            String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

            assertTrue(message.contains(name + " has keys that the job cannot pass to " + procedure + ": [noSuchKey]"),
                    message);
            assertTrue(message.contains("Valid keys: ["), message);
        });
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void registerKeysSetByJobFail() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);
        Map<String, Map<String, Object>> cases = Map.of(
                "trainConfiguration", Map.of("modelName", "other"),
                "recommendConfiguration", Map.of("modelName", "other"));

        cases.forEach((name, configuration) -> {
            Map<String, Object> parameters = registerParameters();
            parameters.put(name, configuration);

            String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

            assertTrue(message.contains(name + " has keys that the job cannot pass to"), message);
            assertTrue(message.contains(": [modelName]. The job sets modelName"), message);
        });
        Map<String, Object> parameters = registerParameters();
        parameters.put("trainConfiguration", Map.of("overwrite", false));
        String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);
        assertTrue(message.contains("spike.train: [overwrite]"), message);
        assertEquals(jobsBefore, countJobs(db));
    }

    /**
     * Compares the keys register.cypher accepts, as its error for an unknown key lists them, with
     * the keys each procedure accepts, as the procedure's own error lists them, less the keys that
     * the job sets itself.
     */
    @Test
    void registerKeyListsMatchProcedures() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, String> unknownKeyCalls = Map.of(
                "spike.profile.write", "CALL spike.profile.write({unknownKey: 1})",
                "spike.train", "CALL spike.train('g', {modelName: 'm', unknownKey: 1})",
                "spike.recommend.write", "CALL spike.recommend.write('', {modelName: 'm', unknownKey: 1})");
        Map<String, Set<String>> setByJob = Map.of(
                "spike.profile.write", Set.of(),
                "spike.train", Set.of("modelName", "overwrite"),
                "spike.recommend.write", Set.of("modelName"));

        CONFIGURATIONS.forEach((name, procedure) -> {
            String procedureMessage = Errors.messageOf(db, unknownKeyCalls.get(procedure), Map.of());
            Set<String> expected = new TreeSet<>(validKeys(procedureMessage, ""));
            expected.removeAll(setByJob.get(procedure));

            Map<String, Object> parameters = registerParameters();
            parameters.put(name, Map.of("unknownKey", 1));
            String scriptMessage = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);
            Set<String> accepted = new TreeSet<>(validKeys(scriptMessage, "["));

            assertEquals(expected, accepted, name + " in register.cypher");
        });
    }

    /**
     * Sets each key of profileConfiguration and trainConfiguration that names a label or the
     * interaction type to another name, and expects registration to reject it, because the job's
     * projection statement is fixed. The keys come from each procedure's own list of valid keys, so a
     * new naming key fails here until the script checks it.
     */
    @Test
    void registerOtherProjectionNamesFail() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);
        Map<String, String> unknownKeyCalls = Map.of(
                "profileConfiguration", "CALL spike.profile.write({unknownKey: 1})",
                "trainConfiguration", "CALL spike.train('g', {modelName: 'm', unknownKey: 1})");

        unknownKeyCalls.forEach((name, call) -> {
            List<String> namingKeys = validKeys(Errors.messageOf(db, call, Map.of()), "").stream()
                    .filter(key -> key.endsWith("Label") || key.endsWith("Type"))
                    .toList();
            assertEquals(new TreeSet<>(PROJECTED_NAMES.keySet()), new TreeSet<>(namingKeys), name);

            for (String key : namingKeys) {
                Map<String, Object> parameters = registerParameters();
                parameters.put(name, Map.of(key, "Other"));

                String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

                assertTrue(message.contains("spike refresh: " + name + " sets " + key + ": \"Other\", but the job "
                        + "projects :User, :Item and :Entity nodes and RATED relationships"), message);
                assertTrue(message.contains("needs its own copy of cypher/schedule/register.cypher, with the "
                        + "projection statement in the job's steps and the projectedNames map of this check edited"),
                        message);
            }

            // The procedures reject a null name, so registration does too.
            Map<String, Object> withNull = new HashMap<>();
            withNull.put("itemLabel", null);
            Map<String, Object> parameters = registerParameters();
            parameters.put(name, withNull);
            String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);
            assertTrue(message.contains("spike refresh: " + name + " sets itemLabel: null, but the job projects"),
                    message);
        });
        assertEquals(jobsBefore, countJobs(db));
    }

    /** The names the job projects pass the check, as does kgRelationshipTypes, and the script goes on to the model name. */
    @Test
    void registerProjectedNamesPass() {
        EmbeddedNeo4j db = SharedDbms.get();
        long jobsBefore = countJobs(db);
        Map<String, Object> configuration = new HashMap<>(PROJECTED_NAMES);
        configuration.put("kgRelationshipTypes", List.of("HAS_GENRE"));
        Map<String, Object> parameters = registerParameters();
        parameters.put("profileConfiguration", configuration);
        parameters.put("trainConfiguration", configuration);
        parameters.put("modelName", "bad name");

        String message = Errors.messageOf(db, loadStatement("schedule/register.cypher"), parameters);

        assertTrue(message.startsWith("spike.model.list: invalid model name 'bad name'."), message);
        assertEquals(jobsBefore, countJobs(db));
    }

    @Test
    void evaluateInvalidNamesFail() {
        EmbeddedNeo4j db = SharedDbms.get();

        for (String script : List.of("evaluate.cypher", "evaluate-popularity.cypher")) {
            assertInvalidNamesRejected(db, script, "modelName", Map.of("graphName", "spike"));
            assertNullGraphNameRejected(db, script, Map.of("modelName", "spike"));
        }
    }

    @Test
    void recommendInvalidNamesFail() {
        EmbeddedNeo4j db = SharedDbms.get();
        long recommendationsBefore = countRecommendations(db);

        assertInvalidNamesRejected(db, "recommend.cypher", "modelName", Map.of("graphName", "spike"));
        assertNullGraphNameRejected(db, "recommend.cypher", Map.of("modelName", "spike"));

        assertEquals(recommendationsBefore, countRecommendations(db));
    }

    @Test
    void emptyGraphNamePassesCheck() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> parameters = Map.of("graphName", "", "modelName", "no-such-model");

        for (String script : List.of("evaluate.cypher", "evaluate-popularity.cypher", "recommend.cypher")) {
            String message = Errors.messageOf(db, firstStatement(script), parameters);

            // The procedure, not the script's check, rejects the call: '' means no projection.
            assertTrue(message.contains("model 'no-such-model' not found"), script + ": " + message);
        }
    }

    @Test
    void trainInvalidParametersFail() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> valid = Map.of("graphName", "train-check", "modelName", "train-check",
                "profiles", false, "epochs", 1, "seed", 1, "patience", 0, "layers", 1);

        for (String name : List.of("graphName", "modelName")) {
            Map<String, Object> others = new HashMap<>(valid);
            others.remove(name);
            assertInvalidNamesRejected(db, "train.cypher", name, others);
        }

        Map<String, Object> parameters = new HashMap<>(valid);
        parameters.put("profiles", null);
        String message = Errors.messageOf(db, loadStatement("train.cypher"), parameters);
        assertTrue(message.contains("parameter profiles is missing or not true or false (found null)"), message);
        parameters.put("profiles", "true");
        message = Errors.messageOf(db, loadStatement("train.cypher"), parameters);
        assertTrue(message.contains("parameter profiles is missing or not true or false (found \"true\")"), message);

        for (String name : List.of("epochs", "seed", "patience", "layers")) {
            for (Object value : Arrays.asList(null, 1.5, "40")) {
                parameters = new HashMap<>(valid);
                parameters.put(name, value);

                message = Errors.messageOf(db, loadStatement("train.cypher"), parameters);

                assertTrue(message.contains("parameters [" + name + "] are missing or not whole numbers"),
                        name + " = " + value + ": " + message);
            }
        }
        assertEquals(0, Scripts.count(db, "CALL spike.model.list('train-check') YIELD modelName RETURN count(*)"));
    }

    @Test
    void trainFloatCountsGetIntegerHint() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> parameters = new HashMap<>(Map.of("graphName", "train-check", "modelName", "train-check",
                "profiles", false, "epochs", 40.0, "seed", 42.0, "patience", 0, "layers", 1));

        String message = Errors.messageOf(db, loadStatement("train.cypher"), parameters);

        assertTrue(message.contains("parameters [epochs, seed] are missing or not whole numbers"), message);
        assertTrue(message.contains("Send them as integers: neo4j.int(40) with the JavaScript driver, "
                + "or toInteger(...) in Cypher"), message);

        parameters.put("epochs", 40);
        parameters.put("seed", null);
        message = Errors.messageOf(db, loadStatement("train.cypher"), parameters);
        assertTrue(message.contains("parameters [seed] are missing or not whole numbers"), message);
        assertFalse(message.contains("neo4j.int"), message);
        assertEquals(0, Scripts.count(db, "CALL spike.model.list('train-check') YIELD modelName RETURN count(*)"));
    }

    @Test
    void cancelInvalidModelNameFails() {
        assertInvalidNamesRejected(SharedDbms.get(), "schedule/cancel.cypher", "modelName");
    }

    @Test
    void nonStringNameFails() {
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, Object> registerParameters = registerParameters();
        registerParameters.put("modelName", 5);
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

    /** Returns the first statement of a script, the one that checks the script's parameters. */
    private static String firstStatement(String script) {
        return CypherScript.load(script).statements().get(0).text();
    }

    /** Returns valid register.cypher parameters, in a map that a test may change. */
    private static Map<String, Object> registerParameters() {
        return new HashMap<>(Map.of("interval", 60, "modelName", "name-check", "graphName", "name-check",
                "profileConfiguration", Map.of(), "trainConfiguration", Map.of(), "recommendConfiguration", Map.of(),
                "replace", false));
    }

    /** Reads the key list after "Valid keys: " in an error message, written as "a, b" or "[a, b]". */
    private static List<String> validKeys(String message, String listStart) {
        int at = message.indexOf("Valid keys: " + listStart);
        assertTrue(at >= 0, message);
        String list = message.substring(at + "Valid keys: ".length() + listStart.length());
        int end = listStart.isEmpty() ? list.lastIndexOf('.') : list.indexOf(']');
        return List.of(list.substring(0, end).split(", "));
    }

    /** Runs a script with each invalid value of its one name parameter and checks the message. */
    private static void assertInvalidNamesRejected(EmbeddedNeo4j db, String script, String name) {
        assertInvalidNamesRejected(db, script, name, Map.of());
    }

    /** Runs a script with each invalid value of one name parameter, and valid other parameters. */
    private static void assertInvalidNamesRejected(EmbeddedNeo4j db, String script, String name,
            Map<String, Object> otherParameters) {
        for (Object value : INVALID_NAMES) {
            Map<String, Object> parameters = new HashMap<>(otherParameters);
            parameters.putAll(parametersWith(name, value));

            String message = Errors.messageOf(db, firstStatement(script), parameters);

            assertTrue(message.contains("parameter " + name + " is missing, blank or not a string"),
                    script + ": " + message);
            assertTrue(message.contains(":param " + name + " => 'spike'"), script + ": " + message);
        }
    }

    /** Checks that a script that accepts graphName '' still rejects a null graphName. */
    private static void assertNullGraphNameRejected(EmbeddedNeo4j db, String script, Map<String, Object> otherParameters) {
        Map<String, Object> parameters = new HashMap<>(otherParameters);
        parameters.put("graphName", null);

        String message = Errors.messageOf(db, firstStatement(script), parameters);

        assertTrue(message.contains("parameter graphName is missing or not a string (found null)"), script + ": " + message);
        assertTrue(message.contains(":param graphName => 'spike', or to ''"), script + ": " + message);
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

    private static long countRecommendations(EmbeddedNeo4j db) {
        return Scripts.count(db, "MATCH ()-[r:RECOMMENDED]->() RETURN count(r)");
    }

    private static long countJobs(EmbeddedNeo4j db) {
        return Scripts.count(db, "CALL apoc.periodic.list() YIELD name RETURN count(name)");
    }
}
