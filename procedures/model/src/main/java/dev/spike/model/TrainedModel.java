package dev.spike.model;

import dev.spike.model.nn.ModelParameters;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A trained SPiKE model: the final user and entity embeddings that scores are computed from,
 * plus the learned weights (layer-0 embeddings, relation embeddings, attention matrix, profile
 * MLP) and the config, kept so that new nodes can be embedded later.
 */
public final class TrainedModel {
    /** Current version of the file format written by {@link #save(Path)}. */
    public static final int FORMAT_VERSION = 1;
    private static final long MAGIC = 0x5350694b454d444cL; // "SPiKEMDL"

    private final SpikeConfig config;
    private final int nUsers;
    private final int nItems;
    private final int nEntities;
    private final int nRelations;
    private final float[] userEmbeddings;
    private final float[] entityEmbeddings;
    private final ModelParameters parameters;
    private final int epochsTrained;
    private final int bestEpoch;
    private final TopKScorer scorer;

    public TrainedModel(SpikeConfig config, int nUsers, int nItems, int nEntities, int nRelations,
                        float[] userEmbeddings, float[] entityEmbeddings, ModelParameters parameters,
                        int epochsTrained, int bestEpoch) {
        int dim = config.embeddingDim();
        if (userEmbeddings.length != (long) nUsers * dim || entityEmbeddings.length != (long) nEntities * dim) {
            throw new IllegalArgumentException("Invalid embeddings: expected " + (long) nUsers * dim + " user and "
                    + (long) nEntities * dim + " entity values, found " + userEmbeddings.length + " and "
                    + entityEmbeddings.length);
        }
        this.config = config;
        this.nUsers = nUsers;
        this.nItems = nItems;
        this.nEntities = nEntities;
        this.nRelations = nRelations;
        this.userEmbeddings = userEmbeddings;
        this.entityEmbeddings = entityEmbeddings;
        this.parameters = parameters;
        this.epochsTrained = epochsTrained;
        this.bestEpoch = bestEpoch;
        this.scorer = new TopKScorer(userEmbeddings, nUsers, Arrays.copyOf(entityEmbeddings, nItems * dim), nItems,
                dim);
    }

    public SpikeConfig config() { return config; }
    public int nUsers() { return nUsers; }
    public int nItems() { return nItems; }
    public int nEntities() { return nEntities; }
    public int nRelations() { return nRelations; }
    public int dim() { return config.embeddingDim(); }
    /** Epochs run before training stopped. */
    public int epochsTrained() { return epochsTrained; }
    /** Epoch whose weights this model holds: the best by validation Recall@20, or the last. */
    public int bestEpoch() { return bestEpoch; }
    /** The learned weights; callers must not modify them. */
    public ModelParameters parameters() { return parameters; }
    public TopKScorer scorer() { return scorer; }

    /** Final embedding of a user (a copy). */
    public float[] userEmbedding(int user) {
        return Arrays.copyOfRange(userEmbeddings, user * dim(), (user + 1) * dim());
    }

    /** Final embedding of an entity (a copy); items are entities {@code 0..nItems-1}. */
    public float[] entityEmbedding(int entity) {
        return Arrays.copyOfRange(entityEmbeddings, entity * dim(), (entity + 1) * dim());
    }

    /** All final user embeddings, row-major (a copy). */
    public float[] userEmbeddings() { return userEmbeddings.clone(); }

    /** All final entity embeddings, row-major (a copy). */
    public float[] entityEmbeddings() { return entityEmbeddings.clone(); }

    /** Computes the score of an item for a user: the dot product of their final embeddings. */
    public float score(int user, int item) {
        float sum = 0f;
        int dim = dim();
        for (int j = 0; j < dim; j++) {
            sum += userEmbeddings[user * dim + j] * entityEmbeddings[item * dim + j];
        }
        return sum;
    }

    /** Returns the {@code topK} items of each user, skipping {@code exclude[i]} for user {@code i}. */
    public Recommendations score(int[] userIds, int topK, int[][] exclude) {
        return scorer.score(userIds, topK, exclude);
    }

