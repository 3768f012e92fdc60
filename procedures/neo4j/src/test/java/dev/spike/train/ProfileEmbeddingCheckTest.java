package dev.spike.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Errors;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Profile embeddings that differ across nodes (element type, presence, length) give the same
 * outcome whatever order the nodes were created in.
 */
class ProfileEmbeddingCheckTest {

    private static final List<String> NODES = List.of(
            "CREATE (:Item {id: 1, emb: [0.1, 0.2, 0.3]})",
            "CREATE (:Item {id: 2, emb: [0.4, 0.5]})",
            "CREATE (:Item {id: 3})",
            "CREATE (:Entity {id: 9, name: 'Crime'})",
            "CREATE (:Item {id: 4})");

    private static String trainAfterCreating(List<String> statements) {
        EmbeddedNeo4j db = SharedDbms.reset();
        for (String statement : statements) {
            db.rows(statement);
        }
        // Item 4 gets a float[] as spike.profile.embed writes it.
        db.rows("MATCH (i:Item {id: 4}) SET i.emb = $vector", Map.of("vector", new float[] {0.7f, 0.8f, 0.9f}));
        db.rows("CREATE (u:User {id: 0}) WITH u MATCH (i:Item) CREATE (u)-[:RATED]->(i)");
        db.rows("MATCH (i:Item {id: 1}), (e:Entity {id: 9}) CREATE (i)-[:HAS_GENRE]->(e)");
        db.rows("CALL gds.graph.project('mixed', ['User', 'Item', 'Entity'], ['RATED', 'HAS_GENRE'])");
        return Errors.messageOf(db, "CALL spike.train('mixed', {modelName: 'mixed', profileProperty: 'emb', epochs: 1})", Map.of());
    }

    @Test
    void wrongLengthNamesTheNodeInEitherOrder() {
        String forward = trainAfterCreating(NODES);
        List<String> reversed = new java.util.ArrayList<>(NODES);
        java.util.Collections.reverse(reversed);
        String reverse = trainAfterCreating(reversed);

        String expectedStart = "spike.train: profile embeddings of mixed dimensions in 1 node(s). Item id=2 (node ";
        String expectedEnd = "): emb has 2 values, the others have 3. Embed all profiles with one model "
                + "(spike.profile.embed with force: true) before training.";
        for (String message : List.of(forward, reverse)) {
            assertEquals(true, message.startsWith(expectedStart), message);
            assertEquals(true, message.endsWith(expectedEnd), message);
        }
    }

    @Test
    void doublesAndFloatsTrainTogether() {
        EmbeddedNeo4j db = SharedDbms.reset();
        db.rows("CREATE (:Item {id: 1, emb: [0.1, 0.2, 0.3]}), (:Item {id: 2}), (:Entity {id: 9, name: 'Crime'})");
        db.rows("MATCH (i:Item {id: 2}) SET i.emb = $vector", Map.of("vector", new float[] {0.7f, 0.8f, 0.9f}));
        db.rows("CREATE (u:User {id: 0}) WITH u MATCH (i:Item) CREATE (u)-[:RATED]->(i)");
        db.rows("CALL gds.graph.project('floats', ['User', 'Item', 'Entity'], ['RATED'])");

        Map<String, Object> row = db.rows("CALL spike.train('floats', {modelName: 'floats', profileProperty: 'emb', "
                + "epochs: 1, patience: 0, overwrite: true})").get(0);

        // The user and the entity have no embedding: zero vectors, counted.
        assertEquals(2L, row.get("nodesWithoutProfile"));
    }
}
