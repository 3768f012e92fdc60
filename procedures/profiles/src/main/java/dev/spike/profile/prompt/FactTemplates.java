package dev.spike.profile.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns knowledge-graph triples into plain sentences for prompts.
 *
 * <p>Relation names are read as words: {@code HAS_GENRE}, {@code has_genre} and {@code hasGenre}
 * all become "genre". A one-word relation reads as a noun ("Heat (1995) has genre Crime."), a
 * longer one as a verb phrase ("Al Pacino acted in Heat (1995)."). Placeholder values that mean
 * "none", such as MovieLens's "(no genres listed)", never become facts.
 */
public final class FactTemplates {

    private static final Set<String> PLACEHOLDERS = Set.of(
            "none", "null", "nil", "n/a", "na", "nan", "unknown", "-", "--", "?", "(none)", "(unknown)");

    /** A parenthesised "none" phrase as MovieLens writes it, such as "(no genres listed)". */
    private static final Pattern PLACEHOLDER_PHRASE = Pattern.compile("(?i)\\(no [^()]*listed\\)");

    private FactTemplates() {
    }

    /** Returns "subject has relation object.", or empty when the subject or object is a placeholder. */
    public static Optional<String> oneHop(String subject, String relation, String object) {
        if (isPlaceholder(subject) || isPlaceholder(object)) {
            return Optional.empty();
        }
        String words = relationWords(relation);
        String verb = isNoun(words) ? "has " + words : words;
        return Optional.of(subject.trim() + " " + verb + " " + object.trim() + ".");
    }

    /**
     * Returns a sentence linking a shared object to other subjects, such as "Crime is also the
     * genre of Ronin (1998) and Collateral (2004).", or empty when no non-placeholder subject is left.
     */
    public static Optional<String> twoHop(String object, String relation, List<String> otherSubjects) {
        if (isPlaceholder(object)) {
            return Optional.empty();
        }
        List<String> others = new ArrayList<>();
        for (String other : otherSubjects) {
            if (!isPlaceholder(other)) {
                others.add(other.trim());
            }
        }
        if (others.isEmpty()) {
            return Optional.empty();
        }
        String words = relationWords(relation);
        if (isNoun(words)) {
            return Optional.of(object.trim() + " is also the " + words + " of " + joinNames(others) + ".");
        }
        return Optional.of(joinNames(others) + " also " + words + " " + object.trim() + ".");
    }

    /** Returns true for null, blank and values that mean "none", such as "(no genres listed)". */
    public static boolean isPlaceholder(String value) {
        if (value == null || value.isBlank()) {
            return true;
        }
        String text = value.trim().toLowerCase(Locale.ROOT);
        return PLACEHOLDERS.contains(text) || text.startsWith("(no ") || text.startsWith("(not ");
    }

    /**
     * Returns true when a fact sentence quotes a placeholder, such as "Toy Story has genre
     * (no genres listed).", so that facts built elsewhere are filtered the same way.
     */
    public static boolean containsPlaceholder(String sentence) {
        return sentence != null && PLACEHOLDER_PHRASE.matcher(sentence).find();
    }

    /** Returns a relation type as lower-case words without a leading "has", such as "genre". */
    public static String relationWords(String relation) {
        if (relation == null || relation.isBlank()) {
            return "related to";
        }
        String spaced = relation.trim()
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .replace('_', ' ')
                .replace('-', ' ')
                .toLowerCase(Locale.ROOT)
                .replaceAll("\\s+", " ")
                .trim();
        if (spaced.startsWith("has ") && spaced.length() > 4) {
            spaced = spaced.substring(4);
        }
        return spaced;
    }

    /** Joins names as "A", "A and B" or "A, B and C". */
    public static String joinNames(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
    }

    private static boolean isNoun(String words) {
        return !words.contains(" ");
    }
}
