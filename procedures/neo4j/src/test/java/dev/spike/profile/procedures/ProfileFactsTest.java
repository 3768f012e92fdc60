package dev.spike.profile.procedures;

import static dev.spike.profile.procedures.ProfileWriteTest.byKind;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the offline template writer makes of a small hand-built graph: fact sentences, co-items,
 * upstream order and placeholders, plus the stream, estimate and embed procedures.
 */
class ProfileFactsTest {

    private EmbeddedNeo4j db;

    @BeforeEach
    void smallGraph() {
        db = SharedDbms.reset();
        db.rows("""
                CREATE (heat:Item {id: 1, title: 'Heat (1995)'}), (ronin:Item {id: 2, title: 'Ronin (1998)'}),
                       (collateral:Item {id: 3, title: 'Collateral (2004)'}), (toy:Item {id: 4, title: 'Toy Story (1995)'}),
                       (crime:Entity:Genre {name: 'Crime'}), (none:Entity:Genre {name: '(no genres listed)'}),
                       (mann:Entity:Creator {name: 'Michael Mann'}),
                       (fan:User {id: 1}), (kid:User {id: 2})
                CREATE (heat)-[:HAS_GENRE]->(crime), (ronin)-[:HAS_GENRE]->(crime), (collateral)-[:HAS_GENRE]->(crime),
                       (toy)-[:HAS_GENRE]->(none), (heat)-[:CREATED_BY]->(mann), (collateral)-[:CREATED_BY]->(mann),
                       (fan)-[:RATED {timestamp: 10, review: 'Great heist. Long shootout.'}]->(heat),
                       (fan)-[:RATED {timestamp: 20, review: 'Car chases.'}]->(ronin),
                       (kid)-[:RATED {timestamp: 5}]->(toy), (kid)-[:RATED {timestamp: 1}]->(ronin)
                """);
    }

    @Test
    void itemProfilesReadAsFacts() {
        Map<String, String> profiles = streamedByName();
        String heat = profiles.get("Heat (1995)");
        assertTrue(heat.contains("Heat (1995) created by Michael Mann."), heat);
        assertTrue(heat.contains("Heat (1995) has genre Crime."), heat);
        assertTrue(heat.contains("Collateral (2004) also created by Michael Mann."), heat);
        assertTrue(heat.contains("Crime is also the genre of Ronin (1998) and Collateral (2004)."), heat);
        assertTrue(heat.contains("Reviewers wrote \"Great heist\"."), heat);
        String toy = profiles.get("Toy Story (1995)");
        for (String profile : profiles.values()) {
            assertFalse(profile.contains("(no genres listed)"), profile);
        }
        assertFalse(toy.contains("genre"), toy);
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL RETURN count(n)"));
    }

    @Test
    void entitiesAndUsersReadTheirItems() {
        Map<String, String> profiles = streamedByName();
        String crime = profiles.get("Crime");
        assertTrue(crime.startsWith("Crime is a genre. Crime is the genre of 3 items."), crime);
        assertOrder(crime, "Heat (1995)", "Collateral (2004)");
        assertOrder(crime, "Ronin (1998)", "Collateral (2004)");
        String mann = profiles.get("Michael Mann");
        assertTrue(mann.contains("Michael Mann is a creator. 2 items created by Michael Mann."), mann);

        long fanId = (Long) db.rows("MATCH (u:User {id: 1}) RETURN id(u) AS id").get(0).get("id");
        String fan = profiles.get("User " + fanId);
        assertTrue(fan.startsWith("User " + fanId + " rated 2 items."), fan);
        assertOrder(fan, "Ronin (1998)", "Heat (1995)");
        assertFalse(profiles.containsKey("(no genres listed)"), profiles.keySet().toString());
        assertEquals(8, profiles.size(), profiles.keySet().toString());
    }

    @Test
    void itemFactsTakeTurnsByRelation() {
        db.rows("""
                MATCH (heat:Item {id: 1})
                CREATE (heat)-[:CREATED_BY]->(:Entity:Creator {name: 'Art Linson'})
                """);
        String heat = streamedByName().get("Heat (1995)");
        assertOrder(heat, "Heat (1995) created by Art Linson.", "Heat (1995) has genre Crime.");
        assertOrder(heat, "Heat (1995) has genre Crime.", "Heat (1995) created by Michael Mann.");
    }

