package dev.spike.kgat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;

/**
 * Writes {@code train.txt}, {@code test.txt} and {@code kg_final.txt} from the graph shape that
 * {@link GraphLoader} creates, using the ids stored on the nodes. Lines are ordered by user id
 * or by head, relation and tail, and the items of a line ascend, so the files can differ from
 * the loaded ones in order only.
 */
final class GraphExporter {

    /** The relation id list that an export writes beside the three interaction and triple files. */
    static final String RELATIONS = "relation_list.txt";

    /** Numbers of lines and pairs written. */
    record Exported(long trainInteractions, long testInteractions, long kgTriples) {}

    private final Transaction transaction;
    private final KgatConfig config;

    GraphExporter(Transaction transaction, KgatConfig config) {
        this.transaction = transaction;
        this.config = config;
    }

    Exported write(Path folder) throws IOException {
        for (String name : new String[] {KgatFiles.TRAIN, KgatFiles.TEST, KgatFiles.KG, RELATIONS}) {
            if (!config.overwrite() && Files.exists(folder.resolve(name))) {
                throw new IllegalArgumentException(name + " already exists in " + folder
                        + ". Pass {overwrite: true} to replace it, or export to another folder.");
            }
        }
        requireSplit();
        requirePositionProperty();
        requireRelationIds();
        // The files are written under temporary names and renamed only when all four are
        // complete, so a failure part way, such as an entity without an id, leaves no file behind.
        String suffix = ".tmp-" + java.util.UUID.randomUUID();
        Path trainFile = folder.resolve(KgatFiles.TRAIN + suffix);
        Path testFile = folder.resolve(KgatFiles.TEST + suffix);
        Path kgFile = folder.resolve(KgatFiles.KG + suffix);
        Path relationFile = folder.resolve(RELATIONS + suffix);
        try {
            long train = writeInteractions(trainFile, "train", true);
            long test = writeInteractions(testFile, "test", false);
            Map<Long, String> types = new java.util.TreeMap<>();
            long triples = writeTriples(kgFile, types);
            writeRelations(relationFile, types);
            Files.move(trainFile, folder.resolve(KgatFiles.TRAIN), StandardCopyOption.REPLACE_EXISTING);
            Files.move(testFile, folder.resolve(KgatFiles.TEST), StandardCopyOption.REPLACE_EXISTING);
            Files.move(kgFile, folder.resolve(KgatFiles.KG), StandardCopyOption.REPLACE_EXISTING);
            Files.move(relationFile, folder.resolve(RELATIONS), StandardCopyOption.REPLACE_EXISTING);
            return new Exported(train, test, triples);
        } finally {
            Files.deleteIfExists(trainFile);
            Files.deleteIfExists(testFile);
            Files.deleteIfExists(kgFile);
            Files.deleteIfExists(relationFile);
        }
    }

    /**
     * Fails when there are interactions but none is marked 'train' or 'test': both files would be
     * empty, as after a misspelt splitProperty or before any split.
     */
    private void requireSplit() {
        String interactions = "MATCH (:" + Identifiers.quote(config.userLabel()) + ")-[r:"
                + Identifiers.quote(config.interactionType()) + "]->(:" + Identifiers.quote(config.itemLabel()) + ") ";
        try (Result any = transaction.execute(interactions + "RETURN 1 AS found LIMIT 1");
                Result split = transaction.execute(interactions + "WHERE r." + Identifiers.quote(config.splitProperty())
                        + " IN ['train', 'test'] RETURN 1 AS found LIMIT 1")) {
            if (any.hasNext() && !split.hasNext()) {
                throw new IllegalArgumentException(String.format(
                        "no :%s relationship has %s = 'train' or 'test', so train.txt and test.txt would be empty. "
                                + "Name the property that holds the split in splitProperty, or run spike.split first.",
                        config.interactionType(), config.splitProperty()));
            }
        }
    }

    /**
     * Fails when relationships run between item and entity nodes but none has a
     * {@code relationId}: kg_final.txt would be empty although the graph has a KG, as for a
     * graph that was not loaded by spike.kgat.load.
     */
    private void requireRelationIds() {
        String item = Identifiers.quote(config.itemLabel());
        String entity = Identifiers.quote(config.entityLabel());
        String triples = "MATCH (head)-[r]->(tail) WHERE (head:" + item + " OR head:" + entity + ") "
                + "AND (tail:" + item + " OR tail:" + entity + ") ";
        try (Result any = transaction.execute(triples + "RETURN type(r) AS type LIMIT 1");
                Result numbered = transaction.execute(triples + "AND r.relationId IS NOT NULL RETURN 1 AS found LIMIT 1")) {
            if (any.hasNext() && !numbered.hasNext()) {
                String type = (String) any.next().get("type");
                throw new IllegalArgumentException(String.format(
                        "no relationship between :%s and :%s nodes has a relationId (found :%s without one), so kg_final.txt "
                                + "would be empty. Set an integer relationId per relationship type on the KG "
                                + "relationships to export, e.g. MATCH ()-[r:%s]->() SET r.relationId = 0. Their "
                                + "nodes need integer ids too: items from 0, other entities after the items.",
                        config.itemLabel(), config.entityLabel(), type, backticked(type)));
            }
        }
    }

    /** Quotes a name read from the graph for a Cypher example in a message. */
    private static String backticked(String name) {
        return "`" + name.replace("`", "``") + "`";
    }

