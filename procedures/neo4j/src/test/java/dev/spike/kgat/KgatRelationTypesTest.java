package dev.spike.kgat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class KgatRelationTypesTest {

    @Test
    void namesBecomeUpperSnakeCase() {
        assertEquals("HAS_GENRE", RelationTypes.fromName("has_genre"));
        assertEquals("RELEASED_IN_DECADE", RelationTypes.fromName("released in decade"));
        assertEquals("FILM_FILM_GENRE", RelationTypes.fromName("http://rdf.freebase.com/ns/film.film.genre"));
        assertEquals("TYPE", RelationTypes.fromName("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"));
        assertNull(RelationTypes.fromName("1st_relation"));
        assertNull(RelationTypes.fromName("---"));
    }

    @Test
    void unusableNamesFallBackToRelationIds() {
        TreeMap<Integer, String> names = new TreeMap<>(Map.of(0, "genre", 1, "Genre", 2, "rated", 3, "2nd", 4, "`x`"));

        Map<Integer, String> types = RelationTypes.choose(new TreeSet<>(names.keySet()), names, "RATED");

        assertEquals(Map.of(0, "GENRE", 1, "R1", 2, "R2", 3, "R3", 4, "X"), types);
    }

    @Test
    void withoutListTypesAreRelationIds() {
        Map<Integer, String> types = RelationTypes.choose(new TreeSet<>(java.util.List.of(0, 7)), null, "RATED");

        assertEquals(Map.of(0, "R0", 7, "R7"), types);
    }
}