    @Test
    void profilesLeaveOutTestInteractions() {
        db.rows("""
                MATCH (fan:User {id: 1}), (collateral:Item {id: 3})
                CREATE (fan)-[:RATED {timestamp: 30, review: 'Night drive in LA.', split: 'test'}]->(collateral)
                """);
        db.rows("MATCH (:User {id: 1})-[r:RATED]->(:Item {id: 2}) SET r.split = 'train'");
        Map<String, String> profiles = streamedByName();

        long fanId = (Long) db.rows("MATCH (u:User {id: 1}) RETURN id(u) AS id").get(0).get("id");
        String fan = profiles.get("User " + fanId);
        assertTrue(fan.startsWith("User " + fanId + " rated 2 items."), fan);
        assertFalse(fan.contains("Collateral"), fan);
        assertFalse(fan.contains("Night drive"), fan);
        String collateral = profiles.get("Collateral (2004)");
        assertFalse(collateral.contains("Night drive"), collateral);
    }

    @Test
    void customSplitPropertyIsRead() {
        db.rows("MATCH (:User {id: 1})-[r:RATED]->(:Item {id: 1}) SET r.fold = 'test'");

        String fan = fanProfile(Map.of("domain", "movies", "splitProperty", "fold", "kinds", List.of("USER")));

        assertTrue(fan.startsWith("User " + fanId() + " rated 1 item."), fan);
        assertFalse(fan.contains("Heat"), fan);
    }

    @Test
    void customTrainValueIsRead() {
        db.rows("MATCH (:User {id: 1})-[r:RATED]->(:Item {id: 1}) SET r.split = 'fit'");
        db.rows("MATCH (:User {id: 1})-[r:RATED]->(:Item {id: 2}) SET r.split = 'holdout'");

        String fan = fanProfile(Map.of("domain", "movies", "trainValue", "fit"));

        assertTrue(fan.startsWith("User " + fanId() + " rated 1 item."), fan);
        assertTrue(fan.contains("Heat"), fan);
        assertFalse(fan.contains("Ronin"), fan);
    }

    @Test
    void recommendationsLeaveProfilesUnchanged() {
        db.rows("CALL spike.profile.write({domain: 'movies'})");
        db.rows("""
                MATCH (u:User), (toy:Item {id: 4}), (collateral:Item {id: 3})
                CREATE (u)-[:RECOMMENDED {score: 1.0}]->(toy), (u)-[:RECOMMENDED {score: 0.5}]->(collateral)
                """);

        Map<String, Map<String, Object>> rerun = byKind(db.rows("CALL spike.profile.write({domain: 'movies'})"));

        for (Map<String, Object> stage : rerun.values()) {
            assertEquals(0L, stage.get("generated"), stage.toString());
        }
    }

    @Test
    void estimateCountsPromptsWithoutWriting() {
        Map<String, Map<String, Object>> estimate = byKind(db.rows("CALL spike.profile.estimate({domain: 'movies'})"));
        assertEquals(List.of("ITEM", "ENTITY", "USER"), List.copyOf(estimate.keySet()));
        assertEquals(4L, estimate.get("ITEM").get("prompts"));
        assertEquals(2L, estimate.get("ENTITY").get("prompts"));
        assertEquals(2L, estimate.get("USER").get("prompts"));
        assertEquals(4L * 250, estimate.get("ITEM").get("estimatedTokensOut"));
        assertTrue((Long) estimate.get("ITEM").get("estimatedTokensIn") > 4 * 100, estimate.toString());
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL RETURN count(n)"));

        db.rows("CALL spike.profile.write({domain: 'movies'})");
        Map<String, Map<String, Object>> after = byKind(db.rows("CALL spike.profile.estimate({domain: 'movies'})"));
        for (String kind : List.of("ITEM", "ENTITY", "USER")) {
            assertEquals(0L, after.get(kind).get("prompts"), kind);
            assertEquals(estimate.get(kind).get("prompts"), after.get(kind).get("skippedUnchanged"), kind);
        }

        db.rows("MATCH (:User)-[r:RATED {timestamp: 20}]->() SET r.review = 'Car chases through Paris.'");
        Map<String, Map<String, Object>> changed = byKind(db.rows("CALL spike.profile.estimate({domain: 'movies'})"));
        assertEquals(1L, changed.get("ITEM").get("prompts"));
        assertEquals(1L, changed.get("ENTITY").get("prompts"));
        assertEquals(2L, changed.get("USER").get("prompts"), "both users rated the changed item");
    }

