package dev.spike.graph;

import java.util.List;

/**
 * Labels, relationship types and property that locate SPiKE's graph in a projection.
 *
 * @param userLabel label of users
 * @param itemLabel label of items
 * @param entityLabel label of the other knowledge-graph entities (genres, creators, tags, …)
 * @param interactionType relationship type from users to items
 * @param kgTypes knowledge-graph relationship types between items and entities; empty means every
 *     type of the projection except {@code interactionType}
 * @param profileProperty node property with the profile embedding, or null for none
 */
public record GraphSpec(
        String userLabel,
        String itemLabel,
        String entityLabel,
        String interactionType,
        List<String> kgTypes,
        String profileProperty) {}
