package dev.spike.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A graph deleted and loaded again gives its new nodes the ids of the old ones, with the same
 * labels, so only the interactions tell that they are other nodes. A model none of whose trained
 * interactions remain must not hand its results to them.
 */
class ReplacedGraphTest {

    private static final String MESSAGE = "users of model 'replaced' still has a relationship to an item it was "
            + "trained with";

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
        assertTrue(message.startsWith("spike.recommend.stream: none of the 10 users of model 'replaced'"), message);
    }

    @Test
    void renamedInteractionTypePasses() {
        // The name exists in the database, but for other relationships, so only the pairs tell.
        db.rows("CREATE (a:ReplacedOther)-[:RENAMED_RATED]->(b:ReplacedOther) DETACH DELETE a, b");
        db.rows("CALL gds.graph.project('renamed', ['User', 'Item'], {RENAMED_RATED: {type: 'RATED'}})");
        db.rows("CALL spike.train('renamed', {modelName: 'renamed', interactionType: 'RENAMED_RATED', "
                + "profiles: false, epochs: 2, patience: 0})");
        db.rows("CALL gds.graph.drop('renamed')");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'renamed', topK: 3})").size();

        assertEquals(30, recommendations);
    }

    @Test
    void derivedInteractionTypeIsNotChecked() {
        db.rows("""
                MATCH (u:User)-[r:RATED]->(i:Item) WHERE r.split = 'train'
                WITH gds.graph.project('derived', u, i, {sourceNodeLabels: labels(u), targetNodeLabels: labels(i),
                                                         relationshipType: 'DERIVED_LIKE'}) AS graph
                RETURN graph.relationshipCount AS relationships
                """);
        db.rows("CALL spike.train('derived', {modelName: 'derived', interactionType: 'DERIVED_LIKE', "
                + "profiles: false, epochs: 2, patience: 0})");
        db.rows("CALL gds.graph.drop('derived')");
        db.rows("MATCH ()-[r:RATED]->() DELETE r");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'derived', topK: 3})").size();

        assertEquals(30, recommendations);
    }

    @Test
    void oneTrainedInteractionSuffices() {
        db.rows("MATCH (u:User)-[r:RATED]->(i:Item) WHERE NOT (u.id = 9 AND i.id = 0) DELETE r");

        long recommendations = db.rows("CALL spike.recommend.stream('', {modelName: 'replaced', topK: 3})").size();

        assertEquals(30, recommendations);
    }
}
