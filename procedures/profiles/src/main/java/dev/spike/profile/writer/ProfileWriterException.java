package dev.spike.profile.writer;

import java.time.Duration;
import java.util.Optional;

/**
 * A failed provider request. The message never contains the API key and carries no stack
 * trace of interest to users; the cause is kept for debugging only.
 */
public final class ProfileWriterException extends Exception {

    private final FailureKind kind;
    private final Integer httpStatus;
    private final Duration retryAfter;

    public ProfileWriterException(FailureKind kind, Integer httpStatus, Duration retryAfter, String message) {
        super(message, null, false, false);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
    }

    public FailureKind kind() {
        return kind;
    }

    /** Returns the HTTP status of the failed response, if there was one. */
    public Optional<Integer> httpStatus() {
        return Optional.ofNullable(httpStatus);
    }

    /** Returns the wait the provider requested with a Retry-After header, if any. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
