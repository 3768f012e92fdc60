package dev.spike.profile.procedures;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import static dev.spike.config.Identifiers.quote;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Checks the configured names against the database before any work starts, and finds the
 * knowledge-graph relationship types when none are configured.
 *
 * <p>The item label must exist. Any other label, type or property set explicitly must exist as
 * well; a default that does not exist means the graph has none of it (no reviews, no
 * timestamps, no entities), which is not an error.
 */
final class ProfileSchemaCheck {

    private ProfileSchemaCheck() {}

    /** Returns the knowledge-graph relationship types to read: the configured ones, or every type found between items and entities. */
    static List<String> check(GraphDatabaseService database, ProfileConfig config) {
        try (Transaction tx = database.beginTx()) {
            Set<String> labels = new HashSet<>();
            tx.getAllLabelsInUse().forEach(label -> labels.add(label.name()));
            Set<String> types = new HashSet<>();
            tx.getAllRelationshipTypesInUse().forEach(type -> types.add(type.name()));
            Set<String> propertyKeys = new HashSet<>();
            tx.getAllPropertyKeys().forEach(propertyKeys::add);

            if (!labels.contains(config.itemLabel())) {
                throw missing(config, "label", "itemLabel", config.itemLabel());
            }
            for (Map.Entry<String, String> label : Map.of(
                    "userLabel", config.userLabel(), "entityLabel", config.entityLabel()).entrySet()) {
                if (config.isExplicit(label.getKey()) && !labels.contains(label.getValue())) {
                    throw missing(config, "label", label.getKey(), label.getValue());
                }
            }
            if (config.isExplicit("interactionType") && !types.contains(config.interactionType())) {
                throw missing(config, "relationship type", "interactionType", config.interactionType());
            }
            for (String type : config.kgRelationshipTypes()) {
                if (!types.contains(type)) {
                    throw missing(config, "relationship type", "kgRelationshipTypes", type);
                }
            }
            List<String> explicitProperties = new ArrayList<>();
            for (String key : List.of("reviewProperty", "timestampProperty", "entityNameProperty")) {
                if (config.isExplicit(key)) {
                    explicitProperties.add(key);
                }
            }
            for (String key : explicitProperties) {
                String name = switch (key) {
                    case "reviewProperty" -> config.reviewProperty();
                    case "timestampProperty" -> config.timestampProperty();
                    default -> config.entityNameProperty();
                };
                if (!propertyKeys.contains(name)) {
                    throw missing(config, "property", key, name);
                }
            }
            if (config.isExplicit("itemTextProperties")) {
                for (String name : config.itemTextProperties()) {
                    if (!propertyKeys.contains(name)) {
                        throw missing(config, "property", "itemTextProperties", name);
                    }
                }
            }

            List<String> kgTypes = config.kgRelationshipTypes().isEmpty()
                    ? typesBetweenItemsAndEntities(tx, config, types)
                    : config.kgRelationshipTypes();
            tx.commit();
            return kgTypes;
        }
    }

    private static List<String> typesBetweenItemsAndEntities(Transaction tx, ProfileConfig config, Set<String> types) {
        List<String> found = new ArrayList<>();
        for (String type : types.stream().sorted().toList()) {
            if (type.equals(config.interactionType())) {
                continue;
            }
            String query = "MATCH (:" + quote(config.itemLabel()) + ")-[:" + quote(type) + "]-(:"
                    + quote(config.entityLabel()) + ") RETURN 1 AS found LIMIT 1";
            if (tx.execute(query).hasNext()) {
                found.add(type);
            }
        }
        return found;
    }

    private static IllegalArgumentException missing(ProfileConfig config, String what, String key, String name) {
        return new IllegalArgumentException(config.procedure() + ": " + what + " '" + name + "' of configuration key `"
                + key + "` not found in the database. Check the spelling, or load the data first.");
    }
}
