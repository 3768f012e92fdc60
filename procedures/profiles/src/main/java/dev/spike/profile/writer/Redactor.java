package dev.spike.profile.writer;

import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach logs, results or exception messages: the configured
 * API key, bearer tokens and strings shaped like OpenAI keys ("sk-…").
 */
public final class Redactor {

    private static final String REDACTED = "<redacted>";
    private static final Pattern BEARER = Pattern.compile("(?i)bearer\\s+[^\\s\"',}]+");
    private static final Pattern OPENAI_KEY = Pattern.compile("sk-[A-Za-z0-9_\\-]{6,}");
    private static final int MAX_CHARS = 300;

    private final String apiKey;

    public Redactor(String apiKey) {
        this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey;
    }

    /** Returns the text with secrets replaced by "&lt;redacted&gt;", on one line, cut to 300 characters. */
    public String redact(String text) {
        if (text == null) {
            return "";
        }
        String result = text;
        if (apiKey != null) {
            result = result.replace(apiKey, REDACTED);
        }
        result = BEARER.matcher(result).replaceAll("Bearer " + REDACTED);
        result = OPENAI_KEY.matcher(result).replaceAll(REDACTED);
        result = result.replaceAll("\\s+", " ").strip();
        return result.length() <= MAX_CHARS ? result : result.substring(0, MAX_CHARS) + "…";
    }
}
