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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Neo4j gives the ids of deleted nodes to new ones, so a model's node ids can point at unrelated
 * nodes after users or items are deleted. Nodes without the model's labels get no embeddings and
 * no recommendations.
 */
class ReusedNodeIdsTest {

    private static EmbeddedNeo4j db;
    private static long goneUser;
    private static long goneItem;

    @BeforeAll
    static void oneUserAndOneItemLoseTheirLabelsAfterTraining() {
        db = SharedDbms.reset();
        db.rows("""
                UNWIND range(0, 9) AS id CREATE (:User {id: id}), (:Item {id: id})
                """);
        db.rows("""
                MATCH (u:User), (i:Item) WHERE (u.id + i.id) % 3 = 0 OR u.id = i.id CREATE (u)-[:RATED]->(i)
                """);
        db.rows("CALL gds.graph.project('reuse', ['User', 'Item'], 'RATED')");
        DemoGraph.dropModels(db);
        db.rows("CALL spike.train('reuse', {modelName: 'reuse', profiles: false, epochs: 2, patience: 0})");

        goneUser = (Long) db.rows("MATCH (u:User {id: 9}) RETURN id(u) AS id").get(0).get("id");
        goneItem = (Long) db.rows("MATCH (i:Item {id: 9}) RETURN id(i) AS id").get(0).get("id");
        // Neo4j hands a freed id to a later node at a time of its choosing. A node that loses its
        // label has the same effect on the model's ids, deterministically.
        db.rows("MATCH (n) WHERE n.id = 9 REMOVE n:User, n:Item SET n:Stranger");
    }

    @Test
    void embeddingsSkipNodesThatTookADeletedId() {
        Map<String, Object> written = db.rows("CALL spike.embeddings.write({modelName: 'reuse', "
                + "writeProperty: 'reuseEmbedding'})").get(0);

        assertEquals(2L, written.get("nodesMissing"), written.toString());
        assertEquals(0, Scripts.count(db, "MATCH (s:Stranger) WHERE s.reuseEmbedding IS NOT NULL RETURN count(s)"));
        assertEquals(0, db.rows("CALL spike.embeddings.stream({modelName: 'reuse'}) YIELD nodeId "
                + "WHERE nodeId IN $ids RETURN nodeId", Map.of("ids", List.of(goneUser, goneItem))).size());
    }

    @Test
    void recommendationsSkipNodesThatTookADeletedId() {
        Map<String, Object> written = db.rows("CALL spike.recommend.write('', {modelName: 'reuse', topK: 3, "
                + "writeRelationshipType: 'REUSE_CHECK'})").get(0);

        assertEquals(9L, written.get("usersCovered"), written.toString());
        assertEquals(0, Scripts.count(db, "MATCH (s:Stranger)-[r:REUSE_CHECK]-() RETURN count(r)"));
        assertEquals(0, db.rows("CALL spike.recommend.stream('', {modelName: 'reuse', topK: 9}) YIELD userId, itemId "
                + "WHERE userId IN $ids OR itemId IN $ids RETURN userId",
                Map.of("ids", List.of(goneUser, goneItem))).size());
        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'reuse', users: $user})",
                Map.of("user", goneUser));
        assertTrue(message.contains("were users of model 'reuse' but carry no :User label now"), message);
    }
}
