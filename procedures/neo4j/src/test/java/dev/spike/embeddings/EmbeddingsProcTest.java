package dev.spike.embeddings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.DemoGraph;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code spike.embeddings.stream} and {@code spike.embeddings.write} on a small demo model. */
class EmbeddingsProcTest {

    private static final int DIM = 16;

    private static EmbeddedNeo4j db;
    private static long userCount;
    private static long itemCount;

    @BeforeAll
    static void trainOnDemo() {
        db = DemoGraph.load();
        DemoGraph.dropModels(db);
        db.rows("DROP INDEX spikeEmbedding_User IF EXISTS");
        db.rows("DROP INDEX spikeEmbedding_Item IF EXISTS");
        DemoGraph.project(db, "vectors");
        db.rows("CALL spike.train('vectors', {modelName: 'vectors', profiles: false, epochs: 3, embeddingDim: 16, "
                + "patience: 0, seed: 5})");
        Map<String, Object> model = db.rows("CALL spike.model.list('vectors')").get(0);
        userCount = (Long) model.get("userCount");
        itemCount = (Long) model.get("itemCount");
    }

    @Test
    void streamYieldsUsersAndItems() {
        assertEquals(userCount + itemCount, stream("both").size());
        assertEquals(userCount, stream("users").size());
        assertEquals(itemCount, stream("items").size());
        assertEquals(itemCount, Scripts.count(db, """
                CALL spike.embeddings.stream({modelName: 'vectors', nodes: 'items'}) YIELD nodeId, embedding
                MATCH (n:Item) WHERE id(n) = nodeId AND size(embedding) = 16 RETURN count(n)
                """));
        assertEquals(userCount + itemCount, Scripts.count(db, """
                CALL spike.embeddings.stream({modelName: 'vectors'}) YIELD nodeId RETURN count(DISTINCT nodeId)
                """));
    }

    @Test
    void streamedEmbeddingsGiveModelScore() {
        Map<String, Object> top = db.rows("""
                MATCH (u:User {id: 3})
                CALL spike.recommend.stream('', {modelName: 'vectors', topK: 1, users: [u]})
                YIELD userId, itemId, score RETURN userId, itemId, score
                """).get(0);
        Map<Long, List<Double>> embeddings = new HashMap<>();
        for (Map<String, Object> row : stream("both")) {
            embeddings.put((Long) row.get("nodeId"), embedding(row.get("embedding")));
        }

        double dot = dot(embeddings.get((Long) top.get("userId")), embeddings.get((Long) top.get("itemId")));

        assertEquals((Double) top.get("score"), dot, 1e-4);
    }

    @Test
    void writeStoresFloatArraysAndQueryableIndex() {
        Map<String, Object> result = db.rows("CALL spike.embeddings.write({modelName: 'vectors', vectorIndex: true, "
                + "vectorQuantization: false, batchSize: 100})").get(0);

        assertEquals(userCount + itemCount, result.get("nodesWritten"));
        assertEquals(0L, result.get("nodesMissing"));
        assertEquals((long) DIM, result.get("embeddingDim"));
        assertEquals((userCount + 99) / 100 + (itemCount + 99) / 100, result.get("batches"));
        assertEquals(List.of("spikeEmbedding_User", "spikeEmbedding_Item"), result.get("vectorIndexes"));
        assertEquals(2, Scripts.count(db, "SHOW VECTOR INDEXES YIELD name, state "
                + "WHERE name STARTS WITH 'spikeEmbedding_' AND state = 'ONLINE' RETURN count(*)"));
        assertEquals(itemCount, Scripts.count(db, "MATCH (i:Item) WHERE i.spikeEmbedding IS :: LIST<FLOAT NOT NULL> "
                + "AND size(i.spikeEmbedding) = 16 RETURN count(i)"));
        assertEquals(userCount, Scripts.count(db, "MATCH (u:User) WHERE size(u.spikeEmbedding) = 16 RETURN count(u)"));
        assertTrue(db.rows("MATCH (i:Item) RETURN i.spikeEmbedding AS e LIMIT 1").get(0).get("e") instanceof float[]);

        Map<Long, List<Double>> stored = new HashMap<>();
        for (Map<String, Object> row : db.rows("MATCH (i:Item) RETURN id(i) AS id, i.spikeEmbedding AS e")) {
            stored.put((Long) row.get("id"), embedding(row.get("e")));
        }
        for (long query : stored.keySet().stream().sorted().limit(5).toList()) {
            List<Map<String, Object>> hits = db.rows("""
                    MATCH (q) WHERE id(q) = $id
                    CALL db.index.vector.queryNodes('spikeEmbedding_Item', 5, q.spikeEmbedding) YIELD node, score
                    RETURN id(node) AS id, score
                    """, Map.of("id", query));
            List<Long> nearest = stored.keySet().stream()
                    .sorted(Comparator.comparingDouble((Long other) -> -cosine(stored.get(query), stored.get(other))))
                    .limit(5).toList();

            // Without quantization the index scores are the cosine of the stored vectors, mapped
            // to [0, 1] as (1 + cosine) / 2, and on a few hundred items HNSW finds the exact top 5.
            assertEquals(query, hits.get(0).get("id"));
            assertEquals(nearest, hits.stream().map(hit -> (Long) hit.get("id")).toList());
            for (Map<String, Object> hit : hits) {
                double cosine = cosine(stored.get(query), stored.get((Long) hit.get("id")));
                assertEquals((1 + cosine) / 2, (Double) hit.get("score"), 1e-4);
            }
        }
    }

