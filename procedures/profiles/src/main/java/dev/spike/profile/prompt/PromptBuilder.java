package dev.spike.profile.prompt;

import dev.spike.profile.ProfileSettings;
import dev.spike.profile.ProfileSubject;
import dev.spike.profile.SubjectKind;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the prompt for one subject within the limits of {@link ProfileSettings}.
 *
 * <p>All subject data (name, facts, texts, reviews, upstream profiles) goes inside
 * {@code <data>} blocks, with {@code &}, {@code <} and {@code >} escaped so that no text can
 * close a block. The system prompt states that these blocks are data, never instructions.
 * Reviews and item texts are cut to {@code maxReviewChars} characters each. When the
 * {@link TokenEstimate} of the whole prompt exceeds {@code maxPromptTokens}, items are dropped
 * from the end of the reviews first, then upstream profiles, then texts, then facts.
 */
public final class PromptBuilder {

    /** Room kept for the name and section headings when checking a system prompt against the limit. */
    private static final int MIN_USER_PROMPT_TOKENS = 100;
    private static final int MAX_NAME_CHARS = 200;

    private final ProfileSettings settings;
    private final Map<SubjectKind, String> systemPrompts = new EnumMap<>(SubjectKind.class);

    /**
     * @throws IllegalArgumentException when a system prompt leaves less than 100 estimated tokens
     *                                  of {@code maxPromptTokens} for the subject data
     */
    public PromptBuilder(ProfileSettings settings) {
        this.settings = settings;
        systemPrompts.put(SubjectKind.ITEM, resolve("itemSystemPrompt", settings.itemSystemPrompt(), SubjectKind.ITEM));
        systemPrompts.put(SubjectKind.ENTITY, resolve("entitySystemPrompt", settings.entitySystemPrompt(), SubjectKind.ENTITY));
        systemPrompts.put(SubjectKind.USER, resolve("userSystemPrompt", settings.userSystemPrompt(), SubjectKind.USER));
    }

    /** Returns the system prompt used for a kind, with the domain word filled in. */
    public String systemPrompt(SubjectKind kind) {
        return systemPrompts.get(kind);
    }

    public Prompt build(ProfileSubject subject) {
        String name = cut(oneLine(subject.name()), MAX_NAME_CHARS);
        List<String> facts = selectFacts(subject);
        List<String> texts = selectTexts(subject);
        List<String> reviews = selectReviews(subject);
        List<String> upstream = selectUpstream(subject);

        String system = systemPrompt(subject.kind());
        String user = render(subject.kind(), name, facts, texts, reviews, upstream);
        while (estimate(system, user) > settings.maxPromptTokens() && dropOne(reviews, upstream, texts, facts)) {
            user = render(subject.kind(), name, facts, texts, reviews, upstream);
        }
        return new Prompt(subject.kind(), name, system, user, estimate(system, user), facts, texts, reviews, upstream);
    }

    private String resolve(String key, String override, SubjectKind kind) {
        String template = override != null ? override : SystemPrompts.builtIn(kind);
        String prompt = template.replace("{domain}", settings.domain());
        if (TokenEstimate.of(prompt) + MIN_USER_PROMPT_TOKENS > settings.maxPromptTokens()) {
            throw new IllegalArgumentException("The " + key + " is about " + TokenEstimate.of(prompt)
                    + " tokens, which leaves less than " + MIN_USER_PROMPT_TOKENS + " of maxPromptTokens="
                    + settings.maxPromptTokens() + " for the subject. Shorten the prompt or raise maxPromptTokens.");
        }
        return prompt;
    }

    private List<String> selectFacts(ProfileSubject subject) {
        List<String> facts = new ArrayList<>();
        for (String fact : subject.facts()) {
            if (facts.size() == settings.maxFacts()) {
                break;
            }
            if (!FactTemplates.isPlaceholder(fact) && !FactTemplates.containsPlaceholder(fact)) {
                facts.add(oneLine(fact));
            }
        }
        return facts;
    }

    private List<String> selectTexts(ProfileSubject subject) {
        List<String> texts = new ArrayList<>();
        subject.textFields().forEach((label, text) -> {
            if (!FactTemplates.isPlaceholder(text)) {
                texts.add(oneLine(label) + ": " + cut(oneLine(text), settings.maxReviewChars()));
            }
        });
        return texts;
    }

    private List<String> selectReviews(ProfileSubject subject) {
        List<String> reviews = new ArrayList<>();
        for (String review : subject.reviews()) {
            if (reviews.size() == settings.maxReviews()) {
                break;
            }
            if (!review.isBlank()) {
                reviews.add(cut(oneLine(review), settings.maxReviewChars()));
            }
        }
        return reviews;
    }

    private List<String> selectUpstream(ProfileSubject subject) {
        int limit = subject.kind() == SubjectKind.USER ? settings.maxItemsPerUser() : settings.maxItemsPerEntity();
        List<String> profiles = new ArrayList<>();
        for (String profile : subject.upstreamProfiles()) {
            if (profiles.size() == limit) {
                break;
            }
            if (!profile.isBlank()) {
                profiles.add(oneLine(profile));
            }
        }
        return profiles;
    }

    private String render(SubjectKind kind, String name, List<String> facts, List<String> texts,
                          List<String> reviews, List<String> upstream) {
        StringBuilder user = new StringBuilder();
        user.append("Write the profile of this ").append(kind.name().toLowerCase(Locale.ROOT))
                .append(" (domain: ").append(escape(settings.domain())).append(").\n\n");
        section(user, "Name:", List.of(name), "");
        section(user, "Facts from the knowledge graph:", facts, "- ");
        section(user, "Item texts:", texts, "- ");
        if (!reviews.isEmpty()) {
            user.append("User reviews, quoted, each cut to at most ").append(settings.maxReviewChars())
                    .append(" characters:\n<data>\n");
            for (String review : reviews) {
                user.append("<review>").append(escape(review)).append("</review>\n");
            }
            user.append("</data>\n\n");
        }
        String upstreamHeading = kind == SubjectKind.USER
                ? "Profiles of the user's items, most recent first:"
                : "Profiles of connected items, most connected first:";
        section(user, upstreamHeading, upstream, "- ");
        return user.toString().strip();
    }

    private static void section(StringBuilder user, String heading, List<String> lines, String bullet) {
        if (lines.isEmpty()) {
            return;
        }
        user.append(heading).append("\n<data>\n");
        for (String line : lines) {
            user.append(bullet).append(escape(line)).append('\n');
        }
        user.append("</data>\n\n");
    }

    /** Removes the last element of the first non-empty list; returns false when all are empty. */
    @SafeVarargs
    private static boolean dropOne(List<String>... listsInDropOrder) {
        for (List<String> list : listsInDropOrder) {
            if (!list.isEmpty()) {
                list.remove(list.size() - 1);
                return true;
            }
        }
        return false;
    }

    private static int estimate(String system, String user) {
        return TokenEstimate.of(system) + TokenEstimate.of(user);
    }

    /** Escapes the characters that could open or close a tag, so quoted text cannot end a data block. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\p{Cntrl}\\s]+", " ").strip();
    }

    private static String cut(String text, int maxChars) {
        if (text.length() <= maxChars) {
            return text;
        }
        return text.substring(0, maxChars - 1).stripTrailing() + "…";
    }
}
