package dev.spike.movielens;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedData;
import dev.spike.testing.SharedDbms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Loads the real ml-latest-small through {@code cypher/movielens/load.cypher}. */
class MovieLensLoadTest {

    private static EmbeddedNeo4j db;
    private static Path source;

    @BeforeAll
    static void load() throws Exception {
        source = SharedData.folder("ml-latest-small");
        db = SharedDbms.reset();
        Path target = SharedDbms.importDirectory().resolve("ml-latest-small");
        Files.createDirectories(target);
        for (String file : List.of("movies.csv", "ratings.csv", "tags.csv")) {
            Files.copy(source.resolve(file), target.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Scripts.run(db, "schema.cypher", Map.of());
        Scripts.run(db, "movielens/load.cypher", Map.of("base", "file:///ml-latest-small/"));
    }

    @Test
    void countsMatchTheRelease() {
        assertEquals(610, Scripts.count(db, "MATCH (u:User) RETURN count(u)"));
        assertEquals(9742, Scripts.count(db, "MATCH (i:Item) RETURN count(i)"));
        assertEquals(100_836, Scripts.count(db, "MATCH (:User)-[r:RATED]->(:Item) RETURN count(r)"));
        assertEquals(19, Scripts.count(db, "MATCH (g:Genre) RETURN count(g)"));
    }

    @Test
    void placeholderGenreIsNoGenre() {
        assertEquals(0, Scripts.count(db, "MATCH (g:Genre) WHERE g.name = '(no genres listed)' OR trim(g.name) = '' RETURN count(g)"));
        long placeholderMovies = CsvRows.read(source.resolve("movies.csv")).stream()
                .filter(row -> row.get(2).equals("(no genres listed)")).count();
        assertTrue(placeholderMovies > 0);
        assertEquals(placeholderMovies, Scripts.count(db, "MATCH (i:Item) WHERE NOT (i)-[:HAS_GENRE]->() RETURN count(i)"));
    }

    @Test
    void titlesAreKeptExactly() {
        Map<Long, String> expected = new HashMap<>();
        for (List<String> row : CsvRows.read(source.resolve("movies.csv"))) {
            expected.put(Long.parseLong(row.get(0)), row.get(1));
        }
        Map<Long, String> stored = new HashMap<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) RETURN i.id AS id, i.title AS title")) {
            stored.put((Long) row.get("id"), (String) row.get("title"));
        }
        assertEquals(expected, stored);
        assertTrue(expected.values().stream().anyMatch(title -> title.contains(",")));
        assertTrue(expected.values().stream().anyMatch(title -> title.contains("\"")));
        assertTrue(expected.values().stream().anyMatch(title -> !StandardCharsets.US_ASCII.newEncoder().canEncode(title)));
    }

    @Test
    void yearComesOnlyFromATrailingYear() {
        Map<Long, Long> expected = new HashMap<>();
        for (List<String> row : CsvRows.read(source.resolve("movies.csv"))) {
            String title = row.get(1).stripTrailing();
            java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("\\((\\d{4})\\)$").matcher(title);
            expected.put(Long.parseLong(row.get(0)), matcher.find() ? Long.parseLong(matcher.group(1)) : null);
        }
        for (Map<String, Object> row : db.rows("MATCH (i:Item) RETURN i.id AS id, i.year AS year")) {
            assertEquals(expected.get((Long) row.get("id")), row.get("year"), "item " + row.get("id"));
        }
        assertTrue(expected.containsValue(null), "some titles have no trailing year");
        Object babylon = db.rows("MATCH (i:Item {title: 'Babylon 5'}) RETURN i.year AS year").get(0).get("year");
        assertNull(babylon);
    }

    @Test
    void tagsUsedTwiceBecomeEntitiesAndReviews() {
        assertEquals(0, Scripts.count(db, "MATCH (t:Tag) WHERE t.name <> toLower(t.name) RETURN count(t)"));
        assertTrue(Scripts.count(db, "MATCH (t:Tag) RETURN count(t)") > 100);
        assertTrue(Scripts.count(db, "MATCH ()-[r:RATED]->() WHERE r.review IS NOT NULL RETURN count(r)") > 100);
    }

    @Test
    void everyRatingHasRatingAndTimestamp() {
        assertEquals(0, Scripts.count(db,
                "MATCH ()-[r:RATED]->() WHERE r.rating IS NULL OR r.timestamp IS NULL RETURN count(r)"));
    }
}
