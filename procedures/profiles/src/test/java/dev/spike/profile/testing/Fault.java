package dev.spike.profile.testing;

/**
 * A scripted misbehaviour of {@link FakeModelServer} for one request.
 *
 * @param kind       what goes wrong
 * @param status     HTTP status for {@link Kind#STATUS}
 * @param retryAfter Retry-After header value, or null for none
 * @param body       response body for {@link Kind#STATUS}, or null for a default error body
 */
public record Fault(Kind kind, int status, String retryAfter, String body) {

    public enum Kind {
        /** An error status with a body. */
        STATUS,
        /** No response until the server closes. */
        HANG,
        /** Status and headers of a JSON response, then no body until the server closes. */
        STALL_BODY,
        /** HTTP 200 with a body that is not JSON. */
        BAD_JSON,
        /** HTTP 200, content null (OpenAI) or message without content (Ollama). */
        NULL_CONTENT,
        /** HTTP 200, content "" (Ollama: done:true with empty content). */
        EMPTY_CONTENT,
        /** HTTP 200, content of whitespace only. */
        BLANK_CONTENT,
        /** HTTP 200 with an empty choices array (OpenAI) or no message at all (Ollama). */
        EMPTY_CHOICES
    }

    /** HTTP 429 with an OpenAI rate-limit error body and the given Retry-After value. */
    public static Fault rateLimit(String retryAfter) {
        return new Fault(Kind.STATUS, 429, retryAfter, "{\"error\":{\"message\":\"Rate limit reached for requests\","
                + "\"type\":\"requests\",\"param\":null,\"code\":\"rate_limit_exceeded\"}}");
    }

    public static Fault status(int status) {
        return new Fault(Kind.STATUS, status, null, null);
    }

    public static Fault status(int status, String body) {
        return new Fault(Kind.STATUS, status, null, body);
    }

    public static Fault stallBody() {
        return new Fault(Kind.STALL_BODY, 200, null, null);
    }

    public static Fault hang() {
        return new Fault(Kind.HANG, 0, null, null);
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, 200, null, null);
    }
}
