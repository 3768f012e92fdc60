package dev.spike.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TrainProcTest {

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void load() {
        db = DemoGraph.load();
        DemoGraph.project(db, "train-test");
    }

    @BeforeEach
    void noModels() {
        DemoGraph.dropModels(db);
    }

    private static Map<String, Object> train(Map<String, Object> configuration) {
        return db.rows("CALL spike.train('train-test', $configuration)", Map.of("configuration", configuration)).get(0);
    }

    private static String error(String graphName, Map<String, Object> configuration) {
        return Errors.messageOf(db, "CALL spike.train($graph, $configuration)",
                Map.of("graph", graphName, "configuration", configuration));
    }

    @Test
    void trainYieldsCountsAndStoresTheModel() {
        Map<String, Object> row = train(Map.of("modelName", "m1", "profiles", false, "epochs", 2, "patience", 0));

        assertEquals("m1", row.get("modelName"));
        assertEquals(2L, row.get("epochs"));
        assertEquals(300L, row.get("userCount"));
        assertEquals(1000L, row.get("itemCount"));
        assertEquals(1000L + Scripts.count(db, "MATCH (e:Entity) RETURN count(e)"), row.get("entityCount"));
        assertEquals(Scripts.count(db, "MATCH (:Item)-[r]->(:Entity) RETURN count(r)"), row.get("kgTripleCount"));
        assertEquals(0L, row.get("validationInteractionCount"));
        assertTrue((Double) row.get("bprLoss") > 0, row.toString());
        assertTrue((Double) row.get("bprLoss") < 1, row.toString());
        List<Map<String, Object>> models = db.rows("CALL spike.model.list()");
        assertEquals(1, models.size());
        assertEquals("m1", models.get(0).get("modelName"));
        assertEquals("train-test", models.get(0).get("graphName"));
        @SuppressWarnings("unchecked")
        List<String> kgTypes = (List<String>) ((Map<String, Object>) row.get("configuration")).get("kgRelationshipTypes");
        List<String> inGraph = db.rows("MATCH (:Item)-[r]->(:Entity) RETURN DISTINCT type(r) AS type").stream()
                .map(type -> (String) type.get("type")).toList();
        assertEquals(new java.util.TreeSet<>(inGraph), new java.util.TreeSet<>(kgTypes),
                "the configuration names the KG types read, not the empty default");
    }

    @Test
    void validationHoldsOutAShareOfEachUser() {
        Map<String, Object> row = train(Map.of("modelName", "m2", "profiles", false, "epochs", 1, "patience", 3,
                "validationFraction", 0.1));

        long validation = (Long) row.get("validationInteractionCount");
        long training = (Long) row.get("interactionCount");
        double share = validation / (double) (validation + training);
        assertTrue(share > 0.08, "validation share " + share);
        assertTrue(share < 0.12, "validation share " + share);
        assertTrue(row.get("validationRecallAt20") instanceof Double, row.toString());
    }

    @Test
    void existingModelNameIsRejected() {
        train(Map.of("modelName", "taken", "profiles", false, "epochs", 1, "patience", 0));

        assertEquals("spike.train: model 'taken' already exists. Drop it with CALL spike.model.drop('taken') "
                + "or pass overwrite: true.", error("train-test", Map.of("modelName", "taken", "profiles", false)));
        Map<String, Object> row = train(Map.of("modelName", "taken", "profiles", false, "epochs", 1, "patience", 0,
                "overwrite", true));
        assertEquals("taken", row.get("modelName"));
    }

    @Test
    void dropRemovesTheModel() {
        train(Map.of("modelName", "gone", "profiles", false, "epochs", 1, "patience", 0));

        assertEquals("gone", db.rows("CALL spike.model.drop('gone')").get(0).get("modelName"));
        assertEquals(List.of(), db.rows("CALL spike.model.list('gone')"));
        assertEquals("spike.model.drop: model 'gone' not found. Train one with spike.train or list the models "
                + "with CALL spike.model.list().", Errors.messageOf(db, "CALL spike.model.drop('gone')", Map.of()));
        assertEquals(List.of(), db.rows("CALL spike.model.drop('gone', false)"));
    }

    @Test
    void listAndDropRejectInvalidNames() {
        train(Map.of("modelName", "kept", "profiles", false, "epochs", 1, "patience", 0));
        String rule = "Use 1 to 64 letters, digits, '_', '.' or '-', starting with a letter, digit or '_'.";

        assertEquals("spike.model.list: invalid model name 'bad name!'. " + rule,
                Errors.messageOf(db, "CALL spike.model.list('bad name!')", Map.of()));
        assertEquals("spike.model.drop: invalid model name 'bad name!'. " + rule,
                Errors.messageOf(db, "CALL spike.model.drop('bad name!', false)", Map.of()));
        assertEquals("spike.model.drop: model name is missing (null). " + rule,
                Errors.messageOf(db, "CALL spike.model.drop(null)", Map.of()));
        train(Map.of("modelName", "dropped", "profiles", false, "epochs", 1, "patience", 0));
        assertEquals("dropped", db.rows("CALL spike.model.drop('dropped', null)").get(0).get("modelName"),
                "null failIfMissing means the default");
        assertEquals("spike.model.drop: model 'dropped' not found. Train one with spike.train or list the models "
                + "with CALL spike.model.list().", Errors.messageOf(db, "CALL spike.model.drop('dropped', null)", Map.of()));
        List<Object> all = db.rows("CALL spike.model.list() YIELD modelName RETURN modelName ORDER BY modelName")
                .stream().map(row -> row.get("modelName")).toList();
        assertTrue(all.contains("kept"), all.toString());
        assertEquals(all, db.rows("CALL spike.model.list(null) YIELD modelName RETURN modelName ORDER BY modelName")
                .stream().map(row -> row.get("modelName")).toList(), "null lists every model, as the default does");
    }

    @Test
    void missingProjectionIsNamed() {
        assertEquals("spike.train: GDS graph projection 'nope' not found in database 'neo4j'. Create it with "
                + "gds.graph.project (see cypher/projection.cypher) or list projections with CALL gds.graph.list().",
                error("nope", Map.of("modelName", "x")));
    }

    @Test
    void missingModelNameIsNamed() {
        assertEquals("spike.train: missing required configuration key `modelName`.", error("train-test", Map.of()));
    }

    @Test
    void unknownKeyListsTheValidKeys() {
        String message = error("train-test", Map.of("modelName", "x", "epoch", 3));
        assertTrue(message.startsWith("spike.train: unknown configuration key [`epoch`]. Valid keys: "), message);
        assertTrue(message.contains("epochs"), message);
    }

    @Test
    void wrongTypeIsNamed() {
        assertEquals("spike.train: configuration key `epochs` must be an integer, got the string 'ten'.",
                error("train-test", Map.of("modelName", "x", "epochs", "ten")));
    }

    @Test
    void profileTextAsEmbeddingIsNamed() {
        String message = error("train-test", Map.of("modelName", "x", "profileProperty", "title", "epochs", 1));

        assertTrue(message.startsWith("spike.train: invalid profile embeddings. Item "), message);
        assertTrue(message.contains("title is a string, expected a list of numbers"), message);
        assertTrue(message.endsWith("profileProperty names the embedding (a list of numbers, 'profileEmbedding' by "
                + "default), not the profile text; name the embedding property instead."), message);
    }

    @Test
    void wholeFloatGetsTheIntegerHint() {
        assertEquals("spike.train: configuration key `layers` must be an integer, got the float 2.0. Send it as an "
                + "integer: neo4j.int(2) with the JavaScript driver, or toInteger(...) in Cypher.",
                error("train-test", Map.of("modelName", "x", "layers", 2.0)));
        assertEquals("spike.train: configuration key `layers` must be an integer, got the float 2.5.",
                error("train-test", Map.of("modelName", "x", "layers", 2.5)));
    }

    @Test
    void outOfRangeHyperparameterIsNamed() {
        assertEquals("spike.train: configuration key `messageDropout` is 1.5, outside the allowed range [0, 1).",
                error("train-test", Map.of("modelName", "x", "messageDropout", 1.5)));
    }

    @Test
    void dropoutOfOneRejected() {
        assertEquals("spike.train: configuration key `kgEdgeDropout` is 1.0, outside the allowed range [0, 1).",
                error("train-test", Map.of("modelName", "x", "kgEdgeDropout", 1.0)));
    }

    @Test
    void learningRateOutsideRange() {
        assertEquals("spike.train: configuration key `learningRate` is 0, outside the allowed range (0, 1].",
                error("train-test", Map.of("modelName", "x", "learningRate", 0L)));
        assertEquals("spike.train: configuration key `learningRate` is 5.0, outside the allowed range (0, 1].",
                error("train-test", Map.of("modelName", "x", "learningRate", 5.0)));
    }

    @Test
    void layerCountFollowsTheModelLimit() {
        Map<String, Object> row = train(Map.of("modelName", "flat", "profiles", false, "epochs", 1, "patience", 0,
                "layers", 0));
        assertEquals(0, ((Number) ((Map<?, ?>) row.get("configuration")).get("layers")).intValue());
        assertTrue((Double) row.get("bprLoss") > 0, row.toString());
        assertEquals(300L * 5, Scripts.count(db,
                "CALL spike.recommend.stream('train-test', {modelName: 'flat', topK: 5}) YIELD score RETURN count(*)"));
        assertEquals("spike.train: configuration key `layers` is 9, outside the allowed range [0, 8].",
                error("train-test", Map.of("modelName", "deep", "layers", 9)));
    }

    @Test
    void headsMustDivideTheEmbeddingSize() {
        String message = error("train-test", Map.of("modelName", "x", "embeddingDim", 30, "heads", 4));
        assertTrue(message.startsWith("spike.train: Invalid heads: 4"), message);
    }

    @Test
    void reversedInteractionsGetOrientationHint() {
        db.rows("CALL gds.graph.project('reversed', ['User', 'Item'], {RATED: {orientation: 'REVERSE'}})");

        String message = error("reversed", Map.of("modelName", "x", "profiles", false));
        db.rows("CALL gds.graph.drop('reversed')");

        assertTrue(message.startsWith("spike.train: the projection has no RATED relationships from User to Item nodes"),
                message);
        assertTrue(message.contains("that run the other way or join other nodes, as after orientation: 'REVERSE'"),
                message);
        assertEquals(0, db.rows("CALL spike.model.list('x')").size());
    }

    @Test
    void missingLabelListsTheProjectionLabels() {
        assertEquals("spike.train: userLabel 'Customer' is not a node label of the projection. Its labels are "
                + "[Entity, Item, User].", error("train-test", Map.of("modelName", "x", "userLabel", "Customer")));
    }

    @Test
    void misspeltEntityLabelListsTheProjectionLabels() {
        assertEquals("spike.train: entityLabel 'Entiti' is not a node label of the projection. Its labels are "
                + "[Entity, Item, User].", error("train-test", Map.of("modelName", "x", "entityLabel", "Entiti")));
        assertEquals(0, db.rows("CALL spike.model.list('x')").size());
    }

    @Test
    void missingTypeListsTheProjectionTypes() {
        assertEquals("spike.train: interactionType 'BOUGHT' is not a relationship type of the projection. Its "
                + "relationship types are [CREATED_BY, HAS_GENRE, HAS_TAG, IN_DECADE, RATED].",
                error("train-test", Map.of("modelName", "x", "interactionType", "BOUGHT")));
    }

    @Test
    void unsafeIdentifierIsRejected() {
        assertEquals("spike.train: configuration key `itemLabel` has the invalid name 'Item`) DETACH DELETE (n'. "
                + "Use ASCII letters (A-Z, a-z), digits and underscores, starting with a letter or underscore (at "
                + "most 128 characters).",
                error("train-test", Map.of("modelName", "x", "itemLabel", "Item`) DETACH DELETE (n")));
    }

    @Test
    void nonAsciiLabelIsRejected() {
        String message = error("train-test", Map.of("modelName", "x", "itemLabel", "Ité"));
        assertTrue(message.startsWith("spike.train: configuration key `itemLabel` has the invalid name 'Ité'. Use "
                + "ASCII letters (A-Z, a-z)"), message);
    }

    @Test
    void blankModelNameIsNamedAsGiven() {
        assertEquals("spike.train: configuration key `modelName` is an empty string. Pass a non-empty string.",
                error("train-test", Map.of("modelName", "")));
        assertEquals("spike.train: configuration key `modelName` is blank ('  '). Pass a non-empty string.",
                error("train-test", Map.of("modelName", "  ")));
        Map<String, Object> withNull = new java.util.HashMap<>();
        withNull.put("modelName", null);
        assertEquals("spike.train: configuration key `modelName` is null, which usually comes from a missing "
                + "parameter. Pass a non-empty string.", error("train-test", withNull));
    }

    @Test
    void blankGraphNameIsNamedAsGiven() {
        String fix = ". Pass the name of a GDS projection, as CALL gds.graph.list() lists them.";
        assertEquals("spike.train: argument `graphName` is null" + fix,
                Errors.messageOf(db, "CALL spike.train(null, {modelName: 'x'})", Map.of()));
        assertEquals("spike.train: argument `graphName` is an empty string" + fix,
                error("", Map.of("modelName", "x")));
        assertEquals("spike.train.estimate: argument `graphName` is null" + fix,
                Errors.messageOf(db, "CALL spike.train.estimate(null, {})", Map.of()));
    }

    @Test
    void concurrencyAndValidationFractionRangesAreNamed() {
        assertEquals("spike.train: configuration key `concurrency` is 1025, outside the allowed range [1, 1024].",
                error("train-test", Map.of("modelName", "x", "concurrency", 1025)));
        assertEquals("spike.train: configuration key `validationFraction` is 0.6, outside the allowed range [0, 0.5].",
                error("train-test", Map.of("modelName", "x", "validationFraction", 0.6)));
        assertEquals("spike.train: configuration key `batchSize` is 10000001, outside the allowed range [1, 10000000].",
                error("train-test", Map.of("modelName", "x", "batchSize", 10_000_001)));
    }

    @Test
    void keyInOtherCaseIsPointedOut() {
        assertEquals("spike.train: missing required configuration key `modelName`. The configuration has "
                + "`modelname`; keys are case-sensitive.", error("train-test", Map.of("modelname", "x")));
    }

    @Test
    void estimateNamesItself() {
        assertTrue(Errors.messageOf(db, "CALL spike.train.estimate('nope', {modelName: 'x'})", Map.of())
                .startsWith("spike.train.estimate: GDS graph projection 'nope' not found"));
    }

    @Test
    void interactionTypeAsKgTypeIsRejected() {
        assertEquals("spike.train: kgRelationshipTypes [RATED] contain the interaction type 'RATED', so interactions "
                + "would be read as KG facts. List only the types between items and entities, or leave the key out "
                + "to use every other type of the projection.",
                error("train-test", Map.of("modelName", "x", "kgRelationshipTypes", List.of("RATED"))));
    }

    @Test
    void invalidModelNameIsRejected() {
        assertEquals("spike.train: invalid model name '../escape'. Use 1 to 64 letters, digits, '_', '.' or '-', "
                + "starting with a letter, digit or '_'.", error("train-test", Map.of("modelName", "../escape")));
    }

    @Test
    void profilesWithoutAnyEmbeddingExplainTheFix() {
        String message = error("train-test", Map.of("modelName", "x", "profileProperty", "noSuchProperty"));
        assertTrue(message.startsWith("spike.train: no user, item or entity of projection 'train-test' has the "
                + "profile property 'noSuchProperty'."), message);
    }

    @Test
    void estimateReportsARange() {
        Map<String, Object> row = db.rows("CALL spike.train.estimate('train-test', {profiles: false})").get(0);

        assertTrue((Long) row.get("bytesMin") > 0);
        assertTrue((Long) row.get("bytesMax") >= (Long) row.get("bytesMin"));
        assertEquals(1470L, row.get("nodeCount"));
        assertTrue(((String) row.get("requiredMemory")).startsWith("["), row.toString());
    }
}
