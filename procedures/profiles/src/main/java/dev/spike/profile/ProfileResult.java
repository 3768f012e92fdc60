package dev.spike.profile;

/**
 * A profile written for one subject.
 *
 * @param subjectId the subject's id
 * @param text      the profile text
 * @param inputHash the {@link InputHash} of the inputs it was written from
 * @param tokensIn  prompt tokens, as reported by the provider or estimated
 * @param tokensOut generated tokens, as reported by the provider or estimated
 * @param attempts  requests made, 1 when the first one succeeded
 * @param provider  provider name
 * @param model     model name
 */
public record ProfileResult(
        String subjectId, String text, String inputHash, int tokensIn, int tokensOut, int attempts,
        String provider, String model) {
}
