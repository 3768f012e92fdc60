package dev.spike.profile.prompt;

import dev.spike.profile.SubjectKind;

import java.util.List;

/**
 * A rendered prompt together with the inputs that went into it after the limits were applied,
 * so an offline writer can compose a profile from exactly the same material.
 *
 * @param kind             the kind of subject
 * @param name             the subject's display name
 * @param systemPrompt     the system message
 * @param userPrompt       the user message, with all subject data inside delimited data blocks
 * @param estimatedTokens  {@link TokenEstimate} of system and user prompt together
 * @param facts            facts kept, in prompt order
 * @param texts            item text fields kept, capped, in prompt order
 * @param reviews          reviews kept, capped, in prompt order
 * @param upstreamProfiles upstream profiles kept, in prompt order
 */
public record Prompt(
        SubjectKind kind,
        String name,
        String systemPrompt,
        String userPrompt,
        int estimatedTokens,
        List<String> facts,
        List<String> texts,
        List<String> reviews,
        List<String> upstreamProfiles) {

    public Prompt {
        facts = List.copyOf(facts);
        texts = List.copyOf(texts);
        reviews = List.copyOf(reviews);
        upstreamProfiles = List.copyOf(upstreamProfiles);
    }
}
