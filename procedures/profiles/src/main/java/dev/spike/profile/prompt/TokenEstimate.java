package dev.spike.profile.prompt;

/**
 * A rough token count: ceil(characters / 4), the usual rule of thumb for English text with
 * GPT-style tokenizers. It is an estimate, not the count a provider bills.
 */
public final class TokenEstimate {

    private TokenEstimate() {
    }

    public static int of(String text) {
        return text == null ? 0 : (text.length() + 3) / 4;
    }
}
