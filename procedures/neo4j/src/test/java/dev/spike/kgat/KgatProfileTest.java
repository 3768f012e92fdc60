package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code spike.profile.write} with the template writer on a KGAT folder loaded by
 * {@code spike.kgat.load}. Without entity_list.txt the folder's entities have no name.
 */
class KgatProfileTest {

    /** Three titled items. Items 0 and 1 share genre entity 3, and items 1 and 2 share director entity 4. */
    private static final Map<String, String> WITHOUT_ENTITY_LIST = Map.of(
            "train.txt", "0 0 1\n1 1 2\n",
            "test.txt", "0 2\n1 0\n",
            "kg_final.txt", "0 0 3\n1 0 3\n1 1 4\n2 1 4\n",
            "item_list.txt", "org_id\tremap_id\ttitle\nm0\t0\tHeat (1995)\nm1\t1\tRonin (1998)\nm2\t2\tAlien (1979)\n",
            "relation_list.txt", "org_id remap_id\nhas_genre 0\ndirected_by 1\n");

    @Test
    void unnamedEntitiesGetFallbackNameProfiles() throws Exception {
        EmbeddedNeo4j db = SharedDbms.reset();
        folder("kgat-no-entity-list", WITHOUT_ENTITY_LIST);
        load("kgat-no-entity-list", Map.of());
        assertEquals(2, KgatFixtures.count("MATCH (e:Entity) WHERE e.name IS NULL RETURN count(e)"));
        long genre = nodeId(db, "MATCH (e:Entity {id: 3}) RETURN id(e) AS id");
        long director = nodeId(db, "MATCH (e:Entity {id: 4}) RETURN id(e) AS id");

        Map<String, Map<String, Object>> stages = byKind(db.rows("CALL spike.profile.write({domain: 'movies'})"));

        assertEquals(3L, stages.get("ITEM").get("generated"), stages.toString());
        assertEquals(2L, stages.get("ENTITY").get("generated"), stages.toString());
        assertEquals(0L, stages.get("ENTITY").get("failed"), stages.toString());
        assertEquals(2L, stages.get("USER").get("generated"), stages.toString());

        String genreProfile = profile(db, genre);
        assertTrue(genreProfile.startsWith("Entity " + genre + " is the genre of 2 items."), genreProfile);
        assertTrue(genreProfile.contains("Heat (1995)"), genreProfile);
        String directorProfile = profile(db, director);
        assertTrue(directorProfile.startsWith("2 items directed by Entity " + director + "."), directorProfile);

        String heat = itemProfile(db, "Heat (1995)");
        assertTrue(heat.contains("Heat (1995) has genre Entity " + genre + "."), heat);
        assertTrue(heat.contains("Entity " + genre + " is also the genre of Ronin (1998)."), heat);
        String ronin = itemProfile(db, "Ronin (1998)");
        assertTrue(ronin.contains("Ronin (1998) directed by Entity " + director + "."), ronin);
        assertEquals(0, KgatFixtures.count("MATCH (e:Entity) WHERE e.name IS NOT NULL RETURN count(e)"),
                "the fallback name is used in profiles, never stored as a name");
    }

    @Test
    void entityListAddedLaterRenamesProfiles() throws Exception {
        EmbeddedNeo4j db = SharedDbms.reset();
        folder("kgat-entity-list-later", WITHOUT_ENTITY_LIST);
        load("kgat-entity-list-later", Map.of());
        db.rows("CALL spike.profile.write({domain: 'movies'})");
        Map<String, String> withNames = new HashMap<>(WITHOUT_ENTITY_LIST);
        withNames.put("entity_list.txt", "org_id remap_id\nCrime 3\nAna Moreau 4\n");
        folder("kgat-entity-list-later", withNames);
        load("kgat-entity-list-later", Map.of());
        long genre = nodeId(db, "MATCH (e:Entity {id: 3}) RETURN id(e) AS id");

        Map<String, Map<String, Object>> stages = byKind(db.rows("CALL spike.profile.write({domain: 'movies'})"));

        assertEquals(2L, stages.get("ENTITY").get("generated"), "both names changed the inputs: " + stages);
        assertEquals(0L, stages.get("ENTITY").get("skippedUnchanged"), stages.toString());
        assertEquals(3L, stages.get("ITEM").get("generated"), "every item names one of them: " + stages);
        String genreProfile = profile(db, genre);
        assertTrue(genreProfile.startsWith("Crime is the genre of 2 items."), genreProfile);
        assertFalse(genreProfile.contains("Entity " + genre), genreProfile);
        String heat = itemProfile(db, "Heat (1995)");
        assertTrue(heat.contains("Heat (1995) has genre Crime."), heat);
    }

