package dev.spike.profile.writer;

/** Cause of a failed provider request, with whether another attempt can help. */
public enum FailureKind {
    RATE_LIMITED(true, "rate limited"),
    SERVER_ERROR(true, "server error"),
    TIMEOUT(true, "timed out"),
    /** The connection was refused or the host could not be reached, so no request reached the endpoint. */
    UNREACHABLE(true, "endpoint unreachable"),
    /** Any other I/O failure, such as a connection reset while the response was read. */
    CONNECTION(true, "connection failed"),
    MALFORMED_RESPONSE(true, "malformed response"),
    EMPTY_COMPLETION(true, "empty completion"),
    CLIENT_ERROR(false, "request rejected"),
    INTERRUPTED(false, "interrupted");

    private final boolean retryable;
    private final String reason;

    FailureKind(boolean retryable, String reason) {
        this.retryable = retryable;
        this.reason = reason;
    }

    public boolean retryable() {
        return retryable;
    }

    /** Returns a short reason for failure reports, such as "empty completion". */
    public String reason() {
        return reason;
    }
}
