package dev.spike.profile.http;

import dev.langchain4j.exception.HttpException;

import java.time.Duration;
import java.util.Optional;

/**
 * A non-2xx response, with the Retry-After header that LangChain4j's own {@link HttpException}
 * (1.19.0) does not keep. LangChain4j maps it to its typed exceptions (such as
 * {@code RateLimitException}) with this exception as the cause.
 */
public final class HttpStatusException extends HttpException {

    private final Duration retryAfter;

    public HttpStatusException(int statusCode, String body, Duration retryAfter) {
        super(statusCode, body);
        this.retryAfter = retryAfter;
    }

    /** Returns the wait requested by the Retry-After header, if the response had a valid one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
