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
    /** HTTP 401 or 403: the endpoint rejected the API key, or the request carried none. */
    AUTHENTICATION(false, "API key rejected"),
    CLIENT_ERROR(false, "request rejected"),
    INTERRUPTED(false, "interrupted");

    /** The fix for an {@link #AUTHENTICATION} failure. It names the settings and never contains the key. */
    public static final String API_KEY_HINT = "Check that `apiKey`, or the environment variable named by `apiKeyEnv`, "
            + "holds a valid key for this endpoint.";

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