    /**
     * Writes the model to {@code path}. The bytes go to a temporary file in the same folder that
     * is then moved over {@code path}, atomically where the file system allows it, so a reader
     * never sees a half-written model.
     */
    public void save(Path path) throws IOException {
        Path folder = path.toAbsolutePath().getParent();
        Files.createDirectories(folder);
        // Files.createTempFile would make the file readable by its owner only. A name of our own
        // gives the model the permissions of the catalog's other files, from the process's umask.
        Path temporary = folder.resolve(path.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
        try {
            try (OutputStream file = Files.newOutputStream(temporary, java.nio.file.StandardOpenOption.CREATE_NEW,
                    java.nio.file.StandardOpenOption.WRITE);
                 DataOutputStream out = new DataOutputStream(new BufferedOutputStream(file, 1 << 16))) {
                write(out);
            }
            try {
                Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Reads a model written by {@link #save(Path)}.
     *
     * @throws IOException when the file is not a SPiKE model, has an unsupported format version or is truncated
     */
    public static TrainedModel load(Path path) throws IOException {
        try (InputStream file = Files.newInputStream(path);
             DataInputStream in = new DataInputStream(new BufferedInputStream(file, 1 << 16))) {
            return read(in, path);
        }
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeLong(MAGIC);
        out.writeInt(FORMAT_VERSION);
        writeConfig(out, config);
        out.writeInt(nUsers);
        out.writeInt(nItems);
        out.writeInt(nEntities);
        out.writeInt(nRelations);
        out.writeInt(epochsTrained);
        out.writeInt(bestEpoch);
        out.writeInt(parameters.relationCount);
        out.writeInt(parameters.profileDim);
        writeFloats(out, userEmbeddings);
        writeFloats(out, entityEmbeddings);
        for (float[] array : parameters.arrays()) {
            writeFloats(out, array);
        }
    }

    private static TrainedModel read(DataInputStream in, Path path) throws IOException {
        if (in.readLong() != MAGIC) {
            throw new IOException("Invalid model file " + path + ": it does not start with the SPiKE model header");
        }

        int version = in.readInt();
        if (version != FORMAT_VERSION) {
            throw new IOException("Unsupported model format version " + version + " in " + path
                    + "; this build reads version " + FORMAT_VERSION + ". Retrain the model or load it with the "
                    + "version of the plugin that wrote it.");
        }

        SpikeConfig config = readConfig(in);
        int nUsers = in.readInt();
        int nItems = in.readInt();
        int nEntities = in.readInt();
        int nRelations = in.readInt();
        int epochsTrained = in.readInt();
        int bestEpoch = in.readInt();
        int relationCount = in.readInt();
        int profileDim = in.readInt();

        float[] users = readFloats(in);
        float[] entities = readFloats(in);
        float[] nodes = readFloats(in);
        float[] relations = readFloats(in);
        float[] query = readFloats(in);
        float[] w1 = profileDim > 0 ? readFloats(in) : null;
        float[] b1 = profileDim > 0 ? readFloats(in) : null;
        float[] w2 = profileDim > 0 ? readFloats(in) : null;
        float[] b2 = profileDim > 0 ? readFloats(in) : null;

        ModelParameters parameters = new ModelParameters(nUsers + nEntities, relationCount, config.embeddingDim(),
                profileDim, nodes, relations, query, w1, b1, w2, b2);
        return new TrainedModel(config, nUsers, nItems, nEntities, nRelations, users, entities, parameters,
                epochsTrained, bestEpoch);
    }

    private static void writeConfig(DataOutputStream out, SpikeConfig c) throws IOException {
        out.writeInt(c.embeddingDim());
        out.writeInt(c.layers());
        out.writeInt(c.heads());
        out.writeDouble(c.messageDropout());
        out.writeDouble(c.kgEdgeDropout());
        out.writeDouble(c.interactionEdgeDropout());
        out.writeDouble(c.profileScale());
        out.writeDouble(c.mlpDropout());
        out.writeDouble(c.l2());
        out.writeDouble(c.alignmentWeight());
        out.writeDouble(c.anchorRatio());
        out.writeInt(c.anchorRepeats());
        out.writeDouble(c.learningRate());
        out.writeInt(c.epochs());
        out.writeInt(c.batchSize());
        out.writeInt(c.patience());
        out.writeInt(c.validationSampleUsers());
        out.writeLong(c.seed());
        out.writeInt(c.concurrency());
        out.writeBoolean(c.profiles());
        out.writeBoolean(c.alignment());
        out.writeBoolean(c.injectRemove());
    }

    private static SpikeConfig readConfig(DataInputStream in) throws IOException {
        return new SpikeConfig(in.readInt(), in.readInt(), in.readInt(), in.readDouble(), in.readDouble(),
                in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(), in.readDouble(),
                in.readInt(), in.readDouble(), in.readInt(), in.readInt(), in.readInt(), in.readInt(), in.readLong(),
                in.readInt(), in.readBoolean(), in.readBoolean(), in.readBoolean());
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        byte[] buffer = new byte[values.length * 4];
        java.nio.ByteBuffer.wrap(buffer).asFloatBuffer().put(values);
        out.write(buffer);
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("Invalid model file: negative array length " + length);
        }
        byte[] buffer = new byte[length * 4];
        in.readFully(buffer);
        float[] values = new float[length];
        java.nio.ByteBuffer.wrap(buffer).asFloatBuffer().get(values);
        return values;
    }
}
