package dev.spike.profile.http;

import java.util.Map;

/** Builds the {@code Authorization: Bearer} header that LangChain4j clients take as custom headers. */
public final class BearerToken {

    private BearerToken() {
    }

    /** Returns the header for {@code apiKey}, or no header when the key is null or blank. */
    public static Map<String, String> headers(String apiKey) {
        if (apiKey == null || apiKey.isBlank()) {
            return Map.of();
        }
        return Map.of("Authorization", "Bearer " + apiKey);
    }
}
