package dev.spike.profile.procedures;

import static dev.spike.config.Identifiers.quote;

import dev.spike.profile.SubjectKind;
import dev.spike.profile.embed.EmbeddingException;
import dev.spike.profile.embed.TextEmbedder;
import dev.spike.profile.embed.TextEmbedders;
import dev.spike.profile.writer.FailureKind;
import dev.spike.progress.JobProgress;
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

    /**
     * The nodes of one kind to embed.
     *
     * @param skipped         nodes without a profile or with a current embedding
     * @param storedDimension length stored with a current embedding of the same model, or 0 when
     *                        no such node was skipped
     */
    private record Targets(List<Target> targets, long skipped, long storedDimension) {}

    private final GraphDatabaseService database;
    private final TerminationGuard terminationGuard;
    private final Log log;

    ProfileEmbedding(GraphDatabaseService database, TerminationGuard terminationGuard, Log log) {
        this.database = database;
        this.terminationGuard = terminationGuard;
        this.log = log;
    }

    /**
     * Embeds the profiles of every configured kind; each kind is one step of {@code progress},
     * counted from {@code firstStep}.
     */
    List<ProfileRows.Embedded> embed(ProfileConfig config, JobProgress progress, int firstStep) {
        TextEmbedder embedder;
        try {
            embedder = TextEmbedders.create(config.settings());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(config.procedure() + ": " + e.getMessage());
        }
        List<ProfileRows.Embedded> rows = new ArrayList<>();
        int step = firstStep;
        for (SubjectKind kind : SubjectKind.values()) {
            if (config.kinds().contains(kind)) {
                rows.add(embedKind(config, kind, embedder, progress, step++));
            }
        }
        return rows;
    }

    private ProfileRows.Embedded embedKind(ProfileConfig config, SubjectKind kind, TextEmbedder embedder,
            JobProgress progress, int step) {
        long start = System.nanoTime();
        Targets read = readTargets(config, kind, embedder.model());
        List<Target> targets = read.targets();
        progress.beginStep(step, targets.size());
        log.info("%s :: Embedding %s: %d profiles with %s, %d skipped",
                config.procedure(), kind, targets.size(), embedder.model(), read.skipped());

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
                log.warn("%s :: Embedding %s batch from node %d failed: %s",
                        config.procedure(), kind, batch.get(0).nodeId(), e.getMessage());
                // Every later batch would send the same rejected key, so they fail without a request.
                List<Target> failing = e.keyRejected() ? targets.subList(from, targets.size()) : batch;
                String skipped = "skipped without a request, because the endpoint rejected the API key for an "
                        + "earlier batch. " + FailureKind.API_KEY_HINT;
                for (int i = 0; i < failing.size() && failures.size() < MAX_REPORTED_FAILURES; i++) {
                    Target target = failing.get(i);
                    Map<String, Object> failure = new LinkedHashMap<>();
                    failure.put("nodeId", target.nodeId());
                    failure.put("reason", i < batch.size() ? e.getMessage() : skipped);
                    failure.put("provider", config.settings().embedder());
                    failure.put("model", embedder.model());
                    failures.add(failure);
                }
                failed += failing.size();
                progress.advance(failing.size());
                if (e.keyRejected()) {
                    break;
                }
                continue;
            }
            embedded += write(config, batch, vectors, embedder.model());
            progress.advance(batch.size());
            log.info("%s :: Embedding %s: %d of %d written", config.procedure(), kind, embedded, targets.size());
        }
        long dimension = dimension(config, kind, embedder, read, failed);
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new ProfileRows.Embedded(kind.name(), embedded, read.skipped(), failed, embedder.model(), dimension,
                millis, failures);
    }

    /**
     * Returns the vector length without sending a request: the embedder's once it has returned a
     * vector, otherwise the length stored with a current embedding of the same model, otherwise 0.
     * A remote embedder that embedded nothing in this call, because nothing needed it or every
     * batch failed, has returned no vector.
     */
    private long dimension(ProfileConfig config, SubjectKind kind, TextEmbedder embedder, Targets read, long failed) {
        if (embedder.dimension() > 0) {
            return embedder.dimension();
        }
        if (read.storedDimension() > 0) {
            return read.storedDimension();
        }
        if (failed > 0) {
            log.warn("%s :: Embedding %s: every batch failed, so the dimension of %s is unknown and reported as 0",
                    config.procedure(), kind, embedder.model());
        }
        return 0;
    }

    /** Reads the nodes of {@code kind} to embed, and counts the ones to skip. */
    private Targets readTargets(ProfileConfig config, SubjectKind kind, String model) {
        ProfileConfig.Properties properties = config.properties();
        String query = "MATCH (n:" + quote(config.label(kind)) + ") RETURN id(n) AS id, n." + quote(properties.profile())
                + " AS profile, n." + quote(properties.embedding()) + " IS NOT NULL AS hasEmbedding, n."
                + quote(properties.embeddingModel()) + " AS model, n." + quote(properties.embeddingDimension())
                + " AS dimension ORDER BY id";
        List<Target> targets = new ArrayList<>();
        long[] skipped = {0};
        long[] storedDimension = {0};
        try (Transaction tx = database.beginTx(); Result result = tx.execute(query)) {
            result.accept(row -> {
                Object profile = row.get("profile");
                boolean hasEmbedding = row.getBoolean("hasEmbedding");
                boolean sameModel = model.equals(row.get("model"));
                boolean current = hasEmbedding && (config.onlyMissing() || sameModel);
                if (!(profile instanceof String text) || text.isBlank() || current && !config.force()) {
                    skipped[0]++;
                    if (hasEmbedding && sameModel && row.get("dimension") instanceof Long dimension) {
                        storedDimension[0] = dimension;
                    }
                } else {
                    targets.add(new Target(row.getNumber("id").longValue(), text));
                }
                return true;
            });
            tx.commit();
        }
        return new Targets(targets, skipped[0], storedDimension[0]);
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
