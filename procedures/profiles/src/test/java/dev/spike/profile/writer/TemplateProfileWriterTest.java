package dev.spike.profile.writer;

import dev.spike.profile.ProfileSettings;
import dev.spike.profile.ProfileSubject;
import dev.spike.profile.SubjectKind;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.PromptBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TemplateProfileWriterTest {

    private final PromptBuilder prompts = new PromptBuilder(ProfileSettings.fromMap(Map.of("domain", "movies")));
    private final TemplateProfileWriter writer = new TemplateProfileWriter();

    private static ProfileSubject toyStory() {
        return ProfileSubject.builder(SubjectKind.ITEM, "1")
                .name("Toy Story (1995)")
                .fact("(no genres listed)")
                .fact("Toy Story (1995) has genre Animation.")
                .fact("Toy Story (1995) has director John Lasseter.")
                .textField("overview", "Toys come to life when people leave the room. Woody is jealous.")
                .textField("tagline", "(no tagline)")
                .review("A joy for all ages. Watch it.")
                .build();
    }

    @Test
    void sameInputGivesSameProfile() {
        GeneratedProfile first = writer.generate(prompts.build(toyStory()));
        GeneratedProfile second = new TemplateProfileWriter().generate(prompts.build(toyStory()));

        assertEquals(first, second);
    }

    @Test
    void itemProfileUsesFactsTextAndReview() {
        String text = writer.generate(prompts.build(toyStory())).text();

        assertEquals("Toy Story (1995) has genre Animation. Toy Story (1995) has director John Lasseter."
                + " Toys come to life when people leave the room. Reviewers wrote \"A joy for all ages\".", text);
    }

    @Test
    void quotesInsideReviewsBecomeSingle() {
        ProfileSubject subject = ProfileSubject.builder(SubjectKind.ITEM, "2")
                .name("Heat (1995)")
                .review("Too long for me, \"epic\" is not my thing.")
                .build();

        String text = writer.generate(prompts.build(subject)).text();

        assertEquals("Reviewers wrote \"Too long for me, 'epic' is not my thing\".", text);
    }

    @Test
    void profileHasNoPlaceholders() {
        String text = writer.generate(prompts.build(toyStory())).text();

        assertFalse(text.contains("no genres listed"), text);
        assertFalse(text.contains("no tagline"), text);
        assertFalse(text.contains("null"), text);
        assertFalse(text.contains("<"), text);
    }

    @Test
    void entityAndUserProfilesUseUpstreamProfiles() {
        ProfileSubject genre = ProfileSubject.builder(SubjectKind.ENTITY, "g1")
                .name("Crime")
                .fact("Crime is also the genre of Ronin (1998) and Collateral (2004).")
                .upstreamProfile("Heat is a tense crime epic. It runs long.")
                .upstreamProfile("Ronin is a car-chase thriller.")
                .build();
        ProfileSubject user = ProfileSubject.builder(SubjectKind.USER, "u1")
                .upstreamProfile("Heat is a tense crime epic. It runs long.")
                .build();

        String genreText = writer.generate(prompts.build(genre)).text();
        String userText = writer.generate(prompts.build(user)).text();

        assertEquals("Crime is also the genre of Ronin (1998) and Collateral (2004)."
                + " Connected items: Heat is a tense crime epic. Ronin is a car-chase thriller.", genreText);
        assertEquals("Recent items of this user: Heat is a tense crime epic.", userText);
    }

    @Test
    void emptySubjectGivesName() {
        Prompt prompt = prompts.build(ProfileSubject.builder(SubjectKind.ITEM, "x").name("Unknown Film").build());

        GeneratedProfile profile = writer.generate(prompt);

        assertEquals("Unknown Film.", profile.text());
        assertTrue(profile.tokensIn() > 0);
        assertEquals((profile.text().length() + 3) / 4, profile.tokensOut());
    }
}
