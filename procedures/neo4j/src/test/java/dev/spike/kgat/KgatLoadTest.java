package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.count;
import static dev.spike.kgat.KgatFixtures.export;
import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.interactionLines;
import static dev.spike.kgat.KgatFixtures.lineSet;
import static dev.spike.kgat.KgatFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.testing.SharedDbms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KgatLoadTest {

    private static final Map<String, String> SHARED_IDS = Map.of(
            "train.txt", "0 0 1\n1 1 2\n",
            "test.txt", "0 2\n1 0\n",
            "kg_final.txt", "0 0 3\n1 0 3\n1 1 4\n");

    /** SHARED_IDS with user 0's test item 2 moved into training, as a new split would move it. */
    private static final Map<String, String> RESPLIT_IDS = Map.of(
            "train.txt", "0 0 1 2\n1 1 2\n",
            "test.txt", "1 0\n",
            "kg_final.txt", "0 0 3\n1 0 3\n1 1 4\n");

    @Test
    void usersAndItemsOnlyInTestAreCreated() throws Exception {
        SharedDbms.reset();
        folder("kgat-test-only", Map.of(
                "train.txt", "0 0 1\n1 1\n",
                "test.txt", "0 2\n2 0\n",
                "kg_final.txt", "0 0 3\n2 0 3\n"));

        Map<String, Object> row = load("kgat-test-only", Map.of());

        assertEquals(List.of(0L, 1L, 2L), ids("MATCH (n:User) RETURN n.id AS id ORDER BY id"));
        assertEquals(List.of(0L, 1L, 2L), ids("MATCH (n:Item) RETURN n.id AS id ORDER BY id"));
        assertEquals(List.of(3L), ids("MATCH (n:Entity) RETURN n.id AS id ORDER BY id"));
        assertEquals(0, count("MATCH (:User {id: 2})-[r:RATED {split: 'train'}]->() RETURN count(r)"));
        assertEquals(1, count("MATCH (:User {id: 2})-[r:RATED {split: 'test'}]->(:Item {id: 0}) RETURN count(r)"));
        assertEquals(1, count("MATCH (:Item {id: 2})-[r:R0]->(:Entity {id: 3}) RETURN count(r)"));
        assertEquals(3L, row.get("users"));
        assertEquals(3L, row.get("items"));
        assertEquals(1L, row.get("entities"));
        assertEquals(3L, row.get("trainInteractions"));
        assertEquals(2L, row.get("testInteractions"));
        assertEquals(2L, row.get("kgTriples"));
        assertEquals(1L, row.get("relationTypes"));
    }

    @Test
    void itemHeadsAttachToItemNodes() throws Exception {
        SharedDbms.reset();
        folder("kgat-shared-ids", SHARED_IDS);

        load("kgat-shared-ids", Map.of());

        assertEquals(2, count("MATCH (n:User) RETURN count(n)"));
        assertEquals(3, count("MATCH (n:Item) RETURN count(n)"));
        assertEquals(List.of(3L, 4L), ids("MATCH (n:Entity) RETURN n.id AS id ORDER BY id"));
        assertEquals(0, count("MATCH (n:Entity) WHERE n:Item OR n:User RETURN count(n)"));
        assertEquals(0, count("MATCH (n:Item) WHERE n:User RETURN count(n)"));
        assertEquals(1, count("MATCH (:Item {id: 0})-[r:R0 {relationId: 0}]->(:Entity {id: 3}) RETURN count(r)"));
        assertEquals(1, count("MATCH (:Item {id: 1})-[r:R1 {relationId: 1}]->(:Entity {id: 4}) RETURN count(r)"));
        assertEquals(0, count("MATCH (:User)-[r]->(:Entity) RETURN count(r)"));
        assertEquals(0, count("MATCH (:Item {id: 2})-[r:R0|R1]-() RETURN count(r)"));
        assertEquals(1, count("MATCH (u:User {id: 0}), (i:Item {id: 0}) WHERE u <> i RETURN count(*)"));
        assertEquals(1, count("MATCH (:User {id: 0})-[r:RATED {split: 'train'}]->(:Item {id: 0}) RETURN count(r)"));
    }

    @Test
    void exportGivesTheLoadedFilesBack() throws Exception {
        SharedDbms.reset();
        Path source = folder("kgat-round-trip", SHARED_IDS);
        load("kgat-round-trip", Map.of());
        Path target = folder("kgat-round-trip-out", Map.of());

        Map<String, Object> row = export("kgat-round-trip-out", Map.of("overwrite", true));

        assertEquals(target.toString(), row.get("folder"));
        assertEquals(4L, row.get("trainInteractions"));
        assertEquals(2L, row.get("testInteractions"));
        assertEquals(3L, row.get("kgTriples"));
        for (String name : List.of("train.txt", "test.txt")) {
            assertEquals(interactionLines(source.resolve(name)), interactionLines(target.resolve(name)), name);
        }
        assertEquals(lineSet(source.resolve("kg_final.txt")), lineSet(target.resolve("kg_final.txt")));
    }

    @Test
    void exportKeepsUsersWithoutItems() throws Exception {
        SharedDbms.reset();
        folder("kgat-bare-user", Map.of("train.txt", "0 0\n1\n", "test.txt", "0 1\n", "kg_final.txt", "0 0 2\n"));
        load("kgat-bare-user", Map.of());
        Path target = folder("kgat-bare-user-out", Map.of());

        export("kgat-bare-user-out", Map.of());

        assertEquals(Map.of("0", java.util.Set.of("0"), "1", java.util.Set.of()), interactionLines(target.resolve("train.txt")));
    }

    @Test
    void exportRejectsExistingFilesWithoutOverwrite() throws Exception {
        SharedDbms.reset();
        folder("kgat-existing", Map.of("train.txt", "0 0\n"));

        String message = KgatFixtures.exportError("kgat-existing", Map.of());

        assertEquals("train.txt already exists in " + SharedDbms.importDirectory().resolve("kgat-existing")
                + ". Pass {overwrite: true} to replace it, or export to another folder.", message);
    }

    @Test
    void duplicateNodeIdsAreRejected() throws Exception {
        SharedDbms.reset();
        SharedDbms.get().rows("CREATE (:Entity {id: 3}), (:Entity {id: 3})");
        folder("kgat-duplicates", SHARED_IDS);

        String message = KgatFixtures.loadError("kgat-duplicates", Map.of());

        assertEquals("The graph has more than one :Entity node with id 3, so KGAT ids cannot be matched to nodes. "
                + "Remove the duplicates or load into an empty database.", message);
        assertEquals(2, count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void labelSharedWithOtherDataIsRejected() throws Exception {
        SharedDbms.reset();
        SharedDbms.get().rows("CREATE (:Entity:Genre {name: 'Comedy'}), (:Entity:Genre {name: 'Drama'})");
        folder("kgat-shared-entities", SHARED_IDS);

        String message = KgatFixtures.loadError("kgat-shared-entities",
                Map.of("userLabel", "KUser", "itemLabel", "KItem", "interactionType", "KRATED"));

        assertEquals("The graph has 2 :Entity nodes without an integer id, which a KGAT load does not create, so they "
                + "belong to other data. Pass entityLabel with a label of its own, or load into an empty database.",
                message);
        assertEquals(2, count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void exportRejectsNonIntegerIds() throws Exception {
        SharedDbms.reset();
        SharedDbms.get().rows("CREATE (:User {id: 'u1'})-[:RATED {split: 'train'}]->(:Item {id: 0})");
        folder("kgat-text-ids-out", Map.of());

        String message = KgatFixtures.exportError("kgat-text-ids-out", Map.of());

        assertEquals("Cannot export the id of a :User node: found u1, but KGAT files need non-negative integer ids. "
                + "Fix or remove that value and export again.", message);
    }

    @Test
    void loadingTwiceChangesNothing() throws Exception {
        SharedDbms.reset();
        folder("kgat-twice", SHARED_IDS);
        Map<String, Object> first = load("kgat-twice", Map.of());

        Map<String, Object> second = load("kgat-twice", Map.of("batchSize", 2));

        assertEquals(7L, first.get("nodesCreated"));
        assertEquals(9L, first.get("relationshipsCreated"));
        assertEquals(0L, second.get("nodesCreated"));
        assertEquals(0L, second.get("relationshipsCreated"));
        assertEquals(7, count("MATCH (n) RETURN count(n)"));
        assertEquals(9, count("MATCH ()-[r]->() RETURN count(r)"));
    }

    @Test
    void changedFolderIsRejected() throws Exception {
        SharedDbms.reset();
        folder("kgat-first", SHARED_IDS);
        load("kgat-first", Map.of());
        // Merged with the first load, user 0's pair with item 2 would be in both splits.
        folder("kgat-resplit", RESPLIT_IDS);

        String message = KgatFixtures.loadError("kgat-resplit", Map.of());

        assertEquals("The graph already contains 1 :RATED relationship from :User to :Item that train.txt and test.txt do "
                + "not list under that split, such as user 0 to item 2 with split 'test'. Loading this folder would mix "
                + "two versions of the dataset, and a pair could count as both training and test. If they are an older "
                + "load of this dataset, delete them first; otherwise load into an empty database, or under labels "
                + "and a type of its own (userLabel, itemLabel, entityLabel, interactionType), because :Item nodes "
                + "with the same ids would be taken as this folder's.", message);
        assertEquals(2, count("MATCH ()-[r:RATED {split: 'test'}]->() RETURN count(r)"));
        assertEquals(4, count("MATCH ()-[r:RATED {split: 'train'}]->() RETURN count(r)"));
    }

    @Test
    void loadsAfterOldInteractionsDeleted() throws Exception {
        SharedDbms.reset();
        folder("kgat-old", SHARED_IDS);
        load("kgat-old", Map.of());
        folder("kgat-new", RESPLIT_IDS);
        // The deletion that docs/kgat.md gives.
        SharedDbms.get().rows("MATCH (:User)-[r:RATED]->(:Item) CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS");

        load("kgat-new", Map.of());

        assertEquals(1, count("MATCH ()-[r:RATED {split: 'test'}]->() RETURN count(r)"));
        assertEquals(5, count("MATCH ()-[r:RATED {split: 'train'}]->() RETURN count(r)"));
        assertEquals(3, count("MATCH (:User {id: 0})-[r:RATED {split: 'train'}]->(i:Item) "
                + "WHERE r.position = i.id + 1 RETURN count(r)"));
    }

    @Test
    void overlappingLoadFails() throws Exception {
        SharedDbms.reset();
        folder("kgat-overlap", SHARED_IDS);
        String message;
        try (var running = dev.spike.config.ExclusiveWrites.claim(
                List.of(List.of("nodes", "neo4j", "Item")), index -> "held by this test")) {
            message = KgatFixtures.loadError("kgat-overlap", Map.of());
        }

        assertEquals("another call is writing :Item nodes of database 'neo4j'. Wait for it to finish, or terminate it, "
                + "and load again.", message);
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
        assertEquals(7L, load("kgat-overlap", Map.of()).get("nodesCreated"));
    }

    @Test
    void exportLoadsBackOverItsSource() throws Exception {
        SharedDbms.reset();
        Map<String, String> named = new java.util.HashMap<>(SHARED_IDS);
        named.put("relation_list.txt", "org_id remap_id\nhas_genre 0\nhas_tag 1\n");
        folder("kgat-named", named);
        load("kgat-named", Map.of());
        Path exported = folder("kgat-named-out", Map.of());
        export("kgat-named-out", Map.of());

        Map<String, Object> reloaded = load("kgat-named-out", Map.of());

        assertEquals(List.of("org_id remap_id", "HAS_GENRE 0", "HAS_TAG 1"),
                Files.readAllLines(exported.resolve("relation_list.txt")));
        assertEquals(0L, reloaded.get("relationshipsCreated"), "the KG keeps its types instead of gaining R0 and R1");
        assertEquals(0, count("MATCH ()-[r]->() WHERE type(r) STARTS WITH 'R' AND type(r) <> 'RATED' RETURN count(r)"));
    }

    @Test
    void smallBatchesWriteEverything() throws Exception {
        SharedDbms.reset();
        folder("kgat-batches", SHARED_IDS);

        Map<String, Object> row = load("kgat-batches", Map.of("batchSize", 1));

        assertEquals(7L, row.get("nodesCreated"));
        assertEquals(9L, row.get("relationshipsCreated"));
        assertEquals(6, count("MATCH ()-[r:RATED]->() RETURN count(r)"));
    }

    @Test
    void tabSeparatedListsNameNodesAndTypes() throws Exception {
        SharedDbms.reset();
        folder("kgat-lists", Map.of(
                "train.txt", "0 0 1\n",
                "test.txt", "1 1\n",
                "kg_final.txt", "0 0 2\n1 1 3\n",
                "user_list.txt", "org_id\tremap_id\n17\t0\n42\t1\n",
                "item_list.txt", "org_id\tremap_id\ttitle\n1\t0\tToy Story (1995)\n2\t1\tJumanji (1995)\n",
                "entity_list.txt", "org_id\tremap_id\n1\t0\n2\t1\ngenre:Adventure\t2\ndecade:1990s\t3\n",
                "relation_list.txt", "org_id\tremap_id\nhas_genre\t0\nreleased_in_decade\t1\n"));

        Map<String, Object> row = load("kgat-lists", Map.of());

        assertEquals(2L, row.get("relationTypes"));
        assertEquals(1, count("MATCH (:Item {id: 0, title: 'Toy Story (1995)', originalId: '1'})"
                + "-[:HAS_GENRE {relationId: 0}]->(:Entity {id: 2, name: 'genre:Adventure'}) RETURN count(*)"));
        assertEquals(1, count("MATCH (:Item {id: 1, title: 'Jumanji (1995)'})"
                + "-[:RELEASED_IN_DECADE {relationId: 1}]->(:Entity {id: 3, name: 'decade:1990s'}) RETURN count(*)"));
        assertEquals(1, count("MATCH (u:User {id: 1, originalId: '42'}) RETURN count(u)"));
        assertEquals(0, count("MATCH (i:Item) WHERE i.name IS NOT NULL RETURN count(i)"));
    }

    @Test
    void spaceSeparatedListsWithUriRelations() throws Exception {
        SharedDbms.reset();
        folder("kgat-space-lists", Map.of(
                "train.txt", "0 0\n",
                "test.txt", "0 1\n",
                "kg_final.txt", "0 0 2\n1 1 2\n",
                "item_list.txt", "org_id remap_id freebase_id\n0553092626 0 m.04ctgrp\n0393316041 1 m.0dn4v1\n",
                "entity_list.txt", "org_id remap_id\nm.04ctgrp 0\nm.0dn4v1 1\nm.045wq1q 2\n",
                "relation_list.txt", "org_id remap_id\nhttp://rdf.freebase.com/ns/book.written_work.subjects 0\n"
                        + "http://www.w3.org/1999/02/22-rdf-syntax-ns#type 1\n"));

        load("kgat-space-lists", Map.of());

        assertEquals(1, count("MATCH (:Item {id: 0, originalId: '0553092626'})-[:BOOK_WRITTEN_WORK_SUBJECTS]->"
                + "(:Entity {id: 2, name: 'm.045wq1q'}) RETURN count(*)"));
        assertEquals(1, count("MATCH (:Item {id: 1})-[:TYPE]->(:Entity {id: 2}) RETURN count(*)"));
        assertEquals(0, count("MATCH (i:Item) WHERE i.title IS NOT NULL RETURN count(i)"));
    }

    @Test
    void spaceSeparatedNamesKeepTheirSpaces() throws Exception {
        SharedDbms.reset();
        folder("kgat-space-names", Map.of(
                "train.txt", "0 0\n",
                "test.txt", "0 1\n",
                "kg_final.txt", "0 0 2\n",
                "item_list.txt", "org_id remap_id title\n1 0 Toy Story (1995)\n2 1 Heat\n",
                "entity_list.txt", "org_id remap_id\nThe Beatles 2\n",
                "relation_list.txt", "org_id remap_id\nperformed by 0\n"));

        load("kgat-space-names", Map.of());

        assertEquals(1, count("MATCH (:Item {id: 0, originalId: '1', title: 'Toy Story (1995)'})"
                + "-[:PERFORMED_BY]->(:Entity {id: 2, name: 'The Beatles'}) RETURN count(*)"));
        assertEquals(1, count("MATCH (i:Item {id: 1, title: 'Heat'}) RETURN count(i)"));
    }

    @Test
    void configuredLabelsAndTypesRoundTrip() throws Exception {
        SharedDbms.reset();
        Path source = folder("kgat-custom", SHARED_IDS);
        Map<String, Object> names = Map.of(
                "userLabel", "Reader", "itemLabel", "Book", "entityLabel", "Concept",
                "interactionType", "READ", "splitProperty", "part");

        load("kgat-custom", names);
        Path target = folder("kgat-custom-out", Map.of());
        export("kgat-custom-out", names);

        assertEquals(2, count("MATCH (n:Reader) RETURN count(n)"));
        assertEquals(3, count("MATCH (n:Book) RETURN count(n)"));
        assertEquals(2, count("MATCH (n:Concept) RETURN count(n)"));
        assertEquals(2, count("MATCH ()-[r:READ {part: 'test'}]->() RETURN count(r)"));
        assertEquals(0, count("MATCH (n) WHERE n:User OR n:Item OR n:Entity RETURN count(n)"));
        assertEquals(interactionLines(source.resolve("train.txt")), interactionLines(target.resolve("train.txt")));
        assertEquals(lineSet(source.resolve("kg_final.txt")), lineSet(target.resolve("kg_final.txt")));
    }

    @Test
    void interactionsKeepTheirPlaceOnTheUsersLine() throws Exception {
        SharedDbms.reset();
        Path source = folder("kgat-positions", Map.of(
                "train.txt", "0 2 0 2 1\n1 1\n1 0\n",
                "test.txt", "0 3\n",
                "kg_final.txt", "0 0 4\n"));

        load("kgat-positions", Map.of("positionProperty", "place"));
        Path target = folder("kgat-positions-out", Map.of());
        export("kgat-positions-out", Map.of("positionProperty", "place"));

        assertEquals(List.of(2L, 0L, 1L), ids("MATCH (:User {id: 0})-[r:RATED {split: 'train'}]->(i) "
                + "RETURN i.id AS id ORDER BY r.place"));
        assertEquals(List.of(1L, 2L, 3L), ids("MATCH (:User {id: 0})-[r:RATED {split: 'train'}]->() "
                + "RETURN r.place AS id ORDER BY id"));
        assertEquals(List.of(1L, 2L), ids("MATCH (:User {id: 1})-[r:RATED]->() RETURN r.place AS id ORDER BY id"),
                "a user on two lines keeps counting");
        assertEquals(List.of(1L), ids("MATCH (:User {id: 0})-[r:RATED {split: 'test'}]->() RETURN r.place AS id"));
        assertEquals(0, count("MATCH ()-[r:RATED]->() WHERE r.position IS NOT NULL RETURN count(r)"));
        assertEquals(List.of("0 2 0 1", "1 1 0"), Files.readAllLines(target.resolve("train.txt")),
                "export writes each user's items in their loaded order, repeats dropped");
        assertEquals(lineSet(source.resolve("kg_final.txt")), lineSet(target.resolve("kg_final.txt")));
    }

    @Test
    void exportRejectsAKgWithoutRelationIds() throws Exception {
        SharedDbms.reset();
        SharedDbms.get().rows("CREATE (:User {id: 0})-[:RATED {split: 'train'}]->(i:Item {id: 0})-[:HAS_GENRE]->"
                + "(:Entity {id: 1, name: 'Crime'})");
        Path target = folder("kgat-unnumbered-out", Map.of());

        String message = KgatFixtures.exportError("kgat-unnumbered-out", Map.of());

        assertEquals("no relationship between :Item and :Entity nodes has a relationId (found :HAS_GENRE without one), so "
                + "kg_final.txt would be empty. Set an integer relationId per relationship type on the KG relationships "
                + "to export, e.g. MATCH ()-[r:`HAS_GENRE`]->() SET r.relationId = 0. Their nodes need integer ids too: "
                + "items from 0, other entities after the items.", message);
        assertFalse(Files.exists(target.resolve("train.txt")), "nothing is written");

        SharedDbms.get().rows("MATCH ()-[r:`HAS_GENRE`]->() SET r.relationId = 0");
        SharedDbms.get().rows("MATCH (i:Item {id: 0}) CREATE (i)-[:HAS_GENRE {relationId: 0}]->(:Entity:Genre {name: 'Noir'})");
        assertEquals("Cannot export the id of a tail node (:Entity:Genre) of :HAS_GENRE: found null, but KGAT files need "
                + "non-negative integer ids. Fix or remove that value and export again.",
                KgatFixtures.exportError("kgat-unnumbered-out", Map.of()));
        try (var files = Files.list(target)) {
            assertEquals(List.of(), files.toList(), "a failure part way leaves no file");
        }

        SharedDbms.get().rows("MATCH (e:Entity {name: 'Noir'}) SET e.id = 2");
        export("kgat-unnumbered-out", Map.of());
        assertEquals(List.of("0 0 1", "0 0 2"), Files.readAllLines(target.resolve("kg_final.txt")));
    }

    @Test
    void exportRejectsAPositionPropertyNoInteractionHas() throws Exception {
        SharedDbms.reset();
        folder("kgat-misspelt", Map.of("train.txt", "0 1 0\n", "test.txt", "0 2\n", "kg_final.txt", "0 0 3\n"));
        load("kgat-misspelt", Map.of());
        Path target = folder("kgat-misspelt-out", Map.of());

        String message = KgatFixtures.exportError("kgat-misspelt-out", Map.of("positionProperty", "postion"));

        assertEquals("positionProperty 'postion' is on no :RATED relationship from :User to :Item. Check the "
                + "spelling, or leave the key out to write each user's items in id order.", message);
        assertFalse(Files.exists(target.resolve("train.txt")), "nothing is written");
        KgatFixtures.exportError("kgat-never/made", Map.of("positionProperty", "postion"));
        assertEquals("no :RATED relationship has fold = 'train' or 'test', so train.txt and test.txt would be empty. "
                + "Name the property that holds the split in splitProperty, or run spike.split first.",
                KgatFixtures.exportError("kgat-misspelt-out", Map.of("splitProperty", "fold")));
        assertFalse(Files.exists(SharedDbms.importDirectory().resolve("kgat-never")), "no empty folder is left");
        export("kgat-misspelt-out", Map.of());
        assertEquals(List.of("0 1 0"), Files.readAllLines(target.resolve("train.txt")));
    }

    @Test
    void unusableFolderNamesAreNamed() {
        SharedDbms.reset();
        String message = KgatFixtures.exportError("a".repeat(300), Map.of());
        assertTrue(message.startsWith("cannot use "), message);
        assertTrue(message.endsWith(". Choose another folder under the import directory."), message);
        assertEquals("spike.kgat.export: the folder argument is null. Pass a path, absolute or relative to the "
                + "import directory " + SharedDbms.importDirectory() + ".",
                dev.spike.testing.Errors.messageOf(SharedDbms.get(), "CALL spike.kgat.export(null)", Map.of()));
    }

    private static List<Object> ids(String cypher) {
        return SharedDbms.get().rows(cypher).stream().map(row -> row.get("id")).toList();
    }
}
