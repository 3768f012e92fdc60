package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.count;
import static dev.spike.kgat.KgatFixtures.export;
import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.interactionLines;
import static dev.spike.kgat.KgatFixtures.lineSet;
import static dev.spike.kgat.KgatFixtures.load;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spike.testing.SharedData;
import dev.spike.testing.SharedDbms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Loads ml-kg, the KGAT conversion of MovieLens ml-latest-small kept beside the repository. Its
 * files are copied into the test DBMS's import directory for the run and deleted afterwards,
 * because the GroupLens licence forbids putting them into the repository.
 */
class KgatBenchmarkDatasetTest {

    private static final List<String> FILES = List.of(
            "train.txt", "test.txt", "kg_final.txt", "user_list.txt", "item_list.txt", "entity_list.txt", "relation_list.txt");

    @AfterAll
    static void deleteCopies() throws Exception {
        KgatFixtures.deleteRecursively(SharedDbms.importDirectory().resolve("kgat-ml-kg"));
        KgatFixtures.deleteRecursively(SharedDbms.importDirectory().resolve("kgat-ml-kg-out"));
    }

    @Test
    void mlKgCountsMatchItsStatistics() throws Exception {
        Path source = SharedData.folder("ml-kg");
        SharedDbms.reset();
        Path copy = folder("kgat-ml-kg", Map.of());
        for (String name : FILES) {
            Files.copy(source.resolve(name), copy.resolve(name), StandardCopyOption.REPLACE_EXISTING);
        }

        Map<String, Object> row = load("kgat-ml-kg", Map.of());

        assertEquals(603L, row.get("users"));
        assertEquals(6_298L, row.get("items"));
        assertEquals(6_875L - 6_298L, row.get("entities"));
        assertEquals(23_462L, row.get("kgTriples"));
        assertEquals(38_858L, row.get("trainInteractions"));
        assertEquals(9_704L, row.get("testInteractions"));
        assertEquals(3L, row.get("relationTypes"));
        assertEquals(603, count("MATCH (n:User) RETURN count(n)"));
        assertEquals(6_298, count("MATCH (n:Item) RETURN count(n)"));
        assertEquals(577, count("MATCH (n:Entity) RETURN count(n)"));
        assertEquals(14_693, count("MATCH (:Item)-[r:HAS_GENRE]->(:Entity) RETURN count(r)"));
        assertEquals(6_290, count("MATCH (:Item)-[r:RELEASED_IN_DECADE]->(:Entity) RETURN count(r)"));
        assertEquals(2_479, count("MATCH (:Item)-[r:TAGGED_WITH]->(:Entity) RETURN count(r)"));
        assertEquals(38_858, count("MATCH (:User)-[r:RATED {split: 'train'}]->(:Item) RETURN count(r)"));
        assertEquals(9_704, count("MATCH (:User)-[r:RATED {split: 'test'}]->(:Item) RETURN count(r)"));
        assertEquals(1, count("MATCH (i:Item {id: 0, title: 'Toy Story (1995)', originalId: '1'}) RETURN count(i)"));
        assertEquals(1, count("MATCH (e:Entity {id: 6298, name: 'genre:Adventure'}) RETURN count(e)"));

        Path target = folder("kgat-ml-kg-out", Map.of());
        Map<String, Object> exported = export("kgat-ml-kg-out", Map.of());

        assertEquals(23_462L, exported.get("kgTriples"));
        assertEquals(interactionLines(source.resolve("train.txt")), interactionLines(target.resolve("train.txt")));
        assertEquals(interactionLines(source.resolve("test.txt")), interactionLines(target.resolve("test.txt")));
        assertEquals(lineSet(source.resolve("kg_final.txt")), lineSet(target.resolve("kg_final.txt")));
    }
}
