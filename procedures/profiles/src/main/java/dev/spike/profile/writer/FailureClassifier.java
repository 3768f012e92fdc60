package dev.spike.profile.writer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.spike.profile.http.HttpStatusException;
import dev.spike.profile.http.RecordingHttpClient.RequestInterruptedException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Turns an exception thrown by a LangChain4j model into a {@link ProfileWriterException}.
 * It reads the cause chain rather than LangChain4j's exception types, because LangChain4j
 * wraps the HTTP client's exception as the cause of its own.
 */
final class FailureClassifier {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> BILLING_ERRORS = List.of("insufficient_quota", "credit_balance_exhausted",
            "organization_spend_limit_exceeded", "project_spend_limit_exceeded", "organization_usage_limit_exceeded");

    private final Redactor redactor;
    private final Duration timeout;
    private final String badRequestHint;

    /**
     * @param badRequestHint a sentence appended to the message of an HTTP 400 failure, naming a
     *                       likely fix in the settings, or null for none
     */
    FailureClassifier(Redactor redactor, Duration timeout, String badRequestHint) {
        this.redactor = redactor;
        this.timeout = timeout;
        this.badRequestHint = badRequestHint;
    }

    /**
     * @param error        what the model threw
     * @param lastBody     the body of the 2xx response received during this call, or null
     */
    ProfileWriterException classify(RuntimeException error, String lastBody) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpStatusException status) {
                return fromStatus(status);
            }
            if (cause instanceof RequestInterruptedException || cause instanceof InterruptedException) {
                return new ProfileWriterException(FailureKind.INTERRUPTED, null, null, "interrupted");
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException
                    || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return new ProfileWriterException(FailureKind.TIMEOUT, null, null,
                        "timed out after " + dev.spike.profile.Durations.format(timeout));
            }
            if (cause instanceof ConnectException || cause instanceof NoRouteToHostException
                    || cause instanceof UnknownHostException) {
                return new ProfileWriterException(FailureKind.UNREACHABLE, null, null,
                        "connection failed: " + describe(cause));
            }
        }
        if (lastBody != null) {
            return fromBody(lastBody, error);
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return new ProfileWriterException(FailureKind.CONNECTION, null, null,
                        "connection failed: " + describe(cause));
            }
        }
        return new ProfileWriterException(FailureKind.CLIENT_ERROR, null, null,
                "request failed: " + redactor.redact(error.getClass().getSimpleName() + ": " + error.getMessage()));
    }

    /** Returns EMPTY_COMPLETION when a 2xx body is valid JSON without content, otherwise MALFORMED_RESPONSE. */
    ProfileWriterException fromBody(String body, RuntimeException error) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return new ProfileWriterException(FailureKind.MALFORMED_RESPONSE, null, null, "malformed JSON in response");
        }
        if (root != null && root.isObject() && isEmptyCompletion(root)) {
            return emptyCompletion();
        }
        String detail = error == null ? "" : ": " + redactor.redact(error.getClass().getSimpleName());
        return new ProfileWriterException(FailureKind.MALFORMED_RESPONSE, null, null, "malformed response" + detail);
    }

    static ProfileWriterException emptyCompletion() {
        return new ProfileWriterException(FailureKind.EMPTY_COMPLETION, null, null, FailureKind.EMPTY_COMPLETION.reason());
    }

    /** Checks for an OpenAI body without choices or content, or an Ollama body whose message content is empty. */
    private static boolean isEmptyCompletion(JsonNode root) {
        JsonNode choices = root.get("choices");
        if (root.has("choices") || root.has("object")) {
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                return true;
            }
            return isBlankText(choices.get(0).path("message").get("content"));
        }
        if (root.has("message") || root.has("done")) {
            return isBlankText(root.path("message").get("content"));
        }
        return false;
    }

    private static boolean isBlankText(JsonNode content) {
        return content == null || content.isNull() || (content.isTextual() && content.asText().isBlank());
    }

    /** Checks for OpenAI's billing errors: type insufficient_quota or one of its codes. */
    private static boolean isBillingError(String body) {
        for (String marker : BILLING_ERRORS) {
            if (body.contains(marker)) {
                return true;
            }
        }
        return false;
    }

    private ProfileWriterException fromStatus(HttpStatusException status) {
        int code = status.statusCode();
        FailureKind kind;
        if (code == 429 && isBillingError(String.valueOf(status.getMessage()))) {
            // OpenAI returns 429 for an exhausted quota or spend limit too, and waiting does not help.
            kind = FailureKind.CLIENT_ERROR;
        } else if (code == 429) {
            kind = FailureKind.RATE_LIMITED;
        } else if (code == 401 || code == 403) {
            kind = FailureKind.AUTHENTICATION;
        } else if (code == 408) {
            kind = FailureKind.TIMEOUT;
        } else if (code >= 500) {
            kind = FailureKind.SERVER_ERROR;
        } else {
            kind = FailureKind.CLIENT_ERROR;
        }
        String message = "HTTP " + code + " (" + kind.reason() + "): " + redactor.redact(status.getMessage());
        if (code == 400 && badRequestHint != null) {
            message += " " + badRequestHint;
        }
        if (kind == FailureKind.AUTHENTICATION) {
            message += " " + FailureKind.API_KEY_HINT;
        }
        return new ProfileWriterException(kind, code, status.retryAfter().orElse(null), message);
    }

    /**
     * Describes a connection error; Java's ConnectException often has no message at all, which
     * left the reason empty, so the exception's type and a likely cause stand in for it.
     */
    private String describe(Throwable cause) {
        String message = cause.getMessage();
        if (message == null || message.isBlank()) {
            return cause.getClass().getSimpleName() + " (nothing listening at the baseUrl, or the host cannot be "
                    + "reached)";
        }
        return redactor.redact(message);
    }
}
