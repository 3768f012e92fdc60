package dev.spike.kgat;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;

/**
 * Chooses the relationship type of each KGAT relation.
 *
 * <p>With a relation name from relation_list.txt, the type is the name in upper snake case: for
 * a URI the part after the last {@code /} or {@code #}, upper-cased, with every run of characters
 * other than ASCII letters and digits replaced by one underscore and underscores trimmed from
 * both ends ({@code has_genre} becomes {@code HAS_GENRE}, {@code http://rdf.freebase.com/ns/film.film.genre}
 * becomes {@code FILM_FILM_GENRE}). Without a name, or when that result is empty, starts with a
 * digit, repeats the type of a lower relation id or equals the interaction type, the type is
 * {@code R<id>}.
 */
final class RelationTypes {

    private RelationTypes() {}

    /** Returns the type of each relation id in {@code usedRelations}, in id order. */
    static Map<Integer, String> choose(
            SortedSet<Integer> usedRelations, SortedMap<Integer, String> relationNames, String interactionType) {
        Map<Integer, String> types = new LinkedHashMap<>();
        Set<String> usedTypes = new HashSet<>();
        usedTypes.add(interactionType);
        for (int relation : usedRelations) {
            String name = relationNames == null ? null : relationNames.get(relation);
            String type = name == null ? null : fromName(name);
            if (type == null || !Identifiers.isSafe(type) || usedTypes.contains(type)) {
                type = "R" + relation;
            }
            if (!usedTypes.add(type)) {
                throw new IllegalArgumentException(String.format(
                        "relation %d cannot get a relationship type: %s is already used by another relation or the interactions",
                        relation, type));
            }
            types.put(relation, type);
        }
        return types;
    }

    static String fromName(String name) {
        String text = name.trim();
        int cut = Math.max(text.lastIndexOf('/'), text.lastIndexOf('#'));
        if (cut >= 0 && cut < text.length() - 1) {
            text = text.substring(cut + 1);
        }
        String upper = text.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "_");
        String trimmed = upper.replaceAll("^_+|_+$", "");
        return trimmed.isEmpty() || Character.isDigit(trimmed.charAt(0)) ? null : trimmed;
    }
}
