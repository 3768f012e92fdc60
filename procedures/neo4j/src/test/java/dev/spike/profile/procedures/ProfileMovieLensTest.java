package dev.spike.profile.procedures;

import static dev.spike.profile.procedures.ProfileWriteTest.byKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedData;
import dev.spike.testing.SharedDbms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Profiles on the real ml-latest-small, loaded through {@code cypher/movielens/load.cypher}.
 *
 * <p>Every node gets a profile. Only entities and users are embedded here, because MiniLM
 * took about 70 ms per item profile on two shared cores, so the 9,742 items would take over
 * 10 minutes. The demo test embeds every kind.
 */
class ProfileMovieLensTest {

    private static EmbeddedNeo4j db;
    private static Map<String, Map<String, Object>> stages;

    @BeforeAll
    static void loadAndWrite() throws Exception {
        Path source = SharedData.folder("ml-latest-small");
        db = SharedDbms.reset();
        Path target = SharedDbms.importDirectory().resolve("ml-latest-small");
        Files.createDirectories(target);
        for (String file : List.of("movies.csv", "ratings.csv", "tags.csv")) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Scripts.run(db, "schema.cypher", Map.of());
        Scripts.run(db, "movielens/load.cypher", Map.of("base", "file:///ml-latest-small/"));
        stages = byKind(db.rows("CALL spike.profile.write({domain: 'movies'})"));
    }

    @Test
    void everyNodeGetsProfile() {
        assertEquals(9742L, stages.get("ITEM").get("generated"));
        assertEquals(610L, stages.get("USER").get("generated"));
        long entities = Scripts.count(db, "MATCH (e:Entity) RETURN count(e)");
        assertEquals(entities, stages.get("ENTITY").get("generated"));
        for (Map<String, Object> stage : stages.values()) {
            assertEquals(0L, stage.get("failed"), stage.toString());
        }
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Item OR n:Entity) "
                + "AND (n.profile IS NULL OR n.profileHash IS NULL) RETURN count(n)"));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile CONTAINS '(no genres listed)' RETURN count(n)"));
    }

    @Test
    void entitiesAndUsersGetUnitEmbeddings() {
        Map<String, Map<String, Object>> embedded = byKind(db.rows(
                "CALL spike.profile.embed({kinds: ['ENTITY', 'USER'], batchSize: 200})"));
        long nodes = Scripts.count(db, "MATCH (n) WHERE n:User OR n:Entity RETURN count(n)");
        assertEquals(nodes, (Long) embedded.get("ENTITY").get("embedded") + (Long) embedded.get("USER").get("embedded"));
        List<Map<String, Object>> norms = db.rows("MATCH (n) WHERE n:User OR n:Entity RETURN size(n.profileEmbedding) AS size, "
                + "sqrt(reduce(sum = 0.0, x IN n.profileEmbedding | sum + x * x)) AS norm");
        assertEquals(nodes, norms.size());
        for (Map<String, Object> row : norms) {
            assertEquals(384L, row.get("size"));
            assertEquals(1.0, (Double) row.get("norm"), 1e-3);
        }
    }

    @Test
    void userProfilesFollowRecentItems() {
        Map<String, Object> user = db.rows("""
                MATCH (u:User {id: 1})-[r:RATED]->(i:Item)
                WITH u, i ORDER BY r.timestamp DESC, id(i) LIMIT 1
                RETURN u.profile AS profile, i.title AS latest
                """).get(0);
        String profile = (String) user.get("profile");
        // The template writer keeps the first sentence of each item profile, which starts with the title.
        String title = ((String) user.get("latest")).split("\\. ")[0];
        assertTrue(profile.contains("Recent items of this user: " + title), profile);
    }
}
