package dev.spike.profile.procedures;

import dev.spike.profile.ProfileResult;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;

/**
 * Writes generated profiles onto their nodes, one transaction per batch.
 *
 * <p>Each batch runs in its own transaction from {@link GraphDatabaseService#beginTx()}, not in
 * the procedure's transaction, so a batch stays committed when the procedure is terminated
 * later, as batches of {@code apoc.periodic.iterate} do. A profile whose text changed removes
 * the node's embedding properties, because the embedding belongs to the old text; one rewritten
 * with the same text, as by {@code force: true}, keeps them, so a run stopped before its
 * embedding step leaves no node without an embedding that had one.
 */
final class ProfileBatchWriter {

    private final GraphDatabaseService database;
    private final ProfileConfig.Properties properties;

    private long embeddingsRemoved;

    ProfileBatchWriter(GraphDatabaseService database, ProfileConfig config) {
        this.database = database;
        this.properties = config.properties();
    }

    /** Writes the results and returns how many nodes still existed to receive them. */
    int write(List<ProfileResult> results) {
        ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
        int written = 0;
        try (Transaction tx = database.beginTx()) {
            for (ProfileResult result : results) {
                Node node;
                try {
                    node = tx.getNodeById(Long.parseLong(result.subjectId()));
                } catch (NotFoundException e) {
                    continue;
                }
                boolean sameText = result.text().equals(node.getProperty(properties.profile(), null));
                node.setProperty(properties.profile(), result.text());
                node.setProperty(properties.hash(), result.inputHash());
                node.setProperty(properties.model(), modelName(result.provider(), result.model()));
                node.setProperty(properties.updatedAt(), now);
                if (!sameText) {
                    if (node.hasProperty(properties.embedding())) {
                        embeddingsRemoved++;
                    }
                    node.removeProperty(properties.embedding());
                    node.removeProperty(properties.embeddingModel());
                    node.removeProperty(properties.embeddingDimension());
                }
                written++;
            }
            tx.commit();
        }
        return written;
    }

    /**
     * Removes the profile and embedding properties of the given nodes in one transaction and
     * returns how many nodes still existed.
     */
    int remove(List<Long> nodeIds) {
        if (nodeIds.isEmpty()) {
            return 0;
        }
        int removed = 0;
        try (Transaction tx = database.beginTx()) {
            for (long nodeId : nodeIds) {
                Node node;
                try {
                    node = tx.getNodeById(nodeId);
                } catch (NotFoundException e) {
                    continue;
                }
                for (String property : List.of(properties.profile(), properties.hash(), properties.model(),
                        properties.updatedAt(), properties.embedding(), properties.embeddingModel(),
                        properties.embeddingDimension())) {
                    node.removeProperty(property);
                }
                removed++;
            }
            tx.commit();
        }
        return removed;
    }

    /** Counts the embeddings removed so far because their profile's text changed. */
    long embeddingsRemoved() {
        return embeddingsRemoved;
    }

    /** Returns "openai/gpt-4o-mini", or only the name when provider and model are the same, as for "template". */
    static String modelName(String provider, String model) {
        return provider.equals(model) ? model : provider + "/" + model;
    }
}
