package dev.spike.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.SharedDbms;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code spike.explain} on a small graph whose items are also linked to each other by
 * SIMILAR_TO, so the direct path user → liked item → item occurs.
 */
class ExplainDirectLinkTest {

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void trainWithItemLinks() {
        db = SharedDbms.reset();
        DemoGraph.dropModels(db);
        db.rows("UNWIND range(0, 19) AS id CREATE (:User {id: id})");
        db.rows("UNWIND range(0, 29) AS id CREATE (:Item {id: id, title: 'Film ' + id, year: 2000 + id})");
        db.rows("CREATE (:Item {id: 99, title: 'Loner'})");
        db.rows("UNWIND range(0, 2) AS id CREATE (:Entity:Genre {name: 'Genre ' + id})");
        db.rows("MATCH (i:Item), (g:Genre) WHERE i.id < 30 AND g.name = 'Genre ' + (i.id % 3) CREATE (i)-[:HAS_GENRE]->(g)");
        db.rows("MATCH (a:Item), (b:Item) WHERE a.id < 27 AND b.id = a.id + 3 CREATE (a)-[:SIMILAR_TO]->(b)");
        db.rows("MATCH (u:User), (i:Item) WHERE i.id < 30 AND i.id % 3 = u.id % 3 AND (i.id + u.id) % 4 <> 0 "
                + "CREATE (u)-[:RATED {rating: 5.0}]->(i)");
        db.rows("MATCH (u:User {id: 1}), (i:Item {id: 99}) CREATE (u)-[:RATED {rating: 5.0}]->(i)");
        db.rows("""
                MATCH (source) WHERE source:User OR source:Item OR source:Entity
                OPTIONAL MATCH (source)-[relationship]->(target)
                WHERE (source:User AND relationship:RATED) OR (source:Item AND (target:Entity OR target:Item))
                WITH gds.graph.project('explain-links', source, target, {
                  sourceNodeLabels: [label IN labels(source) WHERE label IN ['User', 'Item', 'Entity']],
                  targetNodeLabels: CASE WHEN target IS NULL THEN null
                                    ELSE [label IN labels(target) WHERE label IN ['User', 'Item', 'Entity']] END,
                  relationshipType: type(relationship)}, {}) AS graph
                RETURN graph.graphName
                """);
        db.rows("CALL spike.train('explain-links', {modelName: 'links', profiles: false, epochs: 3, embeddingDim: 8, "
                + "patience: 0, seed: 2, concurrency: 1})");
    }

    @Test
    void directLinkYieldsTwoHopPath() {
        // User 0 rated Film 9 (9 is not a multiple of 4) but not Film 12, and Film 9 is SIMILAR_TO Film 12.
        List<Map<String, Object>> rows = db.rows("""
                MATCH (u:User {id: 0}), (i:Item {id: 12})
                CALL spike.explain(u, i, {modelName: 'links', maxPaths: 100})
                YIELD path, relationshipTypes, description, score
                WHERE relationshipTypes = ['RATED', 'SIMILAR_TO']
                RETURN [step IN path | step.name] AS names, description, score
                """);

        assertFalse(rows.isEmpty());
        Map<String, Object> viaFilm9 = rows.stream()
                .filter(row -> ((List<?>) row.get("names")).get(1).equals("Film 9")).findFirst().orElseThrow();
        assertEquals(List.of("0", "Film 9", "Film 12"), viaFilm9.get("names"));
        assertEquals("You liked Film 9 (2009) → linked by SIMILAR_TO → Film 12 (2012)", viaFilm9.get("description"));
        double score = (Double) viaFilm9.get("score");
        assertTrue(score > 0, "score " + score);
        assertTrue(score < 1, "score " + score);
    }

    @Test
    void sharedGenreYieldsThreeHopPath() {
        List<Map<String, Object>> rows = db.rows("""
                MATCH (u:User {id: 0}), (i:Item {id: 12})
                CALL spike.explain(u, i, {modelName: 'links', maxPaths: 100})
                YIELD description, relationshipTypes
                WHERE relationshipTypes = ['RATED', 'HAS_GENRE', 'HAS_GENRE']
                RETURN description
                """);

        assertTrue(rows.stream().anyMatch(row -> row.get("description")
                .equals("You liked Film 9 (2009) → genre Genre 0 → Film 12 (2012)")), rows.toString());
    }

    @Test
    void itemWithoutPathsYieldsNoRows() {
        List<Map<String, Object>> rows = db.rows("""
                MATCH (u:User {id: 0}), (i:Item {id: 99})
                CALL spike.explain(u, i, {modelName: 'links'}) YIELD rank
                RETURN rank
                """);

        assertEquals(List.of(), rows);
    }
}
