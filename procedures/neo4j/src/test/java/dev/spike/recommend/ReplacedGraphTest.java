package dev.spike.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelCatalogs;
import dev.spike.catalog.ModelEntry;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * A graph deleted and loaded again gives its new nodes the ids of the old ones, with the same
 * labels, so only the interactions tell that they are other nodes. A model none of whose trained
 * interactions remain must not hand its results to them.
 */
class ReplacedGraphTest {

    private static final String MESSAGE = "user-item pairs that model 'replaced' was trained on, checked by sample, "
            + "still have a RATED relationship between a node labelled User and a node labelled Item";

    private EmbeddedNeo4j db;

    @BeforeEach
    void trainOnTenUsersAndItems() {
        db = SharedDbms.reset();
        db.rows("UNWIND range(0, 9) AS id CREATE (:User {id: id}), (:Item {id: id, title: 'Item ' + id})");
        db.rows("""
                MATCH (u:User), (i:Item) WHERE (u.id + i.id) % 3 = 0 OR u.id = i.id
                CREATE (u)-[:RATED {split: CASE WHEN u.id = i.id THEN 'test' ELSE 'train' END}]->(i)
                """);
        db.rows("CALL gds.graph.project('replaced', ['User', 'Item'], 'RATED')");
        DemoGraph.dropModels(db);
        db.rows("CALL spike.train('replaced', {modelName: 'replaced', profiles: false, epochs: 2, patience: 0})");
        db.rows("CALL gds.graph.drop('replaced')");
    }

