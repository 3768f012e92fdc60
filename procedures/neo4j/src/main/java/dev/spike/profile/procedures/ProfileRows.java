package dev.spike.profile.procedures;

import java.util.List;
import java.util.Map;

/** The rows that the {@code spike.profile.*} procedures yield. */
public final class ProfileRows {

    private ProfileRows() {}

    /**
     * One stage of {@code spike.profile.write}.
     *
     * @param kind             ITEM, ENTITY or USER
     * @param generated        profiles generated and written
     * @param skippedUnchanged nodes skipped because their input hash is unchanged, or, with
     *                         {@code onlyMissing}, because they already have a profile
     * @param failed           nodes whose profile could not be generated; they keep their old profile and hash
     * @param tokensIn         prompt tokens, as reported by the provider or estimated
     * @param tokensOut        generated tokens, as reported by the provider or estimated
     * @param millis           wall time of the stage
     * @param failures         up to 100 failures, each with nodeId, reason, status, provider and model
     * @param message          one message about the whole stage, such as "every request timed out", or null
     * @param embedded         nodes of this kind embedded afterwards ({@code embed: true})
     * @param embedMillis      wall time of embedding this kind afterwards, not part of {@code millis}
     * @param embedFailed      nodes of this kind whose embedding failed afterwards; they keep their profile
     * @param embedFailures    up to 100 of those embedding failures, shaped like {@code failures}
     */
    public record Stage(
            String kind, long generated, long skippedUnchanged, long failed, long tokensIn, long tokensOut,
            long millis, List<Map<String, Object>> failures, String message, long embedded, long embedMillis,
            long embedFailed, List<Map<String, Object>> embedFailures) {}

    /**
     * One profile of {@code spike.profile.stream}, not written.
     *
     * @param promptTokens prompt tokens, as reported by the provider or estimated
     * @param failure      the reason when no profile could be generated, else null
     */
    public record Streamed(long nodeId, String kind, String profile, long promptTokens, String failure) {}

    /**
     * One stage of {@code spike.profile.estimate}; no model is called.
     *
     * @param prompts             prompts that would be sent
     * @param skippedUnchanged    nodes that would be skipped as unchanged (or, with {@code onlyMissing}, as present)
     * @param estimatedTokensIn   prompt tokens, ceil(characters / 4) summed over the prompts
     * @param estimatedTokensOut  prompts × {@code maxOutputTokens}, an upper bound
     */
    public record Estimate(String kind, long nodes, long prompts, long skippedUnchanged,
                           long estimatedTokensIn, long estimatedTokensOut) {}

    /**
     * One kind of node of {@code spike.profile.embed}.
     *
     * @param embedded  nodes embedded and written
     * @param skipped   nodes with a profile whose embedding is current, or without a profile
     * @param failed    nodes whose embedding failed; they keep no embedding
     * @param model     embedding model name
     * @param dimension vector length of this call's vectors, else of a stored embedding of the
     *                  same model, else 0
     */
    public record Embedded(String kind, long embedded, long skipped, long failed, String model, long dimension,
                           long millis, List<Map<String, Object>> failures) {}
}