    /**
     * Fails when the configuration names a position property that no interaction has: the
     * items would silently be written in id order, which a misspelt name should not cause.
     */
    private void requirePositionProperty() {
        if (!config.positionPropertyGiven()) {
            return;
        }
        String cypher = "MATCH (:" + Identifiers.quote(config.userLabel()) + ")-[r:"
                + Identifiers.quote(config.interactionType()) + "]->(:" + Identifiers.quote(config.itemLabel())
                + ") WHERE r." + Identifiers.quote(config.positionProperty()) + " IS NOT NULL RETURN 1 AS found LIMIT 1";
        try (Result result = transaction.execute(cypher)) {
            if (!result.hasNext()) {
                throw new IllegalArgumentException(String.format(
                        "positionProperty '%s' is on no :%s relationship from :%s to :%s. Check the spelling, or "
                                + "leave the key out to write each user's items in id order.",
                        config.positionProperty(), config.interactionType(), config.userLabel(), config.itemLabel()));
            }
        }
    }

    /**
     * Writes one line per user with interactions of {@code split}. train.txt also gets a line with
     * only the user id for each user with no interaction in any split, so such users survive a
     * round trip.
     */
    private long writeInteractions(Path file, String split, boolean withUsersWithoutInteractions) throws IOException {
        String user = Identifiers.quote(config.userLabel());
        String item = Identifiers.quote(config.itemLabel());
        String interaction = Identifiers.quote(config.interactionType());
        String cypher = "MATCH (user:" + user + ")-[r:" + interaction + "]->(item:" + item + ") "
                + "WHERE r." + Identifiers.quote(config.splitProperty()) + " = $split "
                + "RETURN user.id AS user, item.id AS item "
                + "ORDER BY user, r." + Identifiers.quote(config.positionProperty()) + ", item";
        String alone = "MATCH (user:" + user + ") WHERE NOT (user)-[:" + interaction + "]->(:" + item + ") "
                + "RETURN user.id AS user, null AS item ORDER BY user";

        long pairs = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            LineWriter lines = new LineWriter(out);
            try (Result result = transaction.execute(cypher, Map.of("split", split))) {
                while (result.hasNext()) {
                    Map<String, Object> row = result.next();
                    lines.add(id(row, "user", "the id of a :" + config.userLabel() + " node"),
                            id(row, "item", "the id of an :" + config.itemLabel() + " node"));
                    pairs++;
                }
            }
            if (withUsersWithoutInteractions) {
                try (Result result = transaction.execute(alone)) {
                    while (result.hasNext()) {
                        lines.addUserWithoutItems(id(result.next(), "user", "the id of a :" + config.userLabel() + " node"));
                    }
                }
            }
            lines.finish();
        }
        return pairs;
    }

    /**
     * Writes relation_list.txt with each relation id's relationship type as its name, so that
     * loading the export again, also over its source graph, gives the relationships their types
     * back instead of new R0, R1, ... types beside the old ones.
     */
    private static void writeRelations(Path file, Map<Long, String> types) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("org_id remap_id\n");
            for (Map.Entry<Long, String> type : types.entrySet()) {
                out.write(type.getValue() + " " + type.getKey() + "\n");
            }
        }
    }

    private long writeTriples(Path file, Map<Long, String> types) throws IOException {
        String item = Identifiers.quote(config.itemLabel());
        String entity = Identifiers.quote(config.entityLabel());
        String cypher = "MATCH (head)-[r]->(tail) "
                + "WHERE r.relationId IS NOT NULL AND (head:" + item + " OR head:" + entity + ") "
                + "AND (tail:" + item + " OR tail:" + entity + ") "
                + "RETURN head.id AS head, r.relationId AS relation, tail.id AS tail, type(r) AS type, "
                + "labels(head) AS headLabels, labels(tail) AS tailLabels ORDER BY head, relation, tail";
        long triples = 0;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                Result result = transaction.execute(cypher)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                out.write(id(row, "head", "the id of a head node " + labels(row.get("headLabels")) + " of :"
                                + row.get("type"))
                        + " " + id(row, "relation", "the relationId of a :" + row.get("type") + " relationship")
                        + " " + id(row, "tail", "the id of a tail node " + labels(row.get("tailLabels")) + " of :"
                                + row.get("type")));
                out.write('\n');
                triples++;
                long relation = ((Number) row.get("relation")).longValue();
                String type = (String) row.get("type");
                String earlier = types.putIfAbsent(relation, type);
                if (earlier != null && !earlier.equals(type)) {
                    throw new IllegalArgumentException(String.format("relationId %d is on both :%s and :%s "
                            + "relationships, so relation_list.txt cannot name it. Give each relationship type its "
                            + "own relationId.", relation, earlier, type));
                }
            }
        }
        return triples;
    }

    private static String labels(Object labels) {
        // Sorted, since Neo4j lists a node's labels in the order their tokens were created.
        return "(:" + String.join(":", ((java.util.List<?>) labels).stream().map(String::valueOf).sorted().toList()) + ")";
    }

    private static long id(Map<String, Object> row, String column, String description) {
        Object value = row.get(column);
        boolean integral = value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
        if (!integral || ((Number) value).longValue() < 0) {
            throw new IllegalArgumentException(String.format(
                    "Cannot export %s: found %s, but KGAT files need non-negative integer ids. Fix or remove that value and export again.",
                    description, value));
        }
        return ((Number) value).longValue();
    }

    /** Joins rows ordered by user into "userId itemId ..." lines. */
    private static final class LineWriter {
        private final BufferedWriter out;
        private long currentUser = -1;

        LineWriter(BufferedWriter out) {
            this.out = out;
        }

        void add(long user, long item) throws IOException {
            if (user != currentUser) {
                finish();
                out.write(Long.toString(user));
                currentUser = user;
            }
            out.write(' ');
            out.write(Long.toString(item));
        }

        void addUserWithoutItems(long user) throws IOException {
            finish();
            out.write(Long.toString(user));
            currentUser = user;
        }

        void finish() throws IOException {
            if (currentUser >= 0) {
                out.write('\n');
                currentUser = -1;
            }
        }
    }
}
