package dev.spike.recommend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.catalog.ModelCatalogs;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.gds.core.utils.progress.TaskStoreHolder;
import org.neo4j.gds.core.utils.progress.TaskStoreListener;
import org.neo4j.gds.core.utils.progress.UserTask;
import org.neo4j.gds.core.utils.progress.tasks.Progress;
import org.neo4j.gds.core.utils.progress.tasks.Status;
import org.neo4j.gds.core.utils.progress.tasks.Task;

/** Split, train, evaluate and recommend on the bundled demo catalogue. */
class RecommendProcTest {

    private static EmbeddedNeo4j db;
    private static Map<String, Object> split;

    @BeforeAll
    static void trainOnDemo() {
        db = DemoGraph.load();
        DemoGraph.dropModels(db);
        split = db.rows("CALL spike.split({mode: 'temporal', testFraction: 0.2})").get(0);
        DemoGraph.project(db, "rec");
        db.rows("CALL spike.train('rec', {modelName: 'plain', profiles: false, epochs: 25, patience: 0, seed: 7})");
    }

    @Test
    void splitMarksTheLatestFifthOfEachUser() {
        long test = (Long) split.get("testCount");
        long train = (Long) split.get("trainCount");
        assertEquals(300L, split.get("users"));
        assertEquals(Scripts.count(db, "MATCH ()-[r:RATED]->() RETURN count(r)"), test + train);
        assertEquals(0, Scripts.count(db, """
                MATCH (u:User)-[t:RATED {split: 'test'}]->(), (u)-[r:RATED {split: 'train'}]->()
                WHERE r.timestamp > t.timestamp RETURN count(*)
                """));
        double share = test / (double) (test + train);
        assertTrue(share > 0.18, "test share " + share);
        assertTrue(share < 0.22, "test share " + share);
    }

    @Test
    void modelBeatsPopularityByFar() {
        double model = recallAt20("model");
        double popularity = recallAt20("popularity");

        assertTrue(model > 1.5 * popularity, "Recall@20 model " + model + " vs popularity " + popularity);
        assertTrue(model > popularity + 0.05, "Recall@20 model " + model + " vs popularity " + popularity);
    }

    private static double recallAt20(String scorer) {
        return (Double) db.rows("CALL spike.evaluate('rec', {modelName: 'plain', scorer: $scorer, k: 20})",
                Map.of("scorer", scorer)).get(0).get("recall");
    }

