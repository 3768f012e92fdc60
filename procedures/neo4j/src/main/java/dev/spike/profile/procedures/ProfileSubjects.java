package dev.spike.profile.procedures;

import dev.spike.profile.ProfileSubject;
import dev.spike.profile.SubjectKind;
import dev.spike.profile.prompt.FactTemplates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns what {@link ProfileGraph} read into {@link ProfileSubject}s, bottom-up.
 *
 * <ul>
 *   <li>An item gets one fact per knowledge-graph link ("Heat (1995) has genre Crime."), with
 *       relations taking turns so that the first facts name one entity of each relation, then
 *       one fact per link naming up to {@code maxCoItems} other items of that entity, most
 *       connected first ("Crime is also the genre of Ronin (1998) and Collateral (2004)."), its
 *       text properties and its reviews, most recent first.</li>
 *   <li>An entity gets its other labels and link counts as facts and the profiles of its items,
 *       most connected first.</li>
 *   <li>A user gets the profiles of the items they interacted with and their own reviews, both
 *       most recent first.</li>
 * </ul>
 * Upstream item profiles come from a lookup, so a stage uses exactly the profiles that are
 * fresh in this run. Placeholder names such as "(no genres listed)" never become facts. An
 * entity without a name is called "Entity" and its node id, in its own facts and in those of
 * its items.
 */
final class ProfileSubjects {

    /** One knowledge-graph link as seen from an item. */
    private record ItemLink(String relation, boolean itemToEntity, long entity, List<Long> coItems) {}

    private final ProfileConfig config;
    private final Map<Long, String> itemNames = new HashMap<>();
    private final Map<Long, String> entityNames = new HashMap<>();
    private final Map<Long, List<ItemLink>> linksByItem = new HashMap<>();
    private final Map<Long, List<ProfileGraph.Link>> linksByEntity = new HashMap<>();

    ProfileSubjects(ProfileConfig config, List<ProfileGraph.StoredNode> items, List<ProfileGraph.StoredNode> entities,
                    List<ProfileGraph.Link> links) {
        this.config = config;
        for (ProfileGraph.StoredNode item : items) {
            itemNames.put(item.id(), itemName(item));
        }
        for (ProfileGraph.StoredNode entity : entities) {
            entityNames.put(entity.id(), entityName(entity));
        }
        for (ProfileGraph.Link link : links) {
            linksByEntity.computeIfAbsent(link.entity(), id -> new ArrayList<>()).add(link);
            for (long item : link.items()) {
                linksByItem.computeIfAbsent(item, id -> new ArrayList<>())
                        .add(new ItemLink(link.relation(), link.itemToEntity(), link.entity(), link.items()));
            }
        }
    }

    ProfileSubject item(ProfileGraph.StoredNode item, List<String> reviews) {
        String name = itemName(item);
        ProfileSubject.Builder subject = ProfileSubject.builder(SubjectKind.ITEM, Long.toString(item.id())).name(name);

        List<ItemLink> links = new ArrayList<>(linksByItem.getOrDefault(item.id(), List.of()));
        links.sort(Comparator.comparing(ItemLink::relation)
                .thenComparing(link -> String.valueOf(entityNames.get(link.entity())))
                .thenComparingLong(ItemLink::entity));
        for (ItemLink link : alternateRelations(links)) {
            String entity = entityNames.get(link.entity());
            (link.itemToEntity()
                    ? FactTemplates.oneHop(name, link.relation(), entity)
                    : FactTemplates.oneHop(entity, link.relation(), name)).ifPresent(subject::fact);
        }
        for (ItemLink link : links) {
            coItemFact(item.id(), link).ifPresent(subject::fact);
        }

        item.texts().forEach((property, text) -> {
            if (!property.equals(config.itemTextProperties().get(0))) {
                subject.textField(property, text);
            }
        });
        return subject.reviews(reviews).build();
    }

    ProfileSubject entity(ProfileGraph.StoredNode entity, Map<Long, String> itemProfiles, int maxItems) {
        String name = entityName(entity);
        ProfileSubject.Builder subject = ProfileSubject.builder(SubjectKind.ENTITY, Long.toString(entity.id())).name(name);
        for (String label : entity.labels()) {
            String words = FactTemplates.relationWords(label);
            if (!FactTemplates.isPlaceholder(name)) {
                subject.fact(name + " is " + article(words) + " " + words + ".");
            }
        }

        List<ProfileGraph.Link> links = linksByEntity.getOrDefault(entity.id(), List.of());
        Map<Long, Long> degrees = new LinkedHashMap<>();
        for (ProfileGraph.Link link : links) {
            countFact(name, link).ifPresent(subject::fact);
            for (int i = 0; i < link.items().size(); i++) {
                degrees.merge(link.items().get(i), link.degrees().get(i), Math::max);
            }
        }
        List<Long> mostConnected = new ArrayList<>(degrees.keySet());
        mostConnected.sort(Comparator.comparing((Long item) -> -degrees.get(item)).thenComparing(item -> item));
        subject.upstreamProfiles(upstream(mostConnected, itemProfiles, maxItems));
        return subject.build();
    }

