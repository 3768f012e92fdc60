package dev.spike.profile.http;

import dev.langchain4j.http.client.HttpClientBuilder;

import java.time.Duration;

/** Builds a {@link RecordingHttpClient}; LangChain4j sets both timeouts from the model's {@code timeout}. */
public final class RecordingHttpClientBuilder implements HttpClientBuilder {

    private Duration connectTimeout;
    private Duration readTimeout;

    @Override
    public Duration connectTimeout() {
        return connectTimeout;
    }

    @Override
    public RecordingHttpClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = timeout;
        return this;
    }

    @Override
    public Duration readTimeout() {
        return readTimeout;
    }

    @Override
    public RecordingHttpClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = timeout;
        return this;
    }

    @Override
    public RecordingHttpClient build() {
        return new RecordingHttpClient(connectTimeout, readTimeout);
    }
}
