package dev.spike.profile.writer;

/**
 * A profile text with its token usage. Providers that report no usage get the
 * {@link dev.spike.profile.prompt.TokenEstimate} instead.
 *
 * @param text      the profile, never blank
 * @param tokensIn  prompt tokens
 * @param tokensOut generated tokens
 */
public record GeneratedProfile(String text, int tokensIn, int tokensOut) {
}
