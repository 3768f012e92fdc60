package dev.spike.profile.http;

import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient.Version;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * A LangChain4j {@link HttpClient} on the JDK client that keeps what LangChain4j's own JDK
 * client drops: the Retry-After header of a failed response ({@link HttpStatusException}) and
 * the body of a successful one ({@link ResponseRecorder}). A request runs on the calling
 * thread, and interrupting that thread cancels the request. The read timeout bounds the whole
 * exchange, from sending the request to the last byte of the body. Streaming is not supported.
 */
public final class RecordingHttpClient implements HttpClient {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final java.net.http.HttpClient client;
    private final Duration readTimeout;

    RecordingHttpClient(Duration connectTimeout, Duration readTimeout) {
        this.readTimeout = readTimeout == null ? DEFAULT_TIMEOUT : readTimeout;
        this.client = java.net.http.HttpClient.newBuilder()
                .version(Version.HTTP_1_1)
                .connectTimeout(connectTimeout == null ? DEFAULT_TIMEOUT : connectTimeout)
                .build();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        if (!request.formDataFiles().isEmpty()) {
            throw new UnsupportedOperationException("Multipart form data is not supported");
        }
        java.net.http.HttpRequest jdkRequest = toJdkRequest(request);
        HttpResponse<String> response = send(jdkRequest);

        if (response.statusCode() < 200 || response.statusCode() > 299) {
            String retryAfter = response.headers().firstValue("retry-after").orElse(null);
            throw new HttpStatusException(response.statusCode(), response.body(),
                    RetryAfter.parse(retryAfter, Clock.systemUTC()));
        }
        ResponseRecorder.record(response.body());
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(response.body())
                .build();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        throw new UnsupportedOperationException("Streaming responses are not supported");
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder = java.net.http.HttpRequest.newBuilder(URI.create(request.url()))
                .timeout(readTimeout);
        request.headers().forEach((name, values) -> values.forEach(value -> builder.header(name, value)));
        java.net.http.HttpRequest.BodyPublisher body = request.body() == null
                ? java.net.http.HttpRequest.BodyPublishers.noBody()
                : java.net.http.HttpRequest.BodyPublishers.ofString(request.body());
        return builder.method(request.method().name(), body).build();
    }

    private HttpResponse<String> send(java.net.http.HttpRequest request) {
        CompletableFuture<HttpResponse<String>> future = client.sendAsync(request, BodyHandlers.ofString());
        try {
            // The JDK's request timeout covers only the wait for the response headers, so the
            // whole exchange, body included, is bounded here as well.
            return future.get(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(true);
            throw new TimeoutException("Request timed out after " + readTimeout, e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new RequestInterruptedException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw new TimeoutException("Request timed out after " + readTimeout, cause);
            }
            if (cause instanceof IOException io) {
                throw new UncheckedIOException(io);
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Thrown when the calling thread is interrupted while waiting for a response. */
    public static final class RequestInterruptedException extends RuntimeException {
        RequestInterruptedException() {
            super("Request interrupted", null, false, false);
        }
    }
}
