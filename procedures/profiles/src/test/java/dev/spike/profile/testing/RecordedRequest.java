package dev.spike.profile.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.List;
import java.util.Map;

/**
 * One request as the fake server saw it.
 *
 * @param path          request path
 * @param headers       request headers, names in lower case
 * @param body          request body
 * @param startNanos    System.nanoTime() when the request arrived
 * @param endNanos      System.nanoTime() when the response was ready to send, or 0 when none was
 * @param status        response status, or 0 when none was sent
 */
public record RecordedRequest(String path, Map<String, List<String>> headers, String body, long startNanos,
                              long endNanos, int status) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Parses the body as JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("request body is not JSON: " + body, e);
        }
    }

    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
