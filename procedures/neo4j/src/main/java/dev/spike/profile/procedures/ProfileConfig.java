package dev.spike.profile.procedures;

import dev.spike.config.ConfigMap;
import dev.spike.profile.ProfileSettings;
import dev.spike.profile.SubjectKind;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Configuration of the {@code spike.profile.*} procedures: the graph shape, the property names
 * written, what to redo, and the engine settings, parsed and validated before any work starts.
 *
 * <p>Every label, type and property name has passed {@link dev.spike.config.Identifiers#check}.
 * Keys that are not graph or write settings go to {@link ProfileSettings#fromMap}, which
 * validates them. Names set explicitly must exist in the database; see {@link ProfileSchemaCheck}.
 *
 * @param explicitKeys the keys the caller set, so a check can treat defaults more leniently
 */
public record ProfileConfig(
        String procedure,
        String userLabel,
        String itemLabel,
        String entityLabel,
        String interactionType,
        String reviewProperty,
        String timestampProperty,
        String positionProperty,
        String splitProperty,
        String trainValue,
        List<String> kgRelationshipTypes,
        String entityNameProperty,
        List<String> itemTextProperties,
        int maxCoItems,
        int batchSize,
        Properties properties,
        boolean onlyMissing,
        boolean force,
        Set<SubjectKind> kinds,
        boolean embed,
        ProfileSettings settings,
        Set<String> explicitKeys) {

    /**
     * Names of the node properties that the procedures write.
     *
     * @param profile            profile text
     * @param hash               {@link dev.spike.profile.InputHash} of the inputs the profile was written from
     * @param model              "provider/model" that wrote the profile
     * @param updatedAt          datetime of the write
     * @param embedding          float[] embedding of the profile text
     * @param embeddingModel     name of the embedding model
     * @param embeddingDimension length of the embedding
     */
    public record Properties(
            String profile, String hash, String model, String updatedAt,
            String embedding, String embeddingModel, String embeddingDimension) {

        List<String> all() {
            return List.of(profile, hash, model, updatedAt, embedding, embeddingModel, embeddingDimension);
        }
    }

    public static final String WRITE = "spike.profile.write";
    public static final String STREAM = "spike.profile.stream";
    public static final String ESTIMATE = "spike.profile.estimate";
    public static final String EMBED = "spike.profile.embed";

    /** Parses the configuration of one procedure; only {@code spike.profile.write} accepts {@code embed}. */
    public static ProfileConfig parse(String procedure, Map<String, Object> configuration) {
        Map<String, Object> values = configuration == null ? Map.of() : configuration;
        ConfigMap map = ConfigMap.of(procedure, values);

        String userLabel = map.identifier("userLabel", "User");
        String itemLabel = map.identifier("itemLabel", "Item");
        String entityLabel = map.identifier("entityLabel", "Entity");
        String interactionType = map.identifier("interactionType", "RATED");
        String reviewProperty = map.identifier("reviewProperty", "review");
        String timestampProperty = map.identifier("timestampProperty", "timestamp");
        String positionProperty = map.identifier("positionProperty", "position");
        String splitProperty = map.identifier("splitProperty", "split");
        checkOrderKeys(procedure, timestampProperty, positionProperty, splitProperty);
        String trainValue = map.string("trainValue", "train");
        List<String> kgTypes = map.identifierList("kgRelationshipTypes", List.of());
        String entityNameProperty = map.identifier("entityNameProperty", "name");
        List<String> itemTextProperties = map.identifierList("itemTextProperties", List.of("title"));
        if (itemTextProperties.isEmpty()) {
            throw new IllegalArgumentException(procedure
                    + ": configuration key `itemTextProperties` must name at least one property, such as ['title'].");
        }
        int maxCoItems = map.integer("maxCoItems", 3, 0, 100);
        int batchSize = map.integer("batchSize", 100, 1, 100_000);
        Properties properties = new Properties(
                map.identifier("profileProperty", "profile"),
                map.identifier("profileHashProperty", "profileHash"),
                map.identifier("profileModelProperty", "profileModel"),
                map.identifier("profileUpdatedAtProperty", "profileUpdatedAt"),
                map.identifier("embeddingProperty", "profileEmbedding"),
                map.identifier("embeddingModelProperty", "profileEmbeddingModel"),
                map.identifier("embeddingDimensionProperty", "profileEmbeddingDimension"));
        checkDistinct(procedure, properties);
        checkInputsKept(procedure, properties, itemTextProperties, entityNameProperty);
        checkLabels(procedure, userLabel, itemLabel, entityLabel);

        boolean onlyMissing = map.bool("onlyMissing", false);
        boolean force = map.bool("force", false);
        if (onlyMissing && force) {
            throw new IllegalArgumentException(procedure
                    + ": configuration keys `onlyMissing` and `force` exclude each other. Set at most one of them.");
        }
        Set<SubjectKind> kinds = kinds(procedure, map.raw("kinds"));
        boolean embed = WRITE.equals(procedure) && map.bool("embed", false);

        Map<String, Object> engineValues = new HashMap<>();
        for (String key : ProfileSettings.KEYS) {
            Object value = map.raw(key);
            if (value != null) {
                engineValues.put(key, value);
            }
        }
        map.rejectUnknownKeys();
        ProfileSettings settings;
        try {
            settings = ProfileSettings.fromMap(engineValues);
        } catch (IllegalArgumentException e) {
            // No cause attached: Neo4j shows the message of the root cause, which then names the procedure.
            throw new IllegalArgumentException(procedure + ": " + e.getMessage());
        }
        return new ProfileConfig(procedure, userLabel, itemLabel, entityLabel, interactionType, reviewProperty,
                timestampProperty, positionProperty, splitProperty, trainValue, kgTypes, entityNameProperty, itemTextProperties, maxCoItems, batchSize, properties,
                onlyMissing, force, kinds, embed, settings, Set.copyOf(values.keySet()));
    }

    /** Returns true when the caller set the key, rather than relying on its default. */
    boolean isExplicit(String key) {
        return explicitKeys.contains(key);
    }

    /** Returns the label of a kind of node. */
    String label(SubjectKind kind) {
        return switch (kind) {
            case ITEM -> itemLabel;
            case ENTITY -> entityLabel;
            case USER -> userLabel;
        };
    }

    /** Parses {@code kinds}. A single string counts as a list of one, as it does for the other list keys. */
    private static Set<SubjectKind> kinds(String procedure, Object value) {
        if (value == null) {
            return EnumSet.allOf(SubjectKind.class);
        }
        List<?> list;
        if (value instanceof String single) {
            list = List.of(single);
        } else if (value instanceof List<?> given && !given.isEmpty()) {
            list = given;
        } else {
            throw invalidKinds(procedure, value);
        }
        Set<SubjectKind> kinds = EnumSet.noneOf(SubjectKind.class);
        for (Object element : list) {
            if (!(element instanceof String name)) {
                throw invalidKinds(procedure, value);
            }
            try {
                kinds.add(SubjectKind.valueOf(name.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw invalidKinds(procedure, value);
            }
        }
        return kinds;
    }

    private static IllegalArgumentException invalidKinds(String procedure, Object value) {
        return new IllegalArgumentException(procedure + ": configuration key `kinds` must be a non-empty list of "
                + "'ITEM', 'ENTITY' and 'USER', or one of them as a string, got " + value + ".");
    }

    /** Rejects order keys that name the split property or each other. */
    private static void checkOrderKeys(String procedure, String timestamp, String position, String split) {
        if (timestamp.equals(position)) {
            throw sameProperty(procedure, "timestampProperty", "positionProperty", timestamp);
        }
        if (position.equals(split)) {
            throw sameProperty(procedure, "positionProperty", "splitProperty", split);
        }
        if (timestamp.equals(split)) {
            throw sameProperty(procedure, "timestampProperty", "splitProperty", split);
        }
    }

    private static IllegalArgumentException sameProperty(String procedure, String key, String otherKey, String name) {
        return new IllegalArgumentException(procedure + ": configuration keys `" + key + "` and `" + otherKey
                + "` both name the property '" + name + "'. Give each key its own property.");
    }

    /**
     * Rejects a written property that names a property the profiles are made from, since the
     * write would replace, say, every item's title with its profile.
     */
    private static void checkInputsKept(String procedure, Properties properties, List<String> itemTextProperties,
            String entityNameProperty) {
        for (String name : properties.all()) {
            if (itemTextProperties.contains(name)) {
                throw new IllegalArgumentException(procedure + ": the property '" + name + "' is in "
                        + "`itemTextProperties`, so writing profiles into it would replace the items' own text. Give "
                        + "the written property another name.");
            }
            if (name.equals(entityNameProperty)) {
                throw new IllegalArgumentException(procedure + ": the property '" + name + "' is the "
                        + "`entityNameProperty`, so writing profiles into it would replace the names of entities "
                        + "and users. Give the written property another name.");
            }
        }
    }

    private static void checkLabels(String procedure, String userLabel, String itemLabel, String entityLabel) {
        if (userLabel.equals(itemLabel) || userLabel.equals(entityLabel) || itemLabel.equals(entityLabel)) {
            throw new IllegalArgumentException(String.format("%s: `userLabel`, `itemLabel` and `entityLabel` must be "
                    + "three different labels, found '%s', '%s' and '%s'.", procedure, userLabel, itemLabel,
                    entityLabel));
        }
    }

    private static void checkDistinct(String procedure, Properties properties) {
        List<String> keys = List.of("profileProperty", "profileHashProperty", "profileModelProperty",
                "profileUpdatedAtProperty", "embeddingProperty", "embeddingModelProperty", "embeddingDimensionProperty");
        List<String> names = properties.all();
        for (int i = 0; i < names.size(); i++) {
            int earlier = names.subList(0, i).indexOf(names.get(i));
            if (earlier >= 0) {
                throw new IllegalArgumentException(procedure + ": the property name '" + names.get(i)
                        + "' is used for two of the written properties, `" + keys.get(earlier) + "` and `"
                        + keys.get(i) + "`. Give each written property its own name.");
            }
        }
    }
}