    @Test
    void rerunKeepsIndexAndOverwrites() {
        db.rows("CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', vectorIndex: true})");
        Map<String, Object> again = db.rows("CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', "
                + "vectorIndex: true})").get(0);

        assertEquals(itemCount, again.get("nodesWritten"));
        assertEquals(List.of("spikeEmbedding_Item"), again.get("vectorIndexes"));
    }

    @Test
    void indexOfOtherDimensionIsRejected() {
        db.rows("CREATE VECTOR INDEX wrongDim_Item IF NOT EXISTS FOR (n:Item) ON n.wrongDim "
                + "OPTIONS {indexConfig: {`vector.dimensions`: 8, `vector.similarity_function`: 'cosine'}}");
        try {
            String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', "
                    + "writeProperty: 'wrongDim', vectorIndex: true})", Map.of());
            assertTrue(message.startsWith("spike.embeddings.write: index `wrongDim_Item` already exists as a VECTOR "
                    + "index with 8 dimensions, but the model's embeddings have 16."), message);
            assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.wrongDim IS NOT NULL RETURN count(n)"),
                    "the index is checked before anything is written");
        } finally {
            db.rows("DROP INDEX wrongDim_Item IF EXISTS");
        }
    }

    @Test
    void equivalentIndexUnderAnotherNameIsUsed() {
        db.rows("CREATE VECTOR INDEX myItemVectors IF NOT EXISTS FOR (n:Item) ON n.ownIndexed "
                + "OPTIONS {indexConfig: {`vector.dimensions`: 16, `vector.similarity_function`: 'cosine'}}");
        try {
            Map<String, Object> result = db.rows("CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', "
                    + "writeProperty: 'ownIndexed', vectorIndex: true})").get(0);
            assertEquals(List.of("myItemVectors"), result.get("vectorIndexes"));
            assertEquals(0, db.rows("SHOW INDEXES YIELD name WHERE name = 'ownIndexed_Item' RETURN name").size());
        } finally {
            db.rows("DROP INDEX myItemVectors IF EXISTS");
            db.rows("MATCH (n) WHERE n.ownIndexed IS NOT NULL REMOVE n.ownIndexed");
        }
    }

    @Test
    void badIndexNameFailsBeforeWriting() {
        db.rows("CREATE VECTOR INDEX elsewhere_Item IF NOT EXISTS FOR (n:User) ON n.elsewhere "
                + "OPTIONS {indexConfig: {`vector.dimensions`: 16, `vector.similarity_function`: 'cosine'}}");
        String longName = "p".repeat(126);
        try {
            String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', "
                    + "writeProperty: 'elsewhere', vectorIndex: true})", Map.of());
            assertTrue(message.startsWith("spike.embeddings.write: index `elsewhere_Item` already exists on [User]"
                    + "[elsewhere], not on :Item(elsewhere)"), message);
            assertTrue(Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', "
                    + "writeProperty: $name, vectorIndex: true})", Map.of("name", longName))
                    .startsWith("spike.embeddings.write: configuration key `writeProperty` is '" + longName
                            + "' (126 characters), too long for `vectorIndex: true`."));
            assertEquals(0L, db.rows("MATCH (n) WHERE n.elsewhere IS NOT NULL OR n[$name] IS NOT NULL "
                    + "RETURN count(n) AS n", Map.of("name", longName)).get(0).get("n"));
        } finally {
            db.rows("DROP INDEX elsewhere_Item IF EXISTS");
        }
    }

    @Test
    void longWritePropertyNamedInIndexError() {
        String property = "w".repeat(124);

        String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', writeProperty: $name, "
                + "vectorIndex: true})", Map.of("name", property));

        assertEquals("spike.embeddings.write: configuration key `writeProperty` is '" + property + "' (124 "
                + "characters), too long for `vectorIndex: true`. The vector index name is derived from it as "
                + "<writeProperty>_<label>, which gives '" + property + "_User' (129 characters), and an index name "
                + "may have at most 128 characters. Shorten `writeProperty` to at most 123 characters, or set "
                + "`vectorIndex: false` and create the index with CREATE VECTOR INDEX under a name of your choice.",
                message);
        assertEquals(0L, db.rows("MATCH (n) WHERE n[$name] IS NOT NULL RETURN count(n) AS n", Map.of("name", property))
                .get(0).get("n"));
    }

    @Test
    void existingPropertyNotOverwritten() {
        db.rows("MATCH (i:Item) SET i.tagline = 'Tagline of ' + i.title");
        long tagged = Scripts.count(db, "MATCH (i:Item) WHERE i.tagline IS :: STRING NOT NULL RETURN count(i)");
        try {
            String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', nodes: "
                    + "'items', writeProperty: 'tagline'})", Map.of());

            assertTrue(message.startsWith("spike.embeddings.write: writeProperty 'tagline' already contains a String "
                    + "value on node "), message);
            assertTrue(message.endsWith("(:Item), which the embeddings would replace. Choose another writeProperty, "
                    + "such as 'spikeEmbedding'."), message);
            assertTrue(tagged > 0, "every item got a tagline");
            assertEquals(tagged, Scripts.count(db, "MATCH (i:Item) WHERE i.tagline IS :: STRING NOT NULL "
                    + "RETURN count(i)"));
        } finally {
            db.rows("MATCH (i:Item) REMOVE i.tagline");
        }
    }

    @Test
    void propertiesReadByOtherProceduresAreRefused() {
        assertEquals("spike.embeddings.write: writeProperty 'name' is a property that SPiKE's procedures and scripts "
                + "read by default (id, name, title, description, profile), so vectors there would turn up as names, "
                + "titles or profile text. Choose another writeProperty, such as 'spikeEmbedding'.",
                Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', writeProperty: 'name'})",
                        Map.of()));
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.name IS :: LIST<FLOAT> NOT NULL RETURN count(n)"));
    }

    @Test
    void profilePropertyNotOverwritten() {
        db.rows("MATCH (n) WHERE n:User OR n:Item OR n:Entity SET n.testProfile = [x IN range(1, 4) | toFloat(x)]");
        try {
            db.rows("CALL spike.train('vectors', {modelName: 'profiled', profileProperty: 'testProfile', epochs: 1, "
                    + "embeddingDim: 16, patience: 0, overwrite: true})");

            // Another model's embeddings must not replace them either.
            String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', "
                    + "writeProperty: 'testProfile'})", Map.of());

            assertEquals("spike.embeddings.write: writeProperty 'testProfile' is the property with the profile "
                    + "embeddings that model 'profiled' was trained with. Choose another writeProperty, such as "
                    + "'spikeEmbedding'.", message);
            assertEquals(0, Scripts.count(db, "MATCH (n:Item) WHERE size(n.testProfile) <> 4 RETURN count(n)"));

            // With two models that read it, the message names the model of the call.
            db.rows("CALL spike.train('vectors', {modelName: 'profiled2', profileProperty: 'testProfile', epochs: 1, "
                    + "embeddingDim: 16, patience: 0, overwrite: true})");
            assertEquals("spike.embeddings.write: writeProperty 'testProfile' is the property with the profile "
                    + "embeddings that model 'profiled2' (and 1 other model) was trained with. Choose another "
                    + "writeProperty, such as 'spikeEmbedding'.", Errors.messageOf(db, "CALL spike.embeddings.write("
                    + "{modelName: 'profiled2', writeProperty: 'testProfile'})", Map.of()));
        } finally {
            db.rows("MATCH (n) WHERE n.testProfile IS NOT NULL REMOVE n.testProfile");
            db.rows("CALL spike.model.drop('profiled', false)");
            db.rows("CALL spike.model.drop('profiled2', false)");
        }
    }

    @Test
    void vectorsOfOtherLengthNotOverwritten() {
        db.rows("CALL spike.embeddings.write({modelName: 'vectors', nodes: 'items', writeProperty: 'sixteen'})");
        db.rows("CALL spike.train('vectors', {modelName: 'eight', profiles: false, epochs: 1, embeddingDim: 8, "
                + "patience: 0, overwrite: true})");
        try {
            String message = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'eight', nodes: 'items', "
                    + "writeProperty: 'sixteen'})", Map.of());

            assertTrue(message.startsWith("spike.embeddings.write: writeProperty 'sixteen' already contains a vector "
                    + "of length 16 on node "), message);
            assertTrue(message.endsWith("(:Item), not the model's 8, such as profile embeddings or another model's. "
                    + "Remove them first with MATCH (n) REMOVE n.`sixteen`, or choose another writeProperty."), message);
            assertEquals(0, Scripts.count(db, "MATCH (n:Item) WHERE size(n.sixteen) <> 16 RETURN count(n)"));
        } finally {
            db.rows("MATCH (n) WHERE n.sixteen IS NOT NULL REMOVE n.sixteen");
            db.rows("CALL spike.model.drop('eight', false)");
        }
    }

    @Test
    void invalidConfigurationIsRejected() {
        String nodes = Errors.messageOf(db, "CALL spike.embeddings.stream({modelName: 'vectors', nodes: 'entities'})",
                Map.of());
        String property = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', "
                + "writeProperty: 'x` = 1 //'})", Map.of());
        String batch = Errors.messageOf(db, "CALL spike.embeddings.write({modelName: 'vectors', batchSize: 0})", Map.of());
        String streamKey = Errors.messageOf(db, "CALL spike.embeddings.stream({modelName: 'vectors', "
                + "writeProperty: 'p'})", Map.of());
        String missing = Errors.messageOf(db, "CALL spike.embeddings.stream({modelName: 'absent'})", Map.of());

        assertEquals("spike.embeddings.stream: configuration key `nodes` is 'entities'. Use 'users', 'items' or 'both'.",
                nodes);
        assertTrue(property.startsWith("spike.embeddings.write: configuration key `writeProperty` has the invalid name"),
                property);
        assertTrue(batch.startsWith("spike.embeddings.write: configuration key `batchSize` is 0, outside"), batch);
        assertTrue(streamKey.startsWith("spike.embeddings.stream: unknown configuration key [`writeProperty`]."), streamKey);
        assertTrue(missing.startsWith("spike.embeddings.stream: model 'absent' not found."), missing);
    }

    private static List<Map<String, Object>> stream(String nodes) {
        return db.rows("CALL spike.embeddings.stream({modelName: 'vectors', nodes: $nodes})", Map.of("nodes", nodes));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> embedding(Object value) {
        if (value instanceof float[] floats) {
            List<Double> list = new java.util.ArrayList<>();
            for (float f : floats) {
                list.add((double) f);
            }
            return list;
        }
        return ((List<Number>) value).stream().map(Number::doubleValue).toList();
    }

    private static double dot(List<Double> a, List<Double> b) {
        double sum = 0;
        for (int i = 0; i < a.size(); i++) {
            sum += a.get(i) * b.get(i);
        }
        return sum;
    }

    private static double cosine(List<Double> a, List<Double> b) {
        return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
    }
}
