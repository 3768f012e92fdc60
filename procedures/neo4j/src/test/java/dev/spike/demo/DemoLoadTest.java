package dev.spike.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DemoLoadTest {

    private static DemoDataset.Summary summary;
    private static EmbeddedNeo4j db;

    @BeforeAll
    static void load() throws Exception {
        db = SharedDbms.reset();
        Path folder = SharedDbms.importDirectory().resolve("demo");
        summary = DemoDataset.standard().writeTo(folder);
        Scripts.run(db, "schema.cypher", Map.of());
        Scripts.run(db, "demo/load.cypher", Map.of("base", "file:///demo/"));
    }

    @Test
    void nodeCountsMatchTheGeneratedFiles() {
        assertEquals(summary.users(), Scripts.count(db, "MATCH (u:User) RETURN count(u)"));
        assertEquals(summary.items(), Scripts.count(db, "MATCH (i:Item) RETURN count(i)"));
        assertEquals(summary.genres(), Scripts.count(db, "MATCH (g:Genre) RETURN count(g)"));
        assertEquals(summary.creators(), Scripts.count(db, "MATCH (c:Creator) RETURN count(c)"));
        assertEquals(summary.tags(), Scripts.count(db, "MATCH (t:Tag) RETURN count(t)"));
        assertEquals(summary.interactions(), Scripts.count(db, "MATCH ()-[r:RATED]->() RETURN count(r)"));
        assertEquals(summary.reviews(), Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.review IS NOT NULL RETURN count(r)"));
    }

    @Test
    void sizeFitsTheDemoBrief() {
        assertTrue(summary.users() >= 200 && summary.users() <= 500, "users: " + summary.users());
        assertEquals(1000, summary.items());
        assertTrue(summary.interactions() > 10_000, "interactions: " + summary.interactions());
        assertTrue(Scripts.count(db, "MATCH (d:Decade) RETURN count(d)") >= 5);
    }

    @Test
    void everyInteractionHasRatingAndTimestamp() {
        assertEquals(0, Scripts.count(db,
                "MATCH ()-[r:RATED]->() WHERE r.rating IS NULL OR r.timestamp IS NULL RETURN count(r)"));
    }

    @Test
    void usersPreferItemsOfTheirPlantedTaste() {
        // Each user's taste is userId mod 6 and each item's is itemId mod 6 (see DemoDataset).
        List<Map<String, Object>> rows = db.rows("""
                MATCH (u:User)-[:RATED]->(i:Item)
                RETURN avg(CASE WHEN u.id % 6 = i.id % 6 THEN 1.0 ELSE 0.0 END) AS onTaste
                """);
        double onTaste = (Double) rows.get(0).get("onTaste");
        assertTrue(onTaste > 0.75, "share of on-taste interactions: " + onTaste);
    }

    @Test
    void secondLoadChangesNothing() {
        long relationships = Scripts.count(db, "MATCH ()-[r]->() RETURN count(r)");
        long nodes = Scripts.count(db, "MATCH (n) RETURN count(n)");

        Scripts.run(db, "demo/load.cypher", Map.of("base", "file:///demo/"));

        assertEquals(relationships, Scripts.count(db, "MATCH ()-[r]->() RETURN count(r)"));
        assertEquals(nodes, Scripts.count(db, "MATCH (n) RETURN count(n)"));
    }

    @Test
    void sameSeedWritesIdenticalFiles(@org.junit.jupiter.api.io.TempDir Path first, @org.junit.jupiter.api.io.TempDir Path second)
            throws Exception {
        DemoDataset.standard().writeTo(first);
        DemoDataset.standard().writeTo(second);

        for (String file : DemoDataset.FILES) {
            assertEquals(-1L, Files.mismatch(first.resolve(file), second.resolve(file)), file);
        }
    }

    @Test
    void projectionScriptKeepsEveryRelationshipType() {
        db.rows("CALL gds.graph.drop('demo-projection', false)");
        Scripts.run(db, "projection.cypher", Map.of("graphName", "demo-projection"));

        Map<String, Object> row = db.rows(
                "CALL gds.graph.list('demo-projection') YIELD nodeCount, relationshipCount, schemaWithOrientation "
                        + "RETURN nodeCount, relationshipCount, schemaWithOrientation").get(0);
        long nodes = Scripts.count(db, "MATCH (n) WHERE n:User OR n:Item OR n:Entity RETURN count(n)");
        long relationships = Scripts.count(db, "MATCH ()-[r]->() RETURN count(r)");
        assertEquals(nodes, row.get("nodeCount"));
        assertEquals(relationships, row.get("relationshipCount"));
        @SuppressWarnings("unchecked")
        Map<String, Object> types = (Map<String, Object>) ((Map<String, Object>) row.get("schemaWithOrientation")).get("relationships");
        assertEquals(java.util.Set.of("RATED", "HAS_GENRE", "CREATED_BY", "HAS_TAG", "IN_DECADE"), types.keySet());
    }
}
