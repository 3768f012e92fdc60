package dev.spike.bench;

import dev.spike.catalog.ModelCatalogs;
import dev.spike.demo.DemoDataset;
import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Prints how well cold-start recommendations work on the demo catalogue: a fifth of the users
 * (id divisible by 5) is left out of training, then gets recommendations from a projection that
 * includes them, and their Recall@20 on their test interactions is compared with the trained
 * users' and with a popularity ranking for the same users.
 * Run: {@code mvn -B -Pbench-recommend verify -pl procedures/neo4j -am -DskipTests}.
 */
public final class ColdStartBenchmark {

    private static final String WARM_PROJECTION = """
            MATCH (source)
            WHERE (source:User AND source.id % 5 <> 0) OR source:Item OR source:Entity
            OPTIONAL MATCH (source)-[relationship]->(target)
            WHERE (source:User AND relationship:RATED AND target:Item AND coalesce(relationship.split, 'train') = 'train')
               OR ((source:Item OR source:Entity) AND (target:Item OR target:Entity))
            WITH source, relationship, target,
                 [label IN labels(source) WHERE label IN ['User', 'Item', 'Entity']] AS sourceLabels,
                 CASE WHEN target IS NULL THEN null
                      ELSE [label IN labels(target) WHERE label IN ['User', 'Item', 'Entity']] END AS targetLabels
            RETURN gds.graph.project('warm', source, target,
                {sourceNodeLabels: sourceLabels, targetNodeLabels: targetLabels, relationshipType: type(relationship)}, {})
            """;

    private ColdStartBenchmark() {}

    public static void main(String[] args) throws Exception {
        System.setProperty(ModelCatalogs.DIRECTORY_PROPERTY, Files.createTempDirectory("spike-bench-models").toString());
        Path folder = Files.createTempDirectory("spike-cold-start");
        DemoDataset.standard().writeTo(folder);
        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().importDirectory(folder).start()) {
            Scripts.run(db, "schema.cypher", Map.of());
            Scripts.run(db, "demo/load.cypher", Map.of("base", "file:///"));
            Scripts.run(db, "profiles.cypher", Map.of());
            db.rows("CALL spike.split({mode: 'temporal', testFraction: 0.2})");
            db.rows(WARM_PROJECTION);
            db.rows("CALL spike.train('warm', {modelName: 'warm', epochs: 40, seed: 42})");
            Scripts.run(db, "projection.cypher", Map.of("graphName", "now"));

            List<Long> coldUsers = db.rows("MATCH (u:User) WHERE u.id % 5 = 0 RETURN id(u) AS id").stream()
                    .map(row -> (Long) row.get("id")).toList();
            Map<Long, Set<Long>> test = new HashMap<>();
            for (Map<String, Object> row : db.rows("MATCH (u:User)-[:RATED {split: 'test'}]->(i) WHERE u.id % 5 = 0 "
                    + "RETURN id(u) AS user, collect(id(i)) AS items")) {
                @SuppressWarnings("unchecked")
                List<Long> items = (List<Long>) row.get("items");
                test.put((Long) row.get("user"), new HashSet<>(items));
            }
            // Rank past the users' training items (not past their test items, as excludeInteracted would).
            Map<Long, Set<Long>> train = new HashMap<>();
            for (Map<String, Object> row : db.rows("MATCH (u:User)-[r:RATED]->(i) WHERE u.id % 5 = 0 AND r.split = 'train' "
                    + "RETURN id(u) AS user, collect(id(i)) AS items")) {
                @SuppressWarnings("unchecked")
                List<Long> items = (List<Long>) row.get("items");
                train.put((Long) row.get("user"), new HashSet<>(items));
            }
            Map<Long, Set<Long>> recommended = new HashMap<>();
            for (Map<String, Object> row : db.rows("CALL spike.recommend.stream('now', {modelName: 'warm', topK: 200, "
                    + "excludeInteracted: false, users: $users}) YIELD userId, itemId, rank RETURN userId, itemId ORDER BY userId, rank",
                    Map.of("users", coldUsers))) {
                Long user = (Long) row.get("userId");
                Set<Long> top = recommended.computeIfAbsent(user, u -> new HashSet<>());
                if (top.size() < 20 && !train.getOrDefault(user, Set.of()).contains((Long) row.get("itemId"))) {
                    top.add((Long) row.get("itemId"));
                }
            }
            Map<Long, Set<Long>> popular = popularity(db, coldUsers);

            double warm = (Double) db.rows("CALL spike.evaluate('', {modelName: 'warm', k: 20})").get(0).get("recall");
            System.out.printf(Locale.ROOT, "demo cold start: %d users left out of training, %d with test items%n",
                    coldUsers.size(), test.size());
            System.out.printf(Locale.ROOT, "Recall@20 cold-start users, SPiKE cold start:   %.4f%n", recall(test, recommended));
            System.out.printf(Locale.ROOT, "Recall@20 cold-start users, popularity ranking: %.4f%n", recall(test, popular));
            System.out.printf(Locale.ROOT, "Recall@20 trained users, SPiKE:                 %.4f%n", warm);
        }
    }

    /** Returns the 20 items with the most training interactions, leaving out the user's own training items. */
    private static Map<Long, Set<Long>> popularity(EmbeddedNeo4j db, List<Long> users) {
        Map<Long, Set<Long>> result = new HashMap<>();
        for (Map<String, Object> row : db.rows("""
                UNWIND $users AS userId
                MATCH (u:User) WHERE id(u) = userId
                CALL (u) {
                  MATCH (i:Item) WHERE NOT (u)-[:RATED {split: 'train'}]->(i)
                  WITH i, COUNT { ()-[r:RATED]->(i) WHERE coalesce(r.split, 'train') = 'train' } AS n
                  ORDER BY n DESC, id(i) LIMIT 20
                  RETURN collect(id(i)) AS items
                }
                RETURN userId, items
                """, Map.of("users", users))) {
            @SuppressWarnings("unchecked")
            List<Long> items = (List<Long>) row.get("items");
            result.put((Long) row.get("userId"), new HashSet<>(items));
        }
        return result;
    }

    private static double recall(Map<Long, Set<Long>> test, Map<Long, Set<Long>> recommended) {
        double sum = 0;
        for (Map.Entry<Long, Set<Long>> entry : test.entrySet()) {
            Set<Long> hits = new HashSet<>(entry.getValue());
            hits.retainAll(recommended.getOrDefault(entry.getKey(), Set.of()));
            sum += (double) hits.size() / entry.getValue().size();
        }
        return test.isEmpty() ? 0 : sum / test.size();
    }
}
