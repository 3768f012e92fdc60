package dev.spike.profile.procedures;

import static dev.spike.config.Identifiers.quote;

import dev.spike.profile.SubjectKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Transaction;

/**
 * Checks the configured names against the database before any work starts, and finds the
 * knowledge-graph relationship types when none are configured.
 *
 * <p>The item label must exist, and so must any other label, type or property set explicitly.
 * A default name that does not exist is no error, because it means the graph has none of it,
 * such as no reviews, no timestamps or no entities.
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
            Map<String, String> interactionProperties = new LinkedHashMap<>();
            interactionProperties.put("reviewProperty", config.reviewProperty());
            interactionProperties.put("timestampProperty", config.timestampProperty());
            interactionProperties.put("positionProperty", config.positionProperty());
            interactionProperties.put("splitProperty", config.splitProperty());
            String interactions = "(:" + quote(config.userLabel()) + ")-[x:" + quote(config.interactionType()) + "]->(:"
                    + quote(config.itemLabel()) + ")";
            for (Map.Entry<String, String> property : interactionProperties.entrySet()) {
                if (config.isExplicit(property.getKey())) {
                    requireUsed(tx, config, propertyKeys, property.getKey(), property.getValue(), interactions, "x",
                            ":" + config.interactionType() + " relationship from :" + config.userLabel() + " to :"
                                    + config.itemLabel());
                }
            }
            requireTrainValue(tx, config, interactions);
            if (config.isExplicit("entityNameProperty")) {
                requireUsed(tx, config, propertyKeys, "entityNameProperty", config.entityNameProperty(),
                        "(n) WHERE (n:" + quote(config.entityLabel()) + " OR n:" + quote(config.userLabel()) + ")", "n",
                        ":" + config.entityLabel() + " or :" + config.userLabel() + " node");
            }
            if (config.procedure().equals(ProfileConfig.EMBED) && config.isExplicit("profileProperty")) {
                // spike.profile.embed reads this property, so a misspelt name would embed nothing.
                requireUsed(tx, config, propertyKeys, "profileProperty", config.properties().profile(),
                        "(n) WHERE (n:" + quote(config.itemLabel()) + " OR n:" + quote(config.entityLabel()) + " OR n:"
                                + quote(config.userLabel()) + ")", "n",
                        ":" + config.itemLabel() + ", :" + config.entityLabel() + " or :" + config.userLabel() + " node");
            }
            if (config.isExplicit("itemTextProperties")) {
                for (String name : config.itemTextProperties()) {
                    requireUsed(tx, config, propertyKeys, "itemTextProperties", name,
                            "(n:" + quote(config.itemLabel()) + ")", "n", ":" + config.itemLabel() + " node");
                }
            }

            for (String label : List.of(config.itemLabel(), config.entityLabel(), config.userLabel())) {
                if (labels.contains(label)) {
                    requireOwnWrittenProperties(tx, config, label);
                }
            }
            if (config.procedure().equals(ProfileConfig.WRITE)) {
                Map<SubjectKind, String> labelOfKind = Map.of(SubjectKind.ITEM, config.itemLabel(),
                        SubjectKind.ENTITY, config.entityLabel(), SubjectKind.USER, config.userLabel());
                for (SubjectKind kind : config.kinds()) {
                    if (labels.contains(labelOfKind.get(kind))) {
                        requireEmbeddingsOfThisProfile(tx, config, labelOfKind.get(kind));
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

    /**
     * Fails when a property this call writes (or removes) already contains data that a profile
     * run did not write. The properties of a group are always written together: profile text,
     * hash, model and time, or embedding, embedding model and dimension. So a node that has one
     * of them without the others carries other data under that name, such as the key {@code id}.
     */
    private static void requireOwnWrittenProperties(Transaction tx, ProfileConfig config, String label) {
        ProfileConfig.Properties written = config.properties();
        Map<String, String> profileGroup = orderedMap("profileProperty", written.profile(), "profileHashProperty",
                written.hash(), "profileModelProperty", written.model(), "profileUpdatedAtProperty", written.updatedAt());
        Map<String, String> embeddingGroup = orderedMap("embeddingProperty", written.embedding(),
                "embeddingModelProperty", written.embeddingModel(), "embeddingDimensionProperty",
                written.embeddingDimension());
        // write sets the profile group and removes the embedding group of a changed text. embed
        // reads the profile text, which may come from elsewhere, and writes the embedding group.
        // stream and estimate write nothing.
        List<Map<String, String>> groups = switch (config.procedure()) {
            case ProfileConfig.WRITE -> List.of(profileGroup, embeddingGroup);
            case ProfileConfig.EMBED -> List.of(embeddingGroup);
            default -> List.of();
        };
        for (Map<String, String> group : groups) {
            List<String> names = List.copyOf(group.values());
            String query = "MATCH (n:" + quote(label) + ") WHERE any(k IN $names WHERE n[k] IS NOT NULL) "
                    + "AND any(k IN $names WHERE n[k] IS NULL) "
                    + "RETURN id(n) AS id, [k IN $names WHERE n[k] IS NOT NULL] AS present, "
                    + "[k IN $names WHERE n[k] IS NULL] AS absent LIMIT 1";
            try (var result = tx.execute(query, Map.of("names", names))) {
                if (!result.hasNext()) {
                    continue;
                }
                Map<String, Object> row = result.next();
                String present = (String) ((List<?>) row.get("present")).get(0);
                String absent = (String) ((List<?>) row.get("absent")).get(0);
                String key = group.entrySet().stream().filter(entry -> entry.getValue().equals(present))
                        .map(Map.Entry::getKey).findFirst().orElse(present);
                String absentKey = group.entrySet().stream().filter(entry -> entry.getValue().equals(absent))
                        .map(Map.Entry::getKey).findFirst().orElse(absent);
                if (!config.explicitKeys().contains(key) && config.explicitKeys().contains(absentKey)) {
                    // The name the caller chose is the odd one out, not the default name an earlier run wrote.
                    throw new IllegalArgumentException(config.procedure() + ": node " + row.get("id") + " (:" + label
                            + ") has '" + present + "' from an earlier profile run but no '" + absent + "' (configuration "
                            + "key `" + absentKey + "`), so that run wrote under other names, or '" + absent + "' holds "
                            + "other data. Writing would mix the two; pass the names of the earlier run, or give the "
                            + "written properties " + String.join(", ", group.keySet().stream().map(k -> "`" + k + "`")
                            .toList()) + " names that no other data uses.");
                }
                throw new IllegalArgumentException(config.procedure() + ": property '" + present + "' of "
                        + "configuration key `" + key + "` already holds other data on node " + row.get("id") + " (:"
                        + label + "), which has no '" + absent + "' that a profile run writes with it. Writing "
                        + "would replace that data; give the written properties " + String.join(", ",
                        group.keySet().stream().map(k -> "`" + k + "`").toList()) + " names that no other data "
                        + "uses.");
            }
        }
    }

    /**
     * Fails when a node has an embedding but no profile text under the configured names. Such an
     * embedding was made from another profile property, and writing a profile here would remove
     * it, as it removes the embedding of any changed text.
     */
    private static void requireEmbeddingsOfThisProfile(Transaction tx, ProfileConfig config, String label) {
        ProfileConfig.Properties written = config.properties();
        String query = "MATCH (n:" + quote(label) + ") WHERE n[$embedding] IS NOT NULL AND n[$profile] IS NULL "
                + "RETURN count(n) AS nodes, min(id(n)) AS id";
        try (var result = tx.execute(query, Map.of("embedding", written.embedding(), "profile", written.profile()))) {
            Map<String, Object> row = result.next();
            long nodes = (Long) row.get("nodes");
            if (nodes == 0) {
                return;
            }
            Object nodeId = row.get("id");
            throw new IllegalArgumentException(String.format("%s: %,d :%s nodes, such as node %s, have '%s' "
                    + "(configuration key `embeddingProperty`) but no '%s' (`profileProperty`), so those embeddings "
                    + "were made from another profile property. Writing '%s' profiles would remove them. Give the new "
                    + "profiles embedding properties of their own (`embeddingProperty`, `embeddingModelProperty`, "
                    + "`embeddingDimensionProperty`), or remove the old embeddings first.", config.procedure(), nodes,
                    label, nodeId, written.embedding(), written.profile(), written.profile()));
        }
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Fails when every interaction carries the split property and none has the train value, as
     * after {@code trainValue: 'Train'} where the split wrote 'train': every interaction would be
     * skipped, and users would get profiles that name none of their items.
     */
    private static void requireTrainValue(Transaction tx, ProfileConfig config, String interactions) {
        String split = "x." + quote(config.splitProperty());
        if (exists(tx, "MATCH " + interactions + " WHERE " + split + " IS NULL OR " + split + " = $train "
                        + "RETURN 1 AS found LIMIT 1",
                Map.of("train", config.trainValue()))) {
            return;
        }
        String sample = "MATCH " + interactions + " WHERE " + split + " IS NOT NULL WITH " + split + " AS value "
                + "LIMIT 1000 RETURN collect(DISTINCT toString(value))[..5] AS values";
        try (var result = tx.execute(sample)) {
            List<?> values = (List<?>) result.next().get("values");
            if (!values.isEmpty()) {
                throw new IllegalArgumentException(config.procedure() + ": no interaction has "
                        + config.splitProperty() + " = '" + config.trainValue() + "' (the `trainValue`) or no "
                        + config.splitProperty() + ", so every interaction would be left out. Values found: " + values + ". Set `trainValue` to the value "
                        + "that marks training interactions.");
            }
        }
    }

    private static boolean exists(Transaction tx, String query, Map<String, Object> parameters) {
        try (var result = tx.execute(query, parameters)) {
            return result.hasNext();
        }
    }

    /**
     * Fails unless at least one match of {@code pattern} has the property. Without this, a name
     * that only other nodes carry, or that no node carries any more, would pass the property-key
     * check and the profiles would silently go without it.
     */
    private static void requireUsed(Transaction tx, ProfileConfig config, Set<String> propertyKeys, String key,
            String name, String pattern, String variable, String where) {
        if (!propertyKeys.contains(name)) {
            throw missing(config, "property", key, name);
        }
        String condition = variable + "." + quote(name) + " IS NOT NULL";
        String query = "MATCH " + pattern + (pattern.contains(" WHERE ") ? " AND " : " WHERE ") + condition
                + " RETURN 1 AS found LIMIT 1";
        try (var result = tx.execute(query)) {
            if (!result.hasNext()) {
                throw new IllegalArgumentException(config.procedure() + ": property '" + name + "' of configuration "
                        + "key `" + key + "` is on no " + where + ". Check the spelling, or leave the key out.");
            }
        }
    }

    private static IllegalArgumentException missing(ProfileConfig config, String what, String key, String name) {
        return new IllegalArgumentException(config.procedure() + ": " + what + " '" + name + "' of configuration key `"
                + key + "` not found in the database. Check the spelling, or load the data first.");
    }
}
