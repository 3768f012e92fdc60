package dev.spike.profile.embed;

import dev.spike.profile.http.HttpStatusException;
import dev.spike.profile.writer.FailureKind;

import java.io.IOException;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Retries a remote embedding call after HTTP 429, 5xx, timeouts and connection failures,
 * waiting max(Retry-After, 0.5 s × 2^(attempt − 1)). LangChain4j's own retries are off, since
 * they ignore Retry-After.
 */
final class EmbedRetry {

    static final EmbedRetry NONE = new EmbedRetry(0);

    private final int retries;

    EmbedRetry(int retries) {
        this.retries = retries;
    }

    <T> T call(Supplier<T> action, UnaryOperator<String> redact) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (RuntimeException e) {
                HttpStatusException status = statusOf(e);
                boolean retryable = status == null ? isTransport(e)
                        : status.statusCode() == 429 || status.statusCode() == 408 || status.statusCode() >= 500;
                if (!retryable || attempt > retries) {
                    String detail = status == null ? e.getClass().getSimpleName() + ": " + e.getMessage()
                            : "HTTP " + status.statusCode() + ": " + status.getMessage();
                    boolean keyRejected = status != null && (status.statusCode() == 401 || status.statusCode() == 403);
                    throw new EmbeddingException("Embedding request failed after " + attempt + " attempt(s): "
                            + redact.apply(detail) + (keyRejected ? " " + FailureKind.API_KEY_HINT : ""), keyRejected);
                }
                Duration wait = Duration.ofMillis(500L << Math.min(attempt - 1, 6));
                if (status != null && status.retryAfter().isPresent() && status.retryAfter().get().compareTo(wait) > 0) {
                    wait = status.retryAfter().get();
                }
                sleep(wait);
            }
        }
    }

    private static HttpStatusException statusOf(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof HttpStatusException status) {
                return status;
            }
        }
        return null;
    }

    private static boolean isTransport(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingException("Embedding request interrupted");
        }
    }
}
