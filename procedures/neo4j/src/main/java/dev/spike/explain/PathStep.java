package dev.spike.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;

/** Text and map forms of a node on an explanation path, for the result row and its description. */
final class PathStep {

    private PathStep() {}

    /** Builds the map {nodeId, labels, name, profileSentence} that {@code spike.explain} yields for a node. */
    static Map<String, Object> describe(Node node, String profileProperty) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("nodeId", node.getId());
        map.put("labels", labels(node));
        map.put("name", name(node));
        map.put("profileSentence", firstSentence(node.getProperty(profileProperty, null)));
        return map;
    }

    /** Returns the {@code title} or {@code name} property, else the {@code id} property, else the node id. */
    static String name(Node node) {
        for (String key : List.of("title", "name", "id")) {
            Object value = node.getProperty(key, null);
            if (value != null) {
                return value.toString();
            }
        }
        return "node " + node.getId();
    }

    /**
     * Formats an item as "Heat (1995)": the year from a {@code year} property is added unless the
     * title already ends with it, as MovieLens titles do. An item without a title or name reads
     * "item" and its id.
     */
    static String item(Node node) {
        if (!hasOwnName(node)) {
            return "item " + node.getProperty("id", node.getId());
        }
        Object year = node.getProperty("year", null);
        String name = name(node);
        if (year == null || name.stripTrailing().endsWith("(" + year + ")")) {
            return name;
        }
        return name + " (" + year + ")";
    }

    /** Formats an entity as "genre Crime": its first label other than the entity label, in lower case, then its name. */
    static String entity(Node node, String entityLabel) {
        for (Label label : node.getLabels()) {
            if (!label.name().equals(entityLabel)) {
                return label.name().toLowerCase(java.util.Locale.ROOT) + " " + name(node);
            }
        }
        return hasOwnName(node) ? name(node) : "entity " + node.getProperty("id", node.getId());
    }

    /**
     * Returns true when the node has a {@code title} or {@code name}. Without one, a description
     * prefixes the id with the node's kind ("item 3", "entity 5"), as after a KGAT load without id lists.
     */
    private static boolean hasOwnName(Node node) {
        return node.hasProperty("title") || node.hasProperty("name");
    }

    /** Returns the text up to and including the first '.', '!' or '?' followed by white space or the end. */
    static String firstSentence(Object profile) {
        if (!(profile instanceof String text) || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        for (int i = 0; i < trimmed.length(); i++) {
            char c = trimmed.charAt(i);
            boolean end = i + 1 == trimmed.length() || Character.isWhitespace(trimmed.charAt(i + 1));
            if ((c == '.' || c == '!' || c == '?') && end) {
                return trimmed.substring(0, i + 1);
            }
        }
        return trimmed;
    }

    private static List<String> labels(Node node) {
        List<String> names = new ArrayList<>();
        node.getLabels().forEach(label -> names.add(label.name()));
        names.sort(null);
        return names;
    }
}
