package dev.spike.embeddings;

import dev.spike.catalog.ModelEntry;
import dev.spike.config.Identifiers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Result;
import org.neo4j.graphdb.Transaction;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/**
 * Writes a model's embeddings onto its nodes in batched transactions of their own, and creates a
 * cosine vector index per label on request. A batch stays committed when a later one fails.
 */
public final class EmbeddingsWriter {

    /** The row {@code spike.embeddings.write} yields. */
    public record WriteResult(
            String modelName,
            String writeProperty,
            long embeddingDim,
            long nodesWritten,
            long nodesMissing,
            long batches,
            List<String> vectorIndexes,
            long writeMillis) {}

    private final GraphDatabaseService database;
    private final TerminationGuard terminationGuard;
    private final Log log;

    public EmbeddingsWriter(GraphDatabaseService database, TerminationGuard terminationGuard, Log log) {
        this.database = database;
        this.terminationGuard = terminationGuard;
        this.log = log;
    }

    /** Writes the embeddings of {@code entry}. No stored model in {@code models} loses its profile property. */
    public WriteResult write(ModelEntry entry, EmbeddingsSettings settings, List<ModelEntry> models) {
        long start = System.nanoTime();
        List<ModelEmbeddings.Block> blocks = ModelEmbeddings.of(entry, settings);
        requireFreeProperty(blocks, settings, entry, models);
        // Index problems are found before any vector is written, so that a refused call changes nothing.
        Map<String, String> existingIndexes = new java.util.LinkedHashMap<>();
        if (settings.vectorIndex()) {
            requireShortIndexNames(blocks, settings);
            for (ModelEmbeddings.Block block : blocks) {
                existingIndexes.put(block.label(), usableIndex(block.label(), settings, entry.model().dim()));
            }
        }
        long written = 0;
        long missing = 0;
        long batches = 0;
        for (ModelEmbeddings.Block block : blocks) {
            for (int from = 0; from < block.nodeIds().length; from += settings.batchSize()) {
                terminationGuard.check();
                int to = Math.min(block.nodeIds().length, from + settings.batchSize());
                long batchWritten = writeBatch(block, from, to, settings.writeProperty());
                written += batchWritten;
                missing += (to - from) - batchWritten;
                batches++;
            }
        }
        log.info("%s '%s': %d embeddings written to `%s`, %d nodes missing, %d batches", settings.procedure(),
                entry.name(), written, settings.writeProperty(), missing, batches);

        List<String> indexes = new ArrayList<>();
        if (settings.vectorIndex()) {
            for (ModelEmbeddings.Block block : blocks) {
                String existing = existingIndexes.get(block.label());
                indexes.add(existing != null ? awaitOnline(existing, block.label(), settings, entry.model().dim())
                        : createVectorIndex(block.label(), settings, entry.model().dim()));
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        return new WriteResult(entry.name(), settings.writeProperty(), entry.model().dim(), written, missing, batches,
                indexes, millis);
    }

    /**
     * Rejects a property that a stored model reads its profile embeddings from, and one with
     * values other than vectors of the model's size, since writing would replace them.
     */
    private void requireFreeProperty(List<ModelEmbeddings.Block> blocks, EmbeddingsSettings settings, ModelEntry entry,
            List<ModelEntry> models) {
        String property = settings.writeProperty();
        String fix = " Choose another writeProperty, such as 'spikeEmbedding'.";
        List<String> readers = new java.util.ArrayList<>();
        for (ModelEntry model : models) {
            if (property.equals(model.spec().profileProperty())) {
                readers.add(model.name());
            }
        }
        if (!readers.isEmpty()) {
            // Name the model of this call first, since that is the one the caller knows about.
            String named = readers.contains(entry.name()) ? entry.name() : readers.get(0);
            String others = readers.size() > 1 ? " (and " + (readers.size() - 1) + " other model"
                    + (readers.size() > 2 ? "s" : "") + ")" : "";
            throw new IllegalArgumentException(String.format("%s: writeProperty '%s' is the property with the "
                    + "profile embeddings that model '%s'%s was trained with.%s", settings.procedure(), property,
                    named, others, fix));
        }
        int dim = entry.model().dim();
        try (Transaction read = database.beginTx()) {
            for (ModelEmbeddings.Block block : blocks) {
                for (long nodeId : block.nodeIds()) {
                    Object value;
                    try {
                        value = read.getNodeById(nodeId).getProperty(property, null);
                    } catch (NotFoundException e) {
                        continue;
                    }
                    if (value != null && !(value instanceof float[])) {
                        throw new IllegalArgumentException(String.format("%s: writeProperty '%s' already contains a %s "
                                        + "value on node %d (:%s), which the embeddings would replace.%s",
                                settings.procedure(), property, value.getClass().getSimpleName(), nodeId,
                                block.label(), fix));
                    }
                    if (value instanceof float[] vector && vector.length != dim) {
                        throw new IllegalArgumentException(String.format("%s: writeProperty '%s' already contains a "
                                        + "vector of length %d on node %d (:%s), not the model's %d, such as profile "
                                        + "embeddings or another model's. Remove them first with MATCH (n) REMOVE "
                                        + "n.%s, or choose another writeProperty.", settings.procedure(), property,
                                vector.length, nodeId, block.label(), dim, Identifiers.quote(property)));
                    }
                }
            }
        }
    }

    /**
     * Sets the property on nodes {@code from..to-1} of the block and returns the count set. A node
     * that was deleted is skipped, and so is one without the block's label: Neo4j reuses the ids
     * of deleted nodes, so such a node is another node that took the id.
     */
    private long writeBatch(ModelEmbeddings.Block block, int from, int to, String property) {
        long written = 0;
        Label label = Label.label(block.label());
        try (Transaction write = database.beginTx()) {
            for (int row = from; row < to; row++) {
                Node node;
                try {
                    node = write.getNodeById(block.nodeIds()[row]);
                } catch (NotFoundException e) {
                    continue;
                }
                if (!node.hasLabel(label)) {
                    continue;
                }
                node.setProperty(property, block.embedding(row));
                written++;
            }
            write.commit();
        }
        return written;
    }

    /**
     * Rejects a {@code writeProperty} so long that a vector index name {@code <writeProperty>_<label>}
     * derived from it exceeds {@link Identifiers#MAX_LENGTH}. The message names the value the
     * caller passed and the length that fits every label of the model.
     */
    private static void requireShortIndexNames(List<ModelEmbeddings.Block> blocks, EmbeddingsSettings settings) {
        String property = settings.writeProperty();
        String longestLabel = "";
        for (ModelEmbeddings.Block block : blocks) {
            if (block.label().length() > longestLabel.length()) {
                longestLabel = block.label();
            }
        }
        String name = property + "_" + longestLabel;
        if (name.length() <= Identifiers.MAX_LENGTH) {
            return;
        }
        int room = Identifiers.MAX_LENGTH - longestLabel.length() - 1;
        String fix = room >= 1
                ? "Shorten `writeProperty` to at most " + room + " characters, or"
                : "No `writeProperty` fits next to the label :" + longestLabel + ", so";
        throw new IllegalArgumentException(String.format("%s: configuration key `writeProperty` is '%s' (%d characters), "
                + "too long for `vectorIndex: true`. The vector index name is derived from it as "
                + "<writeProperty>_<label>, which gives '%s' (%d characters), and an index name may have at most %d "
                + "characters. %s set `vectorIndex: false` and create the index with CREATE VECTOR INDEX under a "
                + "name of your choice.", settings.procedure(), property, property.length(), name, name.length(),
                Identifiers.MAX_LENGTH, fix));
    }

    private static String indexName(EmbeddingsSettings settings, String label) {
        return Identifiers.check(settings.procedure(), "writeProperty", settings.writeProperty() + "_" + label);
    }

    /**
     * Returns the name of a vector index that already covers {@code label} and the write property
     * with the model's dimensions, or null when one must be created. Fails when such an index
     * has other dimensions, or when the name this procedure would give its index is taken by an
     * index on something else.
     */
    private String usableIndex(String label, EmbeddingsSettings settings, int dim) {
        String procedure = settings.procedure();
        String name = indexName(settings, label);
        try (Transaction read = database.beginTx();
             Result result = read.execute("SHOW INDEXES YIELD name, type, labelsOrTypes, properties, options "
                     + "WHERE name = $name OR (labelsOrTypes = [$label] AND properties = [$property]) "
                     + "RETURN name, type, labelsOrTypes, properties, "
                     + "options.indexConfig['vector.dimensions'] AS dimensions ORDER BY name",
                     Map.of("name", name, "label", label, "property", settings.writeProperty()))) {
            String usable = null;
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                boolean covers = List.of(label).equals(row.get("labelsOrTypes"))
                        && List.of(settings.writeProperty()).equals(row.get("properties"));
                if (!covers) {
                    throw new IllegalArgumentException(procedure + ": index `" + name + "` already exists on "
                            + row.get("labelsOrTypes") + row.get("properties") + ", not on :" + label + "("
                            + settings.writeProperty() + "), so it cannot serve the embeddings. Drop it with DROP INDEX "
                            + Identifiers.quote(name) + " or choose another writeProperty.");
                }
                Object dimensions = row.get("dimensions");
                if (!"VECTOR".equals(row.get("type")) || !(dimensions instanceof Number number)
                        || number.intValue() != dim) {
                    throw new IllegalArgumentException(procedure + ": index `" + row.get("name") + "` already exists "
                            + "as a " + row.get("type") + " index with " + dimensions + " dimensions, but the model's "
                            + "embeddings have " + dim + ". Drop it with DROP INDEX "
                            + Identifiers.quote((String) row.get("name")) + " or choose another writeProperty.");
                }
                usable = (String) row.get("name");
            }
            return usable;
        }
    }

    private String awaitOnline(String name, String label, EmbeddingsSettings settings, int dim) {
        try (Transaction await = database.beginTx()) {
            await.schema().awaitIndexOnline(name, settings.indexWaitSeconds(), TimeUnit.SECONDS);
        }
        log.info("%s: vector index `%s` on :%s(%s) is online, %d dimensions", settings.procedure(), name, label,
                settings.writeProperty(), dim);
        return name;
    }

    /**
     * Creates the index {@code <writeProperty>_<label>} if it does not exist and waits for it to come
     * online. An existing index of that name with another dimension fails the call, because its
     * queries would reject the model's vectors.
     */
    private String createVectorIndex(String label, EmbeddingsSettings settings, int dim) {
        String name = indexName(settings, label);
        String cypher = "CREATE VECTOR INDEX " + Identifiers.quote(name) + " IF NOT EXISTS FOR (n:" + Identifiers.quote(label)
                + ") ON n." + Identifiers.quote(settings.writeProperty()) + " OPTIONS {indexConfig: {"
                + "`vector.dimensions`: $dimensions, `vector.similarity_function`: 'cosine', "
                + "`vector.quantization.enabled`: $quantization}}";
        try (Transaction schema = database.beginTx()) {
            schema.execute(cypher, Map.of("dimensions", dim, "quantization", settings.vectorQuantization())).close();
            schema.commit();
        } catch (RuntimeException e) {
            // Another call may have created an equivalent index in the meantime; use it if so.
            String created = usableIndex(label, settings, dim);
            if (created == null) {
                throw e;
            }
            return awaitOnline(created, label, settings, dim);
        }
        String usable = usableIndex(label, settings, dim);
        return awaitOnline(usable == null ? name : usable, label, settings, dim);
    }
}
