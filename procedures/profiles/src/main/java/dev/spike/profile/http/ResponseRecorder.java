package dev.spike.profile.http;

/**
 * The body of the last 2xx response received on the current thread. Writers read it when
 * LangChain4j fails to parse a response, to tell an empty completion from malformed JSON.
 * {@link RecordingHttpClient} executes requests on the calling thread, so the value belongs
 * to the caller's own request.
 */
public final class ResponseRecorder {

    private static final ThreadLocal<String> LAST_BODY = new ThreadLocal<>();

    private ResponseRecorder() {
    }

    public static void clear() {
        LAST_BODY.remove();
    }

    static void record(String body) {
        LAST_BODY.set(body);
    }

    /** Returns the last 2xx body on this thread since {@link #clear()}, or null. */
    public static String lastBody() {
        return LAST_BODY.get();
    }
}
