package dev.spike.profile;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ProfileSubjectTest {

    @Test
    void missingIdIsRejected() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ProfileSubject.builder(SubjectKind.ITEM, null).build());

        assertEquals("A profile subject needs a kind and an id, got kind=ITEM, id=null", error.getMessage());
    }

    @Test
    void nullsBecomeEmpty() {
        Map<String, String> texts = new HashMap<>();
        texts.put("overview", null);
        texts.put(null, "text");
        List<String> facts = Arrays.asList("A fact.", null);

        ProfileSubject subject = new ProfileSubject(SubjectKind.USER, "u1", null, facts, texts, null, null);

        assertEquals("", subject.name());
        assertEquals(List.of("A fact."), subject.facts());
        assertEquals(Map.of(), subject.textFields());
        assertEquals(List.of(), subject.reviews());
        assertEquals(List.of(), subject.upstreamProfiles());
    }

    @Test
    void listsAreCopied() {
        List<String> reviews = new ArrayList<>(List.of("Good."));
        ProfileSubject subject = new ProfileSubject(SubjectKind.ITEM, "m1", "Heat", null, null, reviews, null);

        reviews.add("Bad.");

        assertEquals(List.of("Good."), subject.reviews());
    }
}
