package dev.spike.profile.procedures;

import static dev.spike.config.Identifiers.quote;

import dev.spike.profile.SubjectKind;
import dev.spike.profile.embed.EmbeddingException;
import dev.spike.profile.embed.TextEmbedder;
import dev.spike.profile.embed.TextEmbedders;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * Embeds profile texts into a float[] node property, the work behind {@code spike.profile.embed}.
 *
 * <p>By default a node is embedded when it has a profile and its embedding is missing or was
 * made by another model; {@code onlyMissing} embeds only nodes without an embedding and
 * {@code force} embeds every node with a profile. Each batch is embedded and written in its own
 * transaction, and termination is checked between batches, so finished batches stay written.
 */
final class ProfileEmbedding {

    private static final int MAX_REPORTED_FAILURES = 100;

    private record Target(long nodeId, String text) {}

    private final GraphDatabaseService database;
    private final TerminationGuard terminationGuard;
    private final Log log;

    ProfileEmbedding(GraphDatabaseService database, TerminationGuard terminationGuard, Log log) {
        this.database = database;
        this.terminationGuard = terminationGuard;
        this.log = log;
    }

    List<ProfileRows.Embedded> embed(ProfileConfig config) {
        TextEmbedder embedder;
        try {
            embedder = TextEmbedders.create(config.settings());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.procedure() + ": " + e.getMessage());
        }
        List<ProfileRows.Embedded> rows = new ArrayList<>();
        for (SubjectKind kind : SubjectKind.values()) {
            if (config.kinds().contains(kind)) {
                rows.add(embedKind(config, kind, embedder));
            }
        }
        return rows;
    }

    private ProfileRows.Embedded embedKind(ProfileConfig config, SubjectKind kind, TextEmbedder embedder) {
        long start = System.nanoTime();
        List<Target> targets = new ArrayList<>();
        long skipped = readTargets(config, kind, embedder.model(), targets);
        log.info("%s :: Embedding %s: %d profiles with %s, %d skipped",
                config.procedure(), kind, targets.size(), embedder.model(), skipped);

        long embedded = 0;
        long failed = 0;
        List<Map<String, Object>> failures = new ArrayList<>();
        for (int from = 0; from < targets.size(); from += config.batchSize()) {
            terminationGuard.check();
            List<Target> batch = targets.subList(from, Math.min(targets.size(), from + config.batchSize()));
            float[][] vectors;
            try {
                vectors = embedder.embed(batch.stream().map(Target::text).toList());
            } catch (EmbeddingException e) {
                failed += batch.size();
                log.warn("%s :: Embedding %s batch from node %d failed: %s",
                        config.procedure(), kind, batch.get(0).nodeId(), e.getMessage());
                for (Target target : batch) {
                    if (failures.size() < MAX_REPORTED_FAILURES) {
                        Map<String, Object> failure = new LinkedHashMap<>();
                        failure.put("nodeId", target.nodeId());
                        failure.put("reason", e.getMessage());
                        failure.put("provider", config.settings().embedder());
                        failure.put("model", embedder.model());
                        failures.add(failure);
                    }
                }
                continue;
            }
            embedded += write(config, batch, vectors, embedder.model());
            log.info("%s :: Embedding %s: %d of %d written", config.procedure(), kind, embedded, targets.size());
        }
        long dimension = dimension(config, kind, embedder);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ProfileRows.Embedded(kind.name(), embedded, skipped, failed, embedder.model(), dimension, millis,
                failures);
    }

    /**
     * Returns the embedder's vector length. A remote embedder that has not returned a vector in
     * this call embeds a probe text to learn it. When that probe fails too, this logs the error
     * and returns 0, so that the failed batches still come back as rows.
     */
    private long dimension(ProfileConfig config, SubjectKind kind, TextEmbedder embedder) {
        try {
            return embedder.dimension();
        } catch (EmbeddingException e) {
            log.warn("%s :: Embedding %s: the dimension of %s is unknown, reported as 0: %s",
                    config.procedure(), kind, embedder.model(), e.getMessage());
            return 0;
        }
    }

    /** Adds the nodes to embed to {@code targets} and returns how many nodes were skipped. */
    private long readTargets(ProfileConfig config, SubjectKind kind, String model, List<Target> targets) {
        ProfileConfig.Properties properties = config.properties();
        String query = "MATCH (n:" + quote(config.label(kind)) + ") RETURN id(n) AS id, n." + quote(properties.profile())
                + " AS profile, n." + quote(properties.embedding()) + " IS NOT NULL AS hasEmbedding, n."
                + quote(properties.embeddingModel()) + " AS model ORDER BY id";
        long[] skipped = {0};
        try (Transaction tx = database.beginTx(); Result result = tx.execute(query)) {
            result.accept(row -> {
                Object profile = row.get("profile");
                boolean hasEmbedding = row.getBoolean("hasEmbedding");
                boolean current = hasEmbedding && (config.onlyMissing() || model.equals(row.get("model")));
                if (!(profile instanceof String text) || text.isBlank() || current && !config.force()) {
                    skipped[0]++;
                } else {
                    targets.add(new Target(row.getNumber("id").longValue(), text));
                }
                return true;
            });
            tx.commit();
        }
        return skipped[0];
    }

    private int write(ProfileConfig config, List<Target> batch, float[][] vectors, String model) {
        ProfileConfig.Properties properties = config.properties();
        int written = 0;
        try (Transaction tx = database.beginTx()) {
            for (int i = 0; i < batch.size(); i++) {
                Node node;
                try {
                    node = tx.getNodeById(batch.get(i).nodeId());
                } catch (NotFoundException e) {
                    continue;
                }
                node.setProperty(properties.embedding(), vectors[i]);
                node.setProperty(properties.embeddingModel(), model);
                node.setProperty(properties.embeddingDimension(), (long) vectors[i].length);
                written++;
            }
            tx.commit();
        }
        return written;
    }
}
