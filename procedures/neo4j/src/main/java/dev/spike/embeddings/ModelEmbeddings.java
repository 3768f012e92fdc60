package dev.spike.embeddings;

import dev.spike.catalog.ModelEntry;
import dev.spike.model.TrainedModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The final user and item embeddings of a model with the Neo4j node id of each. */
public final class ModelEmbeddings {

    /** The nodes of one label and their embeddings, row-major, {@code dim} values per node. */
    public record Block(String label, long[] nodeIds, float[] embeddings, int dim) {

        public float[] embedding(int row) {
            return Arrays.copyOfRange(embeddings, row * dim, (row + 1) * dim);
        }
    }

    private ModelEmbeddings() {}

    /** Returns the user block, the item block or both, as the settings request. */
    public static List<Block> of(ModelEntry entry, EmbeddingsSettings settings) {
        TrainedModel model = entry.model();
        int dim = model.dim();
        List<Block> blocks = new ArrayList<>(2);
        if (settings.users()) {
            blocks.add(new Block(entry.spec().userLabel(), entry.userNodeIds(), model.userEmbeddings(), dim));
        }
        if (settings.items()) {
            int items = model.nItems();
            blocks.add(new Block(entry.spec().itemLabel(), Arrays.copyOf(entry.entityNodeIds(), items),
                    Arrays.copyOf(model.entityEmbeddings(), items * dim), dim));
        }
        return blocks;
    }
}
