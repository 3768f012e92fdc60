package dev.spike.profile;

import java.util.Optional;

/**
 * The outcome of one {@link ProfileRunner#run} call.
 *
 * @param subjects    subjects passed in
 * @param succeeded   profiles written
 * @param failed      subjects reported as failures
 * @param requests    provider requests made, retries included
 * @param cancelled   true when the cancellation check stopped the run early
 * @param runMessage  one message about the whole run, such as "every request timed out", or null
 */
public record RunSummary(int subjects, int succeeded, int failed, int requests, boolean cancelled, String runMessage) {

    public Optional<String> message() {
        return Optional.ofNullable(runMessage);
    }
}
