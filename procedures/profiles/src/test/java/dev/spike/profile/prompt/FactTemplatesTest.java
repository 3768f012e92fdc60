package dev.spike.profile.prompt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FactTemplatesTest {

    @Test
    void oneHopReadsRelationAsNoun() {
        assertEquals(Optional.of("Heat (1995) has genre Crime."), FactTemplates.oneHop("Heat (1995)", "genre", "Crime"));
        assertEquals(Optional.of("Heat (1995) has genre Crime."), FactTemplates.oneHop("Heat (1995)", "HAS_GENRE", "Crime"));
        assertEquals(Optional.of("Heat (1995) has genre Crime."), FactTemplates.oneHop("Heat (1995)", "has_genre", "Crime"));
        assertEquals(Optional.of("Heat (1995) has genre Crime."), FactTemplates.oneHop("Heat (1995)", "hasGenre", "Crime"));
    }

    @Test
    void oneHopReadsLongRelationAsVerb() {
        assertEquals(Optional.of("Al Pacino acted in Heat (1995)."),
                FactTemplates.oneHop("Al Pacino", "ACTED_IN", "Heat (1995)"));
    }

    @Test
    void twoHopListsOtherSubjects() {
        assertEquals(Optional.of("Crime is also the genre of Ronin (1998) and Collateral (2004)."),
                FactTemplates.twoHop("Crime", "HAS_GENRE", List.of("Ronin (1998)", "Collateral (2004)")));
        assertEquals(Optional.of("Crime is also the genre of A, B and C."),
                FactTemplates.twoHop("Crime", "genre", List.of("A", "B", "C")));
    }

    @Test
    void mostFrequentReadsNounRelations() {
        assertEquals(Optional.of("The genre most frequent among Ana's items is Drama (14 items), then Comedy (9) and Crime (7)."),
                FactTemplates.mostFrequent("Ana", "HAS_GENRE", true, List.of(
                        new FactTemplates.Count("Drama", 14), new FactTemplates.Count("Comedy", 9),
                        new FactTemplates.Count("Crime", 7))));
        assertEquals(Optional.of("The genre most frequent among Ana's items is Drama (1 item)."),
                FactTemplates.mostFrequent("Ana", "genre", true, List.of(new FactTemplates.Count("Drama", 1))));
    }

    @Test
    void mostFrequentReadsVerbRelationsInBothDirections() {
        assertEquals(Optional.of("Of Ana's items, 12 released in decade 1990s, then 2000s (8)."),
                FactTemplates.mostFrequent("Ana", "released_in_decade", true, List.of(
                        new FactTemplates.Count("1990s", 12), new FactTemplates.Count("2000s", 8))));
        assertEquals(Optional.of("Of Ana's items, Al Pacino acted in 3, then Robert De Niro (2)."),
                FactTemplates.mostFrequent("Ana", "ACTED_IN", false, List.of(
                        new FactTemplates.Count("Al Pacino", 3), new FactTemplates.Count("Robert De Niro", 2))));
    }

    @Test
    void mostFrequentLeavesOutPlaceholders() {
        assertEquals(Optional.of("The genre most frequent among Ana's items is Comedy (2 items)."),
                FactTemplates.mostFrequent("Ana", "genre", true, List.of(
                        new FactTemplates.Count("(no genres listed)", 5), new FactTemplates.Count("Comedy", 2),
                        new FactTemplates.Count("Crime", 0))));
        assertEquals(Optional.empty(), FactTemplates.mostFrequent("Ana", "genre", true, List.of()));
        assertEquals(Optional.empty(), FactTemplates.mostFrequent("Ana", "genre", true,
                List.of(new FactTemplates.Count("unknown", 3))));
        assertEquals(Optional.empty(), FactTemplates.mostFrequent("", "genre", true,
                List.of(new FactTemplates.Count("Comedy", 3))));
    }

    @Test
    void placeholdersNeverBecomeFacts() {
        assertEquals(Optional.empty(), FactTemplates.oneHop("Toy Story", "genre", "(no genres listed)"));
        assertEquals(Optional.empty(), FactTemplates.oneHop("Toy Story", "genre", ""));
        assertEquals(Optional.empty(), FactTemplates.oneHop("Toy Story", "genre", "  "));
        assertEquals(Optional.empty(), FactTemplates.oneHop("Toy Story", "genre", null));
        assertEquals(Optional.empty(), FactTemplates.oneHop("", "genre", "Comedy"));
        assertEquals(Optional.empty(), FactTemplates.twoHop("(no genres listed)", "genre", List.of("A")));
        assertEquals(Optional.empty(), FactTemplates.twoHop("Crime", "genre", List.of("", "N/A")));
        assertEquals(Optional.of("Crime is also the genre of A."),
                FactTemplates.twoHop("Crime", "genre", List.of("", "A", "unknown")));
    }

    @Test
    void placeholderDetection() {
        assertTrue(FactTemplates.isPlaceholder("(no genres listed)"));
        assertTrue(FactTemplates.isPlaceholder("None"));
        assertTrue(FactTemplates.isPlaceholder("null"));
        assertFalse(FactTemplates.isPlaceholder("Noir"));
        assertFalse(FactTemplates.isPlaceholder("(500) Days of Summer"));
        assertTrue(FactTemplates.containsPlaceholder("Toy Story has genre (no genres listed)."));
        assertFalse(FactTemplates.containsPlaceholder("Heat (1995) has genre Crime."));
    }
}