    @Test
    void writeGivesEveryUserAtMostKNewItems() {
        Map<String, Object> result = db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 10})").get(0);

        assertEquals(3000L, result.get("relationshipsWritten"));
        assertEquals(300L, result.get("usersCovered"));
        assertEquals(0, Scripts.count(db, "MATCH (u:User)-[:RECOMMENDED {model: 'plain'}]->(i)<-[:RATED]-(u) RETURN count(*)"));
        assertEquals(0, Scripts.count(db, """
                MATCH (u:User) WITH u, COUNT { (u)-[:RECOMMENDED {model: 'plain'}]->() } AS n WHERE n > 10 RETURN count(u)
                """));
        List<Map<String, Object>> ranks = db.rows("""
                MATCH (u:User {id: 0})-[r:RECOMMENDED {model: 'plain'}]->() RETURN r.rank AS rank, r.score AS score ORDER BY rank
                """);
        assertEquals(10, ranks.size());
        for (int i = 0; i < ranks.size(); i++) {
            assertEquals((long) i + 1, ranks.get(i).get("rank"));
            if (i > 0) {
                assertTrue((Double) ranks.get(i - 1).get("score") >= (Double) ranks.get(i).get("score"));
            }
        }
    }

    @Test
    void rerunKeepsOneSetPerModelAndOtherModelsAlone() {
        db.rows("MATCH (u:User {id: 1}), (i:Item {id: 1}) CREATE (u)-[:RECOMMENDED {model: 'other', rank: 1, score: 1.0}]->(i)");
        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 5})");

        Map<String, Object> second = db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 5})").get(0);

        assertEquals(1500L, second.get("relationshipsRemoved"));
        assertEquals(1500, Scripts.count(db, "MATCH ()-[r:RECOMMENDED {model: 'plain'}]->() RETURN count(r)"));
        assertEquals(1, Scripts.count(db, "MATCH ()-[r:RECOMMENDED {model: 'other'}]->() RETURN count(r)"));
    }

    @Test
    void streamMatchesWrite() {
        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 3})");
        List<Map<String, Object>> streamed = db.rows("""
                MATCH (u:User {id: 5})
                CALL spike.recommend.stream('', {modelName: 'plain', topK: 3, users: [u]})
                YIELD itemId, rank RETURN itemId, rank ORDER BY rank
                """);
        List<Map<String, Object>> written = db.rows("""
                MATCH (:User {id: 5})-[r:RECOMMENDED {model: 'plain'}]->(i) RETURN id(i) AS itemId, r.rank AS rank ORDER BY rank
                """);
        assertEquals(written, streamed);
    }

    @Test
    void writeIsAProgressJobWhileItRuns() {
        List<UserTask> added = new CopyOnWriteArrayList<>();
        List<UserTask> removed = new CopyOnWriteArrayList<>();
        TaskStoreHolder.getTaskStore(db.database().databaseName()).addListener(new TaskStoreListener() {
            @Override
            public void onTaskAdded(UserTask task) {
                added.add(task);
            }

            @Override
            public void onTaskRemoved(UserTask task) {
                removed.add(task);
            }
        });

        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 2, batchSize: 7, "
                + "writeRelationshipType: 'PROGRESS_CHECK'})");

        List<Task> jobs = added.stream().map(UserTask::task)
                .filter(task -> task.description().equals("spike.recommend.write 'plain'")).toList();
        assertEquals(1, jobs.size(), added.toString());
        Task job = jobs.get(0);
        assertEquals(Status.FINISHED, job.status());
        Progress users = job.subTasks().get(0).getProgress();
        assertEquals(300, users.volume());
        assertEquals(300, users.progress());
        assertTrue(removed.stream().anyMatch(task -> task.task() == job), "the finished job left the store");
        db.rows("MATCH ()-[r:PROGRESS_CHECK]->() DELETE r");
    }

    @Test
    void writeAfterUncommittedWritesFails() {
        String expected = ": the calling transaction has uncommitted writes. This procedure writes in transactions "
                + "of its own, one per batch, which could wait forever for locks those writes hold. Commit them "
                + "first, for example by calling the procedure in a statement of its own.";

        assertEquals("spike.recommend.write" + expected, Errors.messageOf(db, "MATCH (u:User {id: 1}) "
                + "SET u.lockCheck = 1 WITH collect(u) AS us CALL spike.recommend.write('', {modelName: 'plain', "
                + "users: us, topK: 3, writeRelationshipType: 'LOCK_CHECK'}) YIELD relationshipsWritten "
                + "RETURN relationshipsWritten", Map.of()));
        assertEquals("spike.split" + expected, Errors.messageOf(db, "CREATE (x:LockCheck) WITH x "
                + "CALL spike.split({splitProperty: 'lockCheckSplit'}) YIELD trainCount RETURN trainCount", Map.of()));

        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.lockCheck IS NOT NULL OR n:LockCheck RETURN count(n)"));
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:LOCK_CHECK]->() RETURN count(r)"));
    }

    @Test
    void overlappingSplitFails() {
        try (var running = dev.spike.config.ExclusiveWrites.claim(
                List.of(dev.spike.split.SplitRun.splitKey("neo4j", "RATED", "overlapSplit")), index -> "held by this test")) {
            assertEquals("spike.split: another call is writing 'overlapSplit' on :RATED relationships of database "
                    + "'neo4j'. Wait for it to finish, or terminate it, and split again; two splits at once would leave "
                    + "a mix of both.", Errors.messageOf(db, "CALL spike.split({splitProperty: 'overlapSplit'})", Map.of()));
        }
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.overlapSplit IS NOT NULL RETURN count(r)"));
        db.rows("CALL spike.split({splitProperty: 'overlapSplit'})");
        assertTrue(Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.overlapSplit IS NOT NULL RETURN count(r)") > 0,
                "the claim ends with the call that held it");
    }

    @Test
    void overlappingWriteOfOneSetFails() {
        java.nio.file.Path models = ModelCatalogs.forDatabase(
                (org.neo4j.kernel.internal.GraphDatabaseAPI) db.database()).directory();
        try (var running = dev.spike.config.ExclusiveWrites.claim(
                List.of(RecommendRun.writeKey(models, "plain", "OVERLAP_CHECK")), index -> "held by this test")) {
            assertEquals("spike.recommend.write: recommendations of model 'plain' are being written as :OVERLAP_CHECK "
                    + "by another call. Wait for it to finish; a scheduled refresh and a manual write of the same "
                    + "model must not overlap.", Errors.messageOf(db, "CALL spike.recommend.write('', {modelName: "
                    + "'plain', writeRelationshipType: 'OVERLAP_CHECK'})", Map.of()));
        }
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:OVERLAP_CHECK]->() RETURN count(r)"));
        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 1, writeRelationshipType: 'OVERLAP_CHECK'})");
        db.rows("MATCH ()-[r:OVERLAP_CHECK]->() DELETE r");
    }

    @Test
    void singleUserNeedsNoList() {
        List<Map<String, Object>> listed = db.rows("MATCH (u:User {id: 5}) CALL spike.recommend.stream('', "
                + "{modelName: 'plain', topK: 3, users: [u]}) YIELD itemId, rank RETURN itemId, rank ORDER BY rank");
        List<Map<String, Object>> single = db.rows("MATCH (u:User {id: 5}) CALL spike.recommend.stream('', "
                + "{modelName: 'plain', topK: 3, users: u}) YIELD itemId, rank RETURN itemId, rank ORDER BY rank");
        List<Map<String, Object>> byId = db.rows("MATCH (u:User {id: 5}) CALL spike.recommend.stream('', "
                + "{modelName: 'plain', topK: 3, users: id(u)}) YIELD itemId, rank RETURN itemId, rank ORDER BY rank");

        assertEquals(3, listed.size());
        assertEquals(listed, single);
        assertEquals(listed, byId);
    }

    @Test
    void userOfWrongTypeIsNamed() {
        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'plain', users: ['5']})",
                Map.of());
        assertEquals("spike.recommend.stream: configuration key `users` must be a node, a node id or a list of them, "
                + "found the string '5'.", message);
        assertEquals("spike.recommend.stream: configuration key `users` must be a node, a node id or a list of them, "
                + "found a value of type Double (5.0). Send it as an integer: neo4j.int(5) with the JavaScript driver, "
                + "or toInteger(...) in Cypher.", Errors.messageOf(db, "CALL spike.recommend.stream('', "
                + "{modelName: 'plain', users: [5.0]})", Map.of()));
    }

    @Test
    void nullUsersAreRejectedNotReadAsEveryone() {
        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 2, writeRelationshipType: 'NULL_CHECK'})");
        long before = Scripts.count(db, "MATCH ()-[r:NULL_CHECK]->() RETURN count(r)");

        String message = Errors.messageOf(db, "OPTIONAL MATCH (u:User {id: -1}) CALL spike.recommend.write('', "
                + "{modelName: 'plain', topK: 1, users: u, writeRelationshipType: 'NULL_CHECK'}) YIELD usersCovered "
                + "RETURN usersCovered", Map.of());

        assertEquals("spike.recommend.write: configuration key `users` is null. Pass a node, a node id or a list of "
                + "them (an empty list means no user), or leave the key out to recommend for every user of the "
                + "model.", message);
        assertEquals(before, Scripts.count(db, "MATCH ()-[r:NULL_CHECK]->() RETURN count(r)"));
        db.rows("MATCH ()-[r:NULL_CHECK]->() DELETE r");
    }

    @Test
    void unknownUserIsNamed() {
        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'plain', users: [123456789]})", Map.of());
        assertTrue(message.startsWith("spike.recommend.stream: model 'plain' has no user with node id [123456789]. "
                + "Node 123456789 does not exist. Pass users of the model"), message);
    }

    @Test
    void itemPassedAsUserIsNamed() {
        long item = (Long) db.rows("MATCH (i:Item) RETURN id(i) AS id LIMIT 1").get(0).get("id");

        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'plain', users: [$item]})",
                Map.of("item", item));

        assertTrue(message.contains("has no user with node id [" + item + "]. Node " + item + " has the labels [Item"),
                message);
    }

    @Test
    void writeTypeOfTrainingDataRejected() {
        long rated = Scripts.count(db, "MATCH ()-[r:RATED]->() RETURN count(r)");

        String message = Errors.messageOf(db,
                "CALL spike.recommend.write('', {modelName: 'plain', topK: 3, writeRelationshipType: 'RATED'})", Map.of());

        assertEquals("spike.recommend.write: writeRelationshipType 'RATED' is the model's interaction type, so the "
                + "recommendations would be read as interactions by the next split and training. Use another type, "
                + "such as 'RECOMMENDED'.", message);
        assertEquals(rated, Scripts.count(db, "MATCH ()-[r:RATED]->() RETURN count(r)"));
    }

    @Test
    void writeTypeOfKgFactsRejected() {
        String message = Errors.messageOf(db,
                "CALL spike.recommend.write('', {modelName: 'plain', writeRelationshipType: 'HAS_GENRE'})", Map.of());

        assertTrue(message.startsWith("spike.recommend.write: writeRelationshipType 'HAS_GENRE' is one of the model's "
                + "knowledge-graph relationship types"), message);
    }

    @Test
    void sharedPropertyNameRejected() {
        String message = Errors.messageOf(db,
                "CALL spike.recommend.write('', {modelName: 'plain', scoreProperty: 'score', rankProperty: 'score'})",
                Map.of());

        assertEquals("spike.recommend.write: configuration keys `rankProperty` and `scoreProperty` both name the "
                + "property 'score', so one value would overwrite the other. Give them different names.", message);
    }

    @Test
    void emptyUserListMeansNoUser() {
        db.rows("CALL spike.recommend.write('', {modelName: 'plain', topK: 2})");

        Map<String, Object> result = db.rows("""
                OPTIONAL MATCH (u:User {id: -1})
                WITH collect(u) AS nobody
                CALL spike.recommend.write('', {modelName: 'plain', topK: 2, users: nobody})
                YIELD relationshipsWritten, relationshipsRemoved, usersCovered
                RETURN relationshipsWritten, relationshipsRemoved, usersCovered
                """).get(0);

        assertEquals(0L, result.get("relationshipsWritten"));
        assertEquals(0L, result.get("relationshipsRemoved"));
        assertEquals(0L, result.get("usersCovered"));
        assertEquals(600, Scripts.count(db, "MATCH ()-[r:RECOMMENDED {model: 'plain'}]->() RETURN count(r)"));
        assertEquals(0, Scripts.count(db,
                "CALL spike.recommend.stream('', {modelName: 'plain', users: []}) YIELD itemId RETURN count(*)"));
    }

    @Test
    void splitOntoTimestampRejected() {
        String message = Errors.messageOf(db, "CALL spike.split({splitProperty: 'timestamp'})", Map.of());

        assertEquals("spike.split: splitProperty 'timestamp' is also the timestampProperty, so the split would "
                + "overwrite every interaction's timestamp. Choose another splitProperty, such as 'split'.", message);
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.timestamp IS :: STRING RETURN count(r)"));
    }

    @Test
    void splitOntoRatingsRejected() {
        long rated = Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.rating IS :: FLOAT RETURN count(r)");

        String message = Errors.messageOf(db, "CALL spike.split({splitProperty: 'rating'})", Map.of());

        assertTrue(message.startsWith("spike.split: splitProperty 'rating' already contains "), message);
        assertTrue(message.endsWith("which is not one of the split values 'train', 'test' or 'excluded', so the split "
                + "would overwrite it. If an earlier split wrote it, set trainValue, testValue and excludedValue to "
                + "that split's values; otherwise choose another splitProperty, such as 'split'."), message);
        assertTrue(rated > 0, "demo interactions have ratings");
        assertEquals(rated, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.rating IS :: FLOAT RETURN count(r)"));
    }

    @Test
    void foreignSplitValueSuggestsAnotherProperty() {
        String message = Errors.messageOf(db, "CALL spike.split({trainValue: 'Train'})", Map.of());

        assertTrue(message.contains("not one of the split values 'Train', 'test' or 'excluded'"), message);
        assertTrue(message.endsWith("such as 'spikeSplit'."), message);
    }

    @Test
    void misspeltRatingPropertyExcludesNothing() {
        Map<String, Long> before = splitCounts();

        String message = Errors.messageOf(db, "CALL spike.split({ratingProperty: 'ratting', minRating: 4.0, "
                + "splitProperty: 'ratingCheckSplit'})", Map.of());

        assertEquals("spike.split: no RATED relationship has a number in ratingProperty 'ratting'. Check the "
                + "spelling, or leave ratingProperty and minRating out to count every interaction.", message);
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.ratingCheckSplit IS NOT NULL RETURN count(r)"));
        assertEquals(before, splitCounts());
    }

    @Test
    void minRatingAboveEveryRatingChangesNothing() {
        Map<String, Long> before = splitCounts();

        String message = Errors.messageOf(db, "CALL spike.split({ratingProperty: 'rating', minRating: 99, "
                + "splitProperty: 'highRatingSplit'})", Map.of());

        assertTrue(message.startsWith("spike.split: minRating 99.0 excludes all "), message);
        assertTrue(message.contains("interactions, because the highest rating is 5.0, so nothing would be left to "
                + "train or evaluate on. Lower minRating. Nothing was written."), message);
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.highRatingSplit IS NOT NULL RETURN count(r)"));
        assertEquals(before, splitCounts());
    }

    @Test
    void nullOrFullSplitSettingsChangeNothing() {
        Map<String, Long> before = splitCounts();

        assertEquals("spike.split: configuration key `splitProperty` is null. Leave it out to use the default "
                + "'split', or give a name.", Errors.messageOf(db, "CALL spike.split({splitProperty: null, "
                + "mode: 'random'})", Map.of()));
        assertTrue(Errors.messageOf(db, "CALL spike.split({testFraction: 1.0, splitProperty: 'fullTestSplit'})",
                Map.of()).startsWith("spike.split: configuration key `testFraction` "), "1.0 leaves nothing to train");

        assertEquals(before, splitCounts());
        assertEquals(0, Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.fullTestSplit IS NOT NULL RETURN count(r)"));
    }

    private static Map<String, Long> splitCounts() {
        Map<String, Long> counts = new java.util.TreeMap<>();
        for (Map<String, Object> row : db.rows("MATCH ()-[r:RATED]->() RETURN r.split AS split, count(*) AS n")) {
            counts.put(String.valueOf(row.get("split")), (Long) row.get("n"));
        }
        return counts;
    }

    @Test
    void equalSplitValuesRejected() {
        String message = Errors.messageOf(db, "CALL spike.split({trainValue: 'x', testValue: 'x'})", Map.of());

        assertEquals("spike.split: trainValue, testValue and excludedValue must be three different values, found "
                + "'x', 'x' and 'excluded'.", message);
    }

    @Test
    void blankSplitValueRejected() {
        String message = Errors.messageOf(db, "CALL spike.split({testValue: '  '})", Map.of());

        assertEquals("spike.split: configuration key `testValue` is blank ('  '). Pass a non-blank value, such "
                + "as 'test'.", message);
    }

    @Test
    void usersListNamesHowManyMore() {
        String message = Errors.messageOf(db, "CALL spike.recommend.stream('', {modelName: 'plain', "
                + "users: range(123456700, 123456711)})", Map.of());

        assertTrue(message.contains("has no user with node id [123456700, 123456701, 123456702, 123456703, "
                + "123456704] (and 7 more). Node 123456700 does not exist."), message);
    }

    @Test
    void evaluateWithKAndKsRejected() {
        String message = Errors.messageOf(db,
                "CALL spike.evaluate('rec', {modelName: 'plain', ks: [10], k: 5})", Map.of());

        assertEquals("spike.evaluate: set either `k` (one K) or `ks` (a list of Ks), not both.", message);
    }

    @Test
    void sameLabelForUsersAndItemsRejected() {
        String message = Errors.messageOf(db,
                "CALL spike.train('rec', {modelName: 'same-label', epochs: 1, itemLabel: 'User'})", Map.of());

        assertEquals("spike.train: userLabel, itemLabel and entityLabel must be three different labels, found 'User', "
                + "'User' and 'Entity'. Give users, items and other entities labels of their own.", message);
    }

    @Test
    void newUserOfNewItems() {
        // Two new items with the two genres most common among taste-0 items.
        db.rows("""
                MATCH (i:Item)-[:HAS_GENRE]->(genre) WHERE i.id % 6 = 0
                WITH genre, count(*) AS items ORDER BY items DESC LIMIT 2
                WITH collect(genre) AS genres
                UNWIND [5001, 5002] AS id
                CREATE (item:Item {id: id, title: 'New ' + id})
                WITH genres, item
                UNWIND genres AS genre
                CREATE (item)-[:HAS_GENRE]->(genre)
                """);
        // Rated after training by five taste-0 users the model was trained on, and by one new user only.
        db.rows("MATCH (u:User) WHERE u.id % 6 = 0 AND u.id < 30 MATCH (i:Item) WHERE i.id IN [5001, 5002] "
                + "CREATE (u)-[:RATED]->(i)");
        db.rows("CREATE (u:User {id: 1001}) WITH u MATCH (i:Item) WHERE i.id IN [5001, 5002] CREATE (u)-[:RATED]->(i)");
        try {
            DemoGraph.project(db, "rec-new-items");
            List<Map<String, Object>> rows = db.rows("""
                    MATCH (u:User {id: 1001})
                    CALL spike.recommend.stream('rec-new-items', {modelName: 'plain', topK: 10, users: [u]})
                    YIELD itemId, score RETURN itemId, score
                    """);

            assertEquals(10, rows.size());
            assertTrue(rows.stream().allMatch(row -> ((Number) row.get("score")).doubleValue() != 0.0),
                    "a zero embedding scores every item 0: " + rows);
            long onTaste = itemsOfTasteZero(rows);
            assertTrue(onTaste >= 5, "items of the new user's taste: " + onTaste + " of 10");
        } finally {
            db.rows("MATCH (n) WHERE (n:User AND n.id = 1001) OR (n:Item AND n.id IN [5001, 5002]) DETACH DELETE n");
            db.rows("CALL gds.graph.drop('rec-new-items', false)");
        }
    }

    @Test
    void newUserWithoutDataGetsNothing() {
        // 1002 has no interaction; 1003 only a test one, which the projection leaves out and must not be read.
        db.rows("CREATE (:User {id: 1002})");
        db.rows("CREATE (u:User {id: 1003}) WITH u MATCH (i:Item {id: 0}) CREATE (u)-[:RATED {split: 'test'}]->(i)");
        try {
            DemoGraph.project(db, "rec-empty-user");
            List<Map<String, Object>> streamed = db.rows("""
                    MATCH (u:User {id: 1002})
                    CALL spike.recommend.stream('rec-empty-user', {modelName: 'plain', topK: 5, users: [u]})
                    YIELD itemId RETURN itemId
                    """);
            Map<String, Object> written = db.rows("""
                    MATCH (u:User {id: 1002})
                    CALL spike.recommend.write('rec-empty-user', {modelName: 'plain', topK: 5, users: [u],
                      writeRelationshipType: 'EMPTY_USER_CHECK'})
                    YIELD relationshipsWritten, usersCovered, coldStartUsers
                    RETURN relationshipsWritten, usersCovered, coldStartUsers
                    """).get(0);

            Map<String, Object> trainedUser = db.rows("""
                    MATCH (u:User {id: 0})
                    CALL spike.recommend.write('rec-empty-user', {modelName: 'plain', topK: 5, users: [u],
                      writeRelationshipType: 'EMPTY_USER_CHECK'})
                    YIELD usersCovered RETURN usersCovered
                    """).get(0);

            assertEquals(List.of(), streamed, "every item would score 0");
            assertEquals(List.of(), db.rows("""
                    MATCH (u:User {id: 1003})
                    CALL spike.recommend.stream('rec-empty-user', {modelName: 'plain', topK: 5, users: [u]})
                    YIELD itemId RETURN itemId
                    """), "a test interaction is no data to start from");
            assertEquals(0L, written.get("relationshipsWritten"));
            assertEquals(0L, written.get("usersCovered"));
            assertEquals(2L, written.get("coldStartUsers"), "1002 and 1003 are new users of the projection");
            assertEquals(1L, trainedUser.get("usersCovered"), "the projection's user without data was not requested");
        } finally {
            db.rows("MATCH ()-[r:EMPTY_USER_CHECK]->() DELETE r");
            db.rows("MATCH (u:User) WHERE u.id IN [1002, 1003] DETACH DELETE u");
            db.rows("CALL gds.graph.drop('rec-empty-user', false)");
        }
    }

    @Test
    void coldStartUserGetsRecommendations() {
        db.rows("""
                CREATE (u:User {id: 1000})
                WITH u MATCH (i:Item) WHERE i.id IN [0, 6, 12, 18] CREATE (u)-[:RATED]->(i)
                """);
        try {
            DemoGraph.project(db, "rec-now");
            List<Map<String, Object>> rows = db.rows("""
                    MATCH (u:User {id: 1000})
                    CALL spike.recommend.stream('rec-now', {modelName: 'plain', topK: 10, users: [u]})
                    YIELD itemId RETURN itemId
                    """);
            assertEquals(10, rows.size());
            // The new user liked items of taste 0 (ids divisible by 6); most recommendations share it.
            long onTaste = itemsOfTasteZero(rows);
            assertTrue(onTaste >= 5, "items of the new user's taste: " + onTaste + " of 10");
        } finally {
            db.rows("MATCH (u:User {id: 1000}) DETACH DELETE u");
            db.rows("CALL gds.graph.drop('rec-now', false)");
        }
    }

    /** Counts the recommended items of taste 0, whose ids are divisible by 6 in the demo catalogue. */
    private static long itemsOfTasteZero(List<Map<String, Object>> rows) {
        return rows.stream().filter(row -> Scripts.count(db,
                "MATCH (i) WHERE id(i) = " + row.get("itemId") + " RETURN i.id % 6") == 0).count();
    }
}
