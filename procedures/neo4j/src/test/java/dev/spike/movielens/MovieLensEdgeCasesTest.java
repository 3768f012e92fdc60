package dev.spike.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Placeholder values and file encodings that break MovieLens loaders. */
class MovieLensEdgeCasesTest {

    private static void load(EmbeddedNeo4j db, Path folder) throws Exception {
        Path target = SharedDbms.importDirectory().resolve("edge");
        Files.createDirectories(target);
        for (String name : List.of("movies.csv", "ratings.csv", "tags.csv")) {
            Files.copy(folder.resolve(name), target.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Scripts.run(db, "schema.cypher", Map.of());
        Scripts.run(db, "movielens/load.cypher", Map.of("base", "file:///edge/"));
    }

    @Test
    void noGenresListedCreatesNoGenre(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("movies.csv"), """
                movieId,title,genres
                1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy
                2,Some Festival Short (2015),(no genres listed)
                3,Another Short (2016),
                """);
        Files.writeString(folder.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n");
        Files.writeString(folder.resolve("tags.csv"), "userId,movieId,tag,timestamp\n");
        EmbeddedNeo4j db = SharedDbms.reset();

        load(db, folder);

        assertEquals(5, Scripts.count(db, "MATCH (g:Genre) RETURN count(g)"));
        assertEquals(0, Scripts.count(db, "MATCH (g:Genre) WHERE g.name = '(no genres listed)' OR trim(g.name) = '' RETURN count(g)"));
        assertEquals(0, Scripts.count(db, "MATCH (i:Item)-[:HAS_GENRE]->() WHERE i.id IN [2, 3] RETURN count(i)"));
        assertEquals(3, Scripts.count(db, "MATCH (i:Item) RETURN count(i)"));
    }

    @Test
    void latinOneFileIsRejectedWithFileLineAndByte(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        writeLatinOneDat(folder);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensFiles.prepare(folder, null, folder.resolve("staging")));

        assertTrue(error.getMessage().startsWith("movies.dat line 1: byte 0xE9 is not valid UTF-8."), error.getMessage());
        assertTrue(error.getMessage().contains("--encoding ISO-8859-1"), error.getMessage());
    }

    @Test
    void latinOneFileLoadsWithTheEncodingOption(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        writeLatinOneDat(folder);
        Path staged = MovieLensFiles.prepare(folder, StandardCharsets.ISO_8859_1, folder.resolve("staging"));
        EmbeddedNeo4j db = SharedDbms.reset();

        load(db, staged);

        List<Map<String, Object>> rows = db.rows("MATCH (i:Item) RETURN i.id AS id, i.title AS title, i.year AS year ORDER BY id");
        assertEquals("Café au lait (1993)", rows.get(0).get("title"));
        assertEquals(1993L, rows.get(0).get("year"));
        assertEquals("Toy Story (1995)", rows.get(1).get("title"));
        assertEquals(3, Scripts.count(db, "MATCH (g:Genre) WHERE g.name IN ['Animation', \"Children's\", 'Comedy'] RETURN count(g)"));
        assertEquals(2, Scripts.count(db, "MATCH ()-[r:RATED]->() RETURN count(r)"));
    }

    @Test
    void loadCsvAloneWouldStoreReplacementCharacters() throws Exception {
        // Why the runner checks encodings itself: LOAD CSV decodes every file as UTF-8 and
        // silently replaces bytes that are not valid UTF-8.
        Path file = SharedDbms.importDirectory().resolve("latin1.csv");
        Files.write(file, "title\nCaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        String stored = (String) SharedDbms.get()
                .rows("LOAD CSV WITH HEADERS FROM 'file:///latin1.csv' AS row RETURN row.title AS title").get(0).get("title");

        assertEquals("Caf\uFFFD", stored);
    }

    @Test
    void malformedDatLineNamesFileAndLine(@org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("movies.dat"), "1::Heat (1995)::Crime\n2::Broken line\n");
        Files.writeString(folder.resolve("ratings.dat"), "1::1::4::978300760\n");

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MovieLensFiles.prepare(folder, null, folder.resolve("staging")));

        assertEquals("movies.dat line 2: expected 3 fields separated by '::', found 2 in '2::Broken line'", error.getMessage());
    }

    private static void writeLatinOneDat(Path folder) throws Exception {
        String movies = "1::Café au lait (1993)::Comedy\n2::Toy Story (1995)::Animation|Children's|Comedy\n";
        Files.write(folder.resolve("movies.dat"), movies.getBytes(StandardCharsets.ISO_8859_1));
        Files.write(folder.resolve("ratings.dat"), "1::1::4::978300760\n1::2::5::978300761\n".getBytes(StandardCharsets.ISO_8859_1));
    }
}
