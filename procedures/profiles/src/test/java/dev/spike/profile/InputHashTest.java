package dev.spike.profile;

import dev.spike.profile.prompt.PromptBuilder;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputHashTest {

    private static final ProfileSettings SETTINGS = ProfileSettings.fromMap(Map.of("domain", "movies"));

    private static ProfileSubject.Builder base() {
        return ProfileSubject.builder(SubjectKind.ITEM, "m1")
                .name("Heat (1995)")
                .fact("Heat (1995) has genre Crime.")
                .textField("overview", "A thief and a detective.")
                .review("Great shoot-out.")
                .upstreamProfile("A crime genre profile.");
    }

    private static String hash(ProfileSubject subject, ProfileSettings settings, String provider, String model) {
        return InputHash.of(new PromptBuilder(settings).build(subject), provider, model);
    }

    private static String hash(ProfileSubject subject) {
        return hash(subject, SETTINGS, "template", "template");
    }

    @Test
    void sameInputsGiveSameHash() {
        String first = hash(base().build());
        String second = hash(base().build());

        assertEquals(first, second);
        assertEquals(64, first.length());
    }

    @Test
    void idAloneDoesNotChangeHash() {
        ProfileSubject other = new ProfileSubject(SubjectKind.ITEM, "m2", "Heat (1995)",
                List.of("Heat (1995) has genre Crime."), Map.of("overview", "A thief and a detective."),
                List.of("Great shoot-out."), List.of("A crime genre profile."));

        assertEquals(hash(base().build()), hash(other));
    }

    @Test
    void everyInputChangesHash() {
        ProfileSubject subject = base().build();
        Set<String> hashes = new HashSet<>();
        hashes.add(hash(subject));

        hashes.add(hash(base().fact("Heat (1995) has director Michael Mann.").build()));
        hashes.add(hash(base().textField("tagline", "A Los Angeles crime saga.").build()));
        hashes.add(hash(base().review("Too long.").build()));
        hashes.add(hash(base().upstreamProfile("Another profile.").build()));
        hashes.add(hash(base().name("Heat").build()));
        hashes.add(hash(new ProfileSubject(SubjectKind.ENTITY, "m1", subject.name(), subject.facts(),
                subject.textFields(), subject.reviews(), subject.upstreamProfiles())));
        hashes.add(hash(subject, ProfileSettings.fromMap(Map.of("domain", "films")), "template", "template"));
        hashes.add(hash(subject, ProfileSettings.fromMap(Map.of("domain", "movies", "itemSystemPrompt", "Describe it.")),
                "template", "template"));
        hashes.add(hash(subject, SETTINGS, "openai", "template"));
        hashes.add(hash(subject, SETTINGS, "template", "gpt-4o-mini"));

        assertEquals(11, hashes.size(), "each changed input must give a distinct hash");
    }

    @Test
    void settingsOutsidePromptDoNotChangeHash() {
        ProfileSettings other = ProfileSettings.fromMap(Map.of("domain", "movies", "retries", 0L, "timeout", "5s",
                "concurrency", 1L));

        assertEquals(hash(base().build()), hash(base().build(), other, "template", "template"));
    }

    @Test
    void generationSettingsDoNotChangeHash() {
        ProfileSettings plain = ProfileSettings.fromMap(Map.of("domain", "movies", "provider", "openai"));
        ProfileSettings sampled = ProfileSettings.fromMap(Map.of("domain", "movies", "provider", "openai",
                "temperature", 0.7, "maxOutputTokens", 100L));
        ProfileSettings reasoning = ProfileSettings.fromMap(Map.of("domain", "movies", "provider", "openai",
                "reasoningModel", true, "maxOutputTokens", 4000L));
        String expected = hash(base().build(), plain, "openai", "o3");

        assertEquals(expected, hash(base().build(), sampled, "openai", "o3"));
        assertEquals(expected, hash(base().build(), reasoning, "openai", "o3"));
    }

    @Test
    void factBeyondLimitDoesNotChangeHash() {
        ProfileSettings oneFact = ProfileSettings.fromMap(Map.of("maxFacts", 1L));
        ProfileSubject subject = base().build();
        ProfileSubject extraFact = base().fact("Heat (1995) has director Michael Mann.").build();

        assertEquals(hash(subject, oneFact, "template", "template"), hash(extraFact, oneFact, "template", "template"));
        assertTrue(!hash(subject).equals(hash(extraFact)));
    }
}