    ProfileSubject user(ProfileGraph.StoredNode user, ProfileGraph.Interactions interactions,
                        Map<Long, String> itemProfiles, int maxItems) {
        String name = user.name() == null ? "User " + user.id() : user.name();
        ProfileSubject.Builder subject = ProfileSubject.builder(SubjectKind.USER, Long.toString(user.id())).name(name);
        if (interactions == null) {
            return subject.build();
        }
        int count = interactions.items().size();
        subject.fact(name + " " + FactTemplates.relationWords(config.interactionType()) + " "
                + (count == 1 ? "1 item." : count + " items."));
        subject.upstreamProfiles(upstream(interactions.items(), itemProfiles, maxItems));
        return subject.reviews(interactions.reviews()).build();
    }

    /**
     * Returns the links ordered so that relations take turns: the first link of each relation,
     * then the second of each, and so on, with relations and entities in name order. A profile
     * cut to its first few facts then names one entity of every relation before a second genre.
     */
    private List<ItemLink> alternateRelations(List<ItemLink> sortedLinks) {
        Map<String, List<ItemLink>> byRelation = new LinkedHashMap<>();
        for (ItemLink link : sortedLinks) {
            byRelation.computeIfAbsent(link.relation() + (link.itemToEntity() ? ">" : "<"), key -> new ArrayList<>())
                    .add(link);
        }
        List<ItemLink> ordered = new ArrayList<>(sortedLinks.size());
        for (int round = 0; ordered.size() < sortedLinks.size(); round++) {
            for (List<ItemLink> relation : byRelation.values()) {
                if (round < relation.size()) {
                    ordered.add(relation.get(round));
                }
            }
        }
        return ordered;
    }

    /** Returns the name of an item: its first text property, or "Item" and its node id when that is missing. */
    String itemName(ProfileGraph.StoredNode item) {
        String title = item.texts().get(config.itemTextProperties().get(0));
        return title == null || title.isBlank() ? "Item " + item.id() : title;
    }

    /**
     * Returns the name of an entity: its name property, or "Entity" and its node id when that is
     * missing or blank, as after a KGAT load without entity_list.txt. A placeholder name such as
     * "(no genres listed)" is returned as it is, so that callers can leave it out.
     */
    static String entityName(ProfileGraph.StoredNode entity) {
        String name = entity.name();
        return name == null || name.isBlank() ? "Entity " + entity.id() : name;
    }

    /** Returns true when the entity has no name of its own and is called "Entity" and its node id. */
    static boolean hasFallbackName(ProfileGraph.StoredNode entity) {
        return entity.name() == null || entity.name().isBlank();
    }

    private java.util.Optional<String> coItemFact(long item, ItemLink link) {
        String entity = entityNames.get(link.entity());
        List<String> others = new ArrayList<>();
        for (long other : link.coItems()) {
            if (others.size() == config.maxCoItems()) {
                break;
            }
            if (other != item) {
                others.add(itemNames.get(other));
            }
        }
        if (others.isEmpty()) {
            return java.util.Optional.empty();
        }
        if (link.itemToEntity()) {
            return FactTemplates.twoHop(entity, link.relation(), others);
        }
        // The entity is the subject of the relationship, such as "Al Pacino acted in Heat (1995).".
        List<String> named = others.stream().filter(other -> !FactTemplates.isPlaceholder(other)).toList();
        if (FactTemplates.isPlaceholder(entity) || named.isEmpty()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(entity.trim() + " also " + FactTemplates.relationWords(link.relation()) + " "
                + FactTemplates.joinNames(named) + ".");
    }

    /** "Crime is the genre of 170 items." or "12 items created by Ana Moreau." */
    private static java.util.Optional<String> countFact(String entity, ProfileGraph.Link link) {
        if (FactTemplates.isPlaceholder(entity)) {
            return java.util.Optional.empty();
        }
        String words = FactTemplates.relationWords(link.relation());
        int count = link.items().size();
        String items = count == 1 ? "1 item" : count + " items";
        if (!words.contains(" ")) {
            return java.util.Optional.of(entity + " is the " + words + " of " + items + ".");
        }
        return java.util.Optional.of(link.itemToEntity()
                ? items + " " + words + " " + entity + "."
                : entity + " " + words + " " + items + ".");
    }

    /** Returns the profiles of the first {@code max} items that have one. */
    private static List<String> upstream(List<Long> items, Map<Long, String> itemProfiles, int max) {
        List<String> profiles = new ArrayList<>();
        for (long item : items) {
            if (profiles.size() == max) {
                break;
            }
            String profile = itemProfiles.get(item);
            if (profile != null && !profile.isBlank()) {
                profiles.add(profile);
            }
        }
        return profiles;
    }

    private static String article(String words) {
        return !words.isEmpty() && "aeiou".indexOf(words.toLowerCase(Locale.ROOT).charAt(0)) >= 0 ? "an" : "a";
    }
}
