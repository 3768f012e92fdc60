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