    @Test
    void embedWritesOnlyWhatIsMissing() {
        db.rows("CALL spike.profile.write({kinds: ['ITEM']})");
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE (n:User OR n:Entity) AND n.profile IS NOT NULL RETURN count(n)"));

        Map<String, Map<String, Object>> first = byKind(db.rows("CALL spike.profile.embed({kinds: ['ITEM', 'USER']})"));
        assertEquals(4L, first.get("ITEM").get("embedded"));
        assertEquals(384L, first.get("ITEM").get("dimension"));
        assertEquals("all-minilm-l6-v2", first.get("ITEM").get("model"));
        assertEquals(0L, first.get("USER").get("embedded"));
        assertEquals(2L, first.get("USER").get("skipped"));
        assertNull(first.get("ENTITY"));

        Map<String, Map<String, Object>> again = byKind(db.rows("CALL spike.profile.embed({kinds: ['ITEM']})"));
        assertEquals(0L, again.get("ITEM").get("embedded"));
        assertEquals(4L, again.get("ITEM").get("skipped"));
        Map<String, Map<String, Object>> forced = byKind(db.rows("CALL spike.profile.embed({kinds: ['ITEM'], force: true})"));
        assertEquals(4L, forced.get("ITEM").get("embedded"));

        db.rows("MATCH (:User)-[r:RATED {timestamp: 10}]->() SET r.review = 'Quiet drama.'");
        db.rows("CALL spike.profile.write({kinds: ['ITEM']})");
        assertEquals(1, Scripts.count(db, "MATCH (i:Item) WHERE i.profileEmbedding IS NULL RETURN count(i)"));
        Map<String, Map<String, Object>> refreshed = byKind(db.rows("CALL spike.profile.embed({kinds: ['ITEM']})"));
        assertEquals(1L, refreshed.get("ITEM").get("embedded"));
    }

    @Test
    void scriptProfilesAndEmbedsEveryNode() {
        Scripts.run(db, "profiles.cypher", Map.of());
        assertEquals(8, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL AND size(n.profileEmbedding) = 384 "
                + "RETURN count(n)"));
        assertEquals(1, Scripts.count(db, "MATCH (n) WHERE n.profile IS NULL RETURN count(n)"), "the placeholder genre");
    }

    private long fanId() {
        return (Long) db.rows("MATCH (u:User {id: 1}) RETURN id(u) AS id").get(0).get("id");
    }

    /** Streams profiles with the given configuration and returns the one of the user with id 1. */
    private String fanProfile(Map<String, Object> configuration) {
        return db.rows("CALL spike.profile.stream($configuration) YIELD nodeId, profile WHERE nodeId = $id "
                + "RETURN profile", Map.of("configuration", configuration, "id", fanId()))
                .get(0).get("profile").toString();
    }

    private Map<String, String> streamedByName() {
        Map<String, String> profiles = new HashMap<>();
        for (Map<String, Object> row : db.rows("""
                CALL spike.profile.stream({domain: 'movies'}) YIELD nodeId, kind, profile, failure
                MATCH (n) WHERE id(n) = nodeId
                RETURN coalesce(n.title, n.name, 'User ' + toString(nodeId)) AS name, profile, failure
                """)) {
            assertNull(row.get("failure"), row.toString());
            profiles.put((String) row.get("name"), (String) row.get("profile"));
        }
        return profiles;
    }

    private static void assertOrder(String text, String... parts) {
        int previous = -1;
        for (String part : parts) {
            int index = text.indexOf(part);
            assertTrue(index > previous, "expected " + List.of(parts) + " in this order: " + text);
            previous = index;
        }
    }
}