    @Test
    void userProfileNamesLatestItems() throws Exception {
        EmbeddedNeo4j db = SharedDbms.reset();
        folder("kgat-recent-items", Map.of(
                "train.txt", "0 1 4 0 2 5\n",
                "test.txt", "0 3\n",
                "kg_final.txt", "0 0 6\n",
                "item_list.txt", filmList(6)));
        load("kgat-recent-items", Map.of());
        // Neo4j keeps a property name after its last node is deleted, which must not change the order.
        db.rows("CREATE (x:Scratch {timestamp: 1}) DELETE x");

        Scripts.run(db, "profiles.cypher", Map.of());

        String user = (String) db.rows("MATCH (u:User {id: 0}) RETURN u.profile AS profile").get(0).get("profile");
        List<String> named = Pattern.compile("Film \\d").matcher(user).results().map(MatchResult::group).toList();
        assertEquals(List.of("Film 5", "Film 2", "Film 0"), named,
                "the last three train items, latest first; earlier ones and the test item left out: " + user);
        assertEquals(8, Scripts.count(db, "MATCH (n) WHERE n.profileEmbedding IS NOT NULL RETURN count(n)"));
    }

    @Test
    void untitledItemsAreNamedById() throws Exception {
        EmbeddedNeo4j db = SharedDbms.reset();
        folder("kgat-untitled", Map.of("train.txt", "0 0 1\n", "test.txt", "0 2\n", "kg_final.txt", "0 0 3\n"));
        load("kgat-untitled", Map.of());
        // Neo4j keeps both property names after the node is deleted.
        db.rows("CREATE (x:Scratch {title: 'gone', description: 'gone'}) DELETE x");

        Scripts.run(db, "profiles.cypher", Map.of());

        String item = (String) db.rows("MATCH (i:Item {id: 1}) RETURN i.profile AS profile").get(0).get("profile");
        assertEquals("1.", item, "the id is the only text of an untitled item");
    }

    @Test
    void renamedPositionOrdersUserProfiles() throws Exception {
        EmbeddedNeo4j db = SharedDbms.reset();
        folder("kgat-renamed-position", Map.of(
                "train.txt", "0 3 4 0 1\n",
                "test.txt", "0 2\n",
                "kg_final.txt", "0 0 5\n",
                "item_list.txt", filmList(5)));
        load("kgat-renamed-position", Map.of("positionProperty", "place"));

        db.rows("CALL spike.profile.write({domain: 'movies', positionProperty: 'place', kinds: ['ITEM', 'USER']})");

        String user = (String) db.rows("MATCH (u:User {id: 0}) RETURN u.profile AS profile").get(0).get("profile");
        List<String> named = Pattern.compile("Film \\d").matcher(user).results().map(MatchResult::group).toList();
        assertEquals(List.of("Film 1", "Film 0", "Film 4"), named, user);
    }

    /** Returns an item_list.txt that titles items 0 to {@code count - 1} "Film 0", "Film 1" and so on. */
    private static String filmList(int count) {
        StringBuilder list = new StringBuilder("org_id\tremap_id\ttitle\n");
        for (int id = 0; id < count; id++) {
            list.append("m").append(id).append('\t').append(id).append("\tFilm ").append(id).append('\n');
        }
        return list.toString();
    }

    private static Map<String, Map<String, Object>> byKind(List<Map<String, Object>> rows) {
        Map<String, Map<String, Object>> stages = new HashMap<>();
        for (Map<String, Object> row : rows) {
            stages.put((String) row.get("kind"), row);
        }
        return stages;
    }

    private static long nodeId(EmbeddedNeo4j db, String cypher) {
        return (Long) db.rows(cypher).get(0).get("id");
    }

    private static String profile(EmbeddedNeo4j db, long nodeId) {
        return (String) db.rows("MATCH (n) WHERE id(n) = $id RETURN n.profile AS profile", Map.of("id", nodeId))
                .get(0).get("profile");
    }

    private static String itemProfile(EmbeddedNeo4j db, String title) {
        return (String) db.rows("MATCH (i:Item {title: $title}) RETURN i.profile AS profile", Map.of("title", title))
                .get(0).get("profile");
    }
}
