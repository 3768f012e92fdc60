package dev.spike.profile.writer;

import dev.spike.profile.ProfileSettings;
import dev.spike.profile.prompt.Prompt;
import dev.spike.profile.prompt.TokenEstimate;

import java.util.ArrayList;
import java.util.List;

/**
 * Composes a profile without any model from the facts, texts, reviews and upstream profiles
 * kept in the prompt: a few facts and the first sentence of texts and profiles. The output
 * depends only on the prompt, so the same input always gives the same profile.
 */
public final class TemplateProfileWriter implements ProfileWriter {

    private static final int MAX_FACTS = 4;
    private static final int MAX_REVIEWS = 2;
    private static final int MAX_UPSTREAM = 3;
    private static final int MAX_SENTENCE_CHARS = 240;

    @Override
    public GeneratedProfile generate(Prompt prompt) {
        List<String> sentences = new ArrayList<>();
        switch (prompt.kind()) {
            case ITEM -> describeItem(prompt, sentences);
            case ENTITY -> describeEntity(prompt, sentences);
            case USER -> describeUser(prompt, sentences);
        }
        if (sentences.isEmpty()) {
            sentences.add(prompt.name().isBlank() ? "No information is available." : prompt.name() + ".");
        }
        String text = String.join(" ", sentences);
        return new GeneratedProfile(text, prompt.estimatedTokens(), TokenEstimate.of(text));
    }

    @Override
    public String provider() {
        return ProfileSettings.TEMPLATE;
    }

    @Override
    public String model() {
        return ProfileSettings.TEMPLATE;
    }

    private static void describeItem(Prompt prompt, List<String> sentences) {
        addFacts(prompt, sentences);
        for (String text : prompt.texts()) {
            sentences.add(firstSentence(afterLabel(text)));
            break;
        }
        List<String> quotes = new ArrayList<>();
        for (String review : first(prompt.reviews(), MAX_REVIEWS)) {
            // Double quotes inside a review become single ones, so each quotation reads as one.
            quotes.add("\"" + stripEnd(firstSentence(review)).replace('"', '\'') + "\"");
        }
        if (!quotes.isEmpty()) {
            sentences.add("Reviewers wrote " + String.join(" and ", quotes) + ".");
        }
    }

    private static void describeEntity(Prompt prompt, List<String> sentences) {
        addFacts(prompt, sentences);
        List<String> items = firstSentences(prompt.upstreamProfiles());
        if (!items.isEmpty()) {
            sentences.add("Connected items: " + String.join(" ", items));
        }
    }

    private static void describeUser(Prompt prompt, List<String> sentences) {
        addFacts(prompt, sentences);
        List<String> items = firstSentences(prompt.upstreamProfiles());
        if (!items.isEmpty()) {
            sentences.add("Recent items of this user: " + String.join(" ", items));
        }
    }

    private static void addFacts(Prompt prompt, List<String> sentences) {
        for (String fact : first(prompt.facts(), MAX_FACTS)) {
            sentences.add(withPeriod(fact));
        }
    }

    private static List<String> firstSentences(List<String> texts) {
        List<String> sentences = new ArrayList<>();
        for (String text : first(texts, MAX_UPSTREAM)) {
            sentences.add(firstSentence(text));
        }
        return sentences;
    }

    private static <T> List<T> first(List<T> values, int count) {
        return values.subList(0, Math.min(count, values.size()));
    }

    private static String afterLabel(String labelledText) {
        int colon = labelledText.indexOf(": ");
        return colon < 0 ? labelledText : labelledText.substring(colon + 2);
    }

    /** Returns the text up to the first ". ", "! " or "? ", cut to 240 characters, ending with a period. */
    static String firstSentence(String text) {
        String trimmed = text.strip();
        int end = trimmed.length();
        for (String stop : List.of(". ", "! ", "? ")) {
            int index = trimmed.indexOf(stop);
            if (index >= 0 && index + 1 < end) {
                end = index + 1;
            }
        }
        String sentence = trimmed.substring(0, end);
        if (sentence.length() > MAX_SENTENCE_CHARS) {
            sentence = sentence.substring(0, MAX_SENTENCE_CHARS - 1).stripTrailing() + "…";
        }
        return withPeriod(sentence);
    }

    private static String withPeriod(String sentence) {
        String trimmed = sentence.strip();
        if (trimmed.endsWith(".") || trimmed.endsWith("!") || trimmed.endsWith("?") || trimmed.endsWith("…")) {
            return trimmed;
        }
        return trimmed + ".";
    }

    private static String stripEnd(String sentence) {
        return sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
    }
}