    @Test
    void modelCallsFailOnReplacedGraph() {
        // The same ids and labels with other interactions: what a reloaded graph looks like.
        db.rows("MATCH ()-[r:RATED]->() DELETE r");
        db.rows("MATCH (u:User), (i:Item) WHERE (u.id + i.id) % 3 = 1 AND u.id <> i.id "
                + "CREATE (u)-[:RATED {split: 'test'}]->(i)");
        long user = (Long) db.rows("MATCH (u:User {id: 0}) RETURN id(u) AS id").get(0).get("id");
        long item = (Long) db.rows("MATCH (i:Item {id: 1}) RETURN id(i) AS id").get(0).get("id");

        List<String> calls = List.of(
                "CALL spike.recommend.write('', {modelName: 'replaced', topK: 3, writeRelationshipType: 'REPLACED_CHECK'})",
                "CALL spike.recommend.stream('', {modelName: 'replaced', topK: 3})",
                "CALL spike.embeddings.write({modelName: 'replaced', writeProperty: 'replacedEmbedding'})",
                "CALL spike.embeddings.stream({modelName: 'replaced'})",
                "CALL spike.explain($user, $item, {modelName: 'replaced'})",
                "CALL spike.evaluate('', {modelName: 'replaced'})");
        for (String call : calls) {
            String message = Errors.messageOf(db, call, Map.of("user", user, "item", item));
            assertTrue(message.contains(MESSAGE), call + ": " + message);
            assertTrue(message.contains("train the model again"), call + ": " + message);
            assertTrue(message.contains("RATED interactions were deleted, or the graph was loaded again"),
                    call + ": " + message);
        }
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:REPLACED_CHECK]->() RETURN count(r)"));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.replacedEmbedding IS NOT NULL RETURN count(n)"));
    }

    @Test
    void callsFailWithoutInteractions() {
        db.rows("MATCH ()-[r:RATED]->() DELETE r");

        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'replaced', topK: 3})",
                Map.of());

        assertTrue(message.contains(MESSAGE), message);
        assertTrue(message.startsWith("spike.recommend.stream: only 0 of 40 user-item pairs"), message);
    }

    @ParameterizedTest(name = "filtered: {0}")
    @ValueSource(booleans = {false, true})
    void renamedInteractionTypeReadsTheDatabaseType(boolean filtered) {
        // The projected name exists in the database for other relationships, which must not be read.
        db.rows("CREATE (a:ReplacedOther)-[:RENAMED_RATED]->(b:ReplacedOther) DETACH DELETE a, b");
        db.rows("CALL gds.graph.project('renamed-all', ['User', 'Item'], {RENAMED_RATED: {type: 'RATED'}})");
        if (filtered) {
            db.rows("CALL gds.graph.filter('renamed', 'renamed-all', '*', '*')");
            db.rows("CALL gds.graph.drop('renamed-all')");
        } else {
            db.rows("CALL gds.graph.project('renamed', ['User', 'Item'], {RENAMED_RATED: {type: 'RATED'}})");
        }
        db.rows("CALL spike.train('renamed', {modelName: 'renamed', interactionType: 'RENAMED_RATED', "
                + "profiles: false, epochs: 2, patience: 0})");
        db.rows("CALL gds.graph.drop('renamed')");
        db.rows("CALL gds.graph.drop('renamed-all', false)");

        List<Map<String, Object>> rows = db.rows("""
                CALL spike.recommend.stream('', {modelName: 'renamed', topK: 3}) YIELD userId, itemId
                MATCH (user), (item) WHERE id(user) = userId AND id(item) = itemId
                RETURN count(*) AS recommendations, count(CASE WHEN (user)-[:RATED]->(item) THEN 1 END) AS rated
                """);
        // The projection held the test interactions too, which evaluate finds among the RATED ones.
        String evaluating = Errors.messageOf(db, "CALL spike.evaluate('', {modelName: 'renamed'})", Map.of());

        // The model reads the RATED relationships behind its projection's name.
        assertEquals(List.of(Map.of("recommendations", 30L, "rated", 0L)), rows);
        assertTrue(evaluating.contains("at least 10 of the 10 test interactions"), evaluating);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"DERIVED_LIKE", "DERIVED_KNOWN"})
    void derivedInteractionTypeNeedsExcludeInteractedOff(String type) {
        if (type.equals("DERIVED_KNOWN")) {
            // The database uses the derived name for relationships of its own, between other nodes.
            db.rows("CREATE (:ReplacedOther)-[:DERIVED_KNOWN]->(:ReplacedOther)");
        }
        db.rows("""
                MATCH (u:User)-[r:RATED]->(i:Item) WHERE r.split = 'train'
                WITH gds.graph.project('derived', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i),
                                                         relationshipType: $type}) AS graph
                RETURN graph.relationshipCount AS relationships
                """, Map.of("type", type));
        db.rows("CALL spike.train('derived', {modelName: 'derived', interactionType: $type, "
                + "profiles: false, epochs: 2, patience: 0})", Map.of("type", type));
        db.rows("CALL gds.graph.drop('derived')");
        db.rows("MATCH ()-[r:RATED]->() DELETE r");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'derived', topK: 3, "
                + "excludeInteracted: false})").size();
        String excluding = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'derived'})", Map.of());
        String evaluating = Errors.messageOf(db, "CALL spike.evaluate('', {modelName: 'derived'})", Map.of());

        assertEquals(30, recommendations);
        assertTrue(excluding.contains("model 'derived' was trained on " + type + " interactions that are not "
                + "relationships stored in the database") && excluding.contains("Pass excludeInteracted: false"),
                excluding);
        assertTrue(evaluating.contains("spike.evaluate reads the test interactions from the database"), evaluating);
        String explaining = Errors.messageOf(db, "MATCH (u:User {id: 1}), (i:Item {id: 2}) "
                + "CALL spike.explain(u, i, {modelName: 'derived'}) YIELD path RETURN path", Map.of());
        assertTrue(explaining.contains("explanations start from the user's interactions in the database"), explaining);
    }

    @Test
    void renamedUserLabelIsRejected() {
        db.rows("CALL gds.graph.project('relabelled', {Customer: {label: 'User'}, Item: {}}, 'RATED')");

        String message = Errors.messageOf(db, "CALL spike.train('relabelled', {modelName: 'relabelled', "
                + "userLabel: 'Customer', profiles: false, epochs: 1, patience: 0})", Map.of());

        assertEquals("spike.train: userLabel 'Customer' is the name projection 'relabelled' gives to the database "
                + "label 'User'. spike.recommend, spike.evaluate and spike.embeddings find users and items by their "
                + "database labels, so project the label under its own name ({User: {label: 'User'}}) and train with "
                + "userLabel: 'User'.", message);
        assertEquals(List.of(), db.rows("CALL spike.model.list('relabelled')"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ReplacedProduct", "ReplacedTag"})
    void projectionOwnItemLabelIsRejected(String label) {
        // ReplacedProduct is no label of the database; ReplacedTag is the label of other nodes.
        db.rows("CREATE (:ReplacedTag {name: 'tag'})");
        db.rows("""
                MATCH (u:User)-[r:RATED]->(i:Item)
                WITH gds.graph.project('own-labels', u, i, {sourceNodeLabels: ['User'],
                                                            targetNodeLabels: [$label],
                                                            relationshipType: 'RATED'}) AS graph
                RETURN graph.relationshipCount AS relationships
                """, Map.of("label", label));

        String message = Errors.messageOf(db, "CALL spike.train('own-labels', {modelName: 'own-labels', "
                + "itemLabel: $label, profiles: false, epochs: 1, patience: 0})", Map.of("label", label));

        assertTrue(message.startsWith("spike.train: itemLabel '" + label + "' is a label of projection 'own-labels', "
                + "but node "), message);
        assertTrue(message.contains("has the labels [Item] in the database"), message);
        assertTrue(message.contains("targetNodeLabels: labels(target)"), message);
        assertEquals(List.of(), db.rows("CALL spike.model.list('own-labels')"));
    }

    @Test
    void writtenRecommendationsDoNotCountAsInteractions() {
        // Recommendations that include rated items join every trained pair, but they are not interactions.
        db.rows("CALL spike.recommend.write('', {modelName: 'replaced', topK: 10, excludeInteracted: false, "
                + "writeRelationshipType: 'REPLACED_RECOMMENDED'})");
        db.rows("MATCH ()-[r:RATED]->() DELETE r");

        String message = Errors.messageOf(db, "CALL spike.embeddings.stream({modelName: 'replaced'})", Map.of());

        assertTrue(message.contains("only 0 of 40 " + MESSAGE), message);
    }

    @Test
    void nullOrBlankGraphNameFails() {
        String recommending = Errors.messageOf(db, "CALL spike.recommend.stream(null, {modelName: 'replaced'})",
                Map.of());
        String evaluating = Errors.messageOf(db, "CALL spike.evaluate(' ', {modelName: 'replaced'})", Map.of());

        assertTrue(recommending.contains("spike.recommend.stream: argument `graphName` is null. Pass '' to use no "
                + "projection"), recommending);
        assertTrue(evaluating.contains("spike.evaluate: argument `graphName` is blank"), evaluating);
    }

    @Test
    void reloadRepeatingSomePairsFails() {
        // Each user's interactions go to the next user: 6 of the 40 trained pairs recur by chance.
        db.rows("MATCH ()-[r:RATED]->() DELETE r");
        db.rows("""
                MATCH (u:User), (i:Item) WHERE (u.id - 1 + i.id) % 3 = 0 OR u.id - 1 = i.id
                CREATE (u)-[:RATED {split: 'train'}]->(i)
                """);

        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'replaced', topK: 3})",
                Map.of());

        assertTrue(message.startsWith("spike.recommend.stream: only 6 of 40 user-item pairs"), message);
    }

    @Test
    void relationshipsOfRelabelledNodesDoNotCount() {
        // What ids taken over by other kinds of nodes look like: the relationships remain, the labels do not.
        db.rows("MATCH (u:User) REMOVE u:User SET u:ReplacedFormerUser");
        db.rows("CREATE (:User {id: 100})");

        String message = Errors.messageOf(db, "CALL spike.embeddings.stream({modelName: 'replaced'})", Map.of());

        assertTrue(message.contains("only 0 of 40 " + MESSAGE), message);
    }

    @Test
    void deletingAThirdOfTheInteractionsPasses() {
        db.rows("MATCH (u:User)-[r:RATED]->() WHERE u.id < 3 DELETE r");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'replaced', topK: 3})").size();

        assertEquals(30, recommendations);
    }

    @Test
    void deletingMostInteractionsFails() {
        db.rows("MATCH (u:User)-[r:RATED]->() WHERE u.id < 6 DELETE r");

        String message = Errors.messageOf(db, "CALL spike.evaluate('', {modelName: 'replaced'})", Map.of());

        assertTrue(message.contains(MESSAGE), message);
    }

    @Test
    void olderModelNeedsOneTrainedPair() {
        // Models saved before they kept checked pairs have only the sample's hashes.
        ModelCatalog catalog = ModelCatalogs.forDatabase((GraphDatabaseAPI) db.database());
        ModelEntry trained = catalog.require("test", "replaced");
        catalog.store(new ModelEntry("replaced-older", trained.databaseName(), trained.graphName(), trained.spec(),
                trained.userNodeIds(), trained.entityNodeIds(), trained.relationTypes(), trained.createdAt(),
                trained.metrics(), trained.model(), trained.trainingPairSample(), new long[0],
                trained.databaseInteractionType()));
        db.rows("MATCH (u:User)-[r:RATED]->(i:Item) WHERE NOT (u.id = 9 AND i.id = 0) DELETE r");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'replaced-older', topK: 3})")
                .size();
        db.rows("MATCH ()-[r:RATED]->() DELETE r");
        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'replaced-older'})",
                Map.of());

        assertEquals(30, recommendations);
        assertTrue(message.contains("none of the 10 users of model 'replaced-older' still has a relationship to an "
                + "item it was trained with"), message);
    }
}
