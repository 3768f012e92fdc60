package dev.spike.bench;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Scripts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints profile and embedding throughput on MovieLens ml-latest-small, and what a real LLM run
 * would send: prompts and estimated tokens per stage. Profiles are written with the offline
 * template writer; embeddings use all-MiniLM-L6-v2 in-process on the entity and user profiles.
 * Run: {@code mvn -B -Pbench-profiles verify -pl procedures/neo4j -am -DskipTests}.
 */
public final class ProfileBenchmark {

    private ProfileBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path folder = Path.of(System.getProperty("spike.shared.dir", "../shared"), "data", "ml-latest-small");
        if (!Files.isDirectory(folder)) {
            System.out.println("profile benchmark skipped: " + folder.toAbsolutePath() + " not found");
            return;
        }
        System.out.printf(Locale.ROOT, "machine: %d cores, max heap %d MiB%n",
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().importDirectory(folder).start()) {
            Scripts.run(db, "schema.cypher", Map.of());
            Scripts.run(db, "movielens/load.cypher", Map.of("base", "file:///"));

            System.out.println("what spike.profile.write would send to an LLM (spike.profile.estimate, domain 'movies'):");
            for (Map<String, Object> row : db.rows("CALL spike.profile.estimate({domain: 'movies'})")) {
                System.out.printf(Locale.ROOT, "  %-6s %,7d prompts, about %,11d input tokens, at most %,10d output tokens%n",
                        row.get("kind"), (Long) row.get("prompts"), (Long) row.get("estimatedTokensIn"),
                        (Long) row.get("estimatedTokensOut"));
            }

            System.out.println("template profiles (spike.profile.write, provider 'template'):");
            for (Map<String, Object> row : db.rows("CALL spike.profile.write({domain: 'movies'})")) {
                long generated = (Long) row.get("generated");
                long millis = (Long) row.get("millis");
                System.out.printf(Locale.ROOT, "  %-6s %,7d profiles in %6.1f s, %,8.0f profiles/s%n",
                        row.get("kind"), generated, millis / 1000.0, generated * 1000.0 / Math.max(1, millis));
            }

            System.out.println("embeddings (spike.profile.embed, all-minilm-l6-v2, entities and users):");
            for (Map<String, Object> row : db.rows("CALL spike.profile.embed({kinds: $kinds})",
                    Map.of("kinds", List.of("ENTITY", "USER")))) {
                long embedded = (Long) row.get("embedded");
                long millis = (Long) row.get("millis");
                System.out.printf(Locale.ROOT, "  %-6s %,7d embeddings in %6.1f s, %,8.1f embeddings/s%n",
                        row.get("kind"), embedded, millis / 1000.0, embedded * 1000.0 / Math.max(1, millis));
            }
        }
    }
}
