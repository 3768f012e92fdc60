package dev.spike.profile;

/**
 * A subject for which no profile could be written after all retries.
 *
 * @param subjectId  the subject's id
 * @param reason     a short reason, such as "empty completion" or "timed out after 10s"
 * @param httpStatus the HTTP status of the last failed response, or null when there was none
 * @param attempts   requests made
 * @param provider   provider name
 * @param model      model name
 */
public record ProfileFailure(
        String subjectId, String reason, Integer httpStatus, int attempts, String provider, String model) {
}
