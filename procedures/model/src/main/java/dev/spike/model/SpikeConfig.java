package dev.spike.model;

/**
 * Hyperparameters of one SPiKE training run. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults follow the published model (embedding size 64, 2 layers, 2 attention heads,
 * message dropout 0.1, edge dropout 0.5, profile scale 0.25, alignment weight 5 over 8 anchor
 * sets of 10% of the nodes, L2 1e-5, batch 1024) with one exception: the learning rate. With
 * the published Adam learning rate of 1e-4 the BPR loss falls slowly, and training needs many
 * times the epochs. With 1e-3 an independent PyTorch implementation reaches Recall@20 of about
 * 0.13 on MovieLens ml-latest-small after 30 epochs, so the default here is 1e-3.
 *
 * @param embeddingDim size of user, entity and relation embeddings
 * @param layers number of propagation layers
 * @param heads attention heads; must divide {@code embeddingDim}
 * @param messageDropout dropout rate on each layer's aggregated messages
 * @param kgEdgeDropout fraction of KG edges dropped per relation in each training step
 * @param interactionEdgeDropout fraction of user–item edges dropped in each training step
 * @param profileScale factor on the projected profile before it is injected
 * @param mlpDropout dropout rate between the two layers of the profile projection
 * @param l2 weight of the L2 penalty on the batch's final embeddings
 * @param alignmentWeight weight of the alignment loss
 * @param anchorRatio fraction of the profiled nodes drawn into each anchor set
 * @param anchorRepeats anchor sets drawn per training step; their losses are averaged
 * @param learningRate Adam learning rate
 * @param epochs maximum number of epochs
 * @param batchSize training interactions per step
 * @param patience epochs without a better validation Recall@20 before training stops;
 *     0 turns early stopping off
 * @param validationSampleUsers maximum validation users evaluated per epoch
 * @param seed seed of every random draw
 * @param concurrency worker threads for the edge-wise passes; ND4J itself runs on one thread
 * @param profiles whether profile embeddings are projected and injected
 * @param alignment whether the alignment loss is added (needs {@code profiles})
 * @param injectRemove whether the injected profile is subtracted from the final embeddings
 *     again; false keeps it in
 */
public record SpikeConfig(
        int embeddingDim,
        int layers,
        int heads,
        double messageDropout,
        double kgEdgeDropout,
        double interactionEdgeDropout,
        double profileScale,
        double mlpDropout,
        double l2,
        double alignmentWeight,
        double anchorRatio,
        int anchorRepeats,
        double learningRate,
        int epochs,
        int batchSize,
        int patience,
        int validationSampleUsers,
        long seed,
        int concurrency,
        boolean profiles,
        boolean alignment,
        boolean injectRemove) {

    /** Maximum number of propagation layers that {@link #validate()} accepts. */
    public static final int MAX_LAYERS = 8;

    /** Maximum number of epochs, and of patience epochs, that {@link #validate()} accepts. */
    public static final int MAX_EPOCHS = 1_000_000;

    public static Builder builder() {
        return new Builder();
    }

    public static SpikeConfig defaults() {
        return builder().build();
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Checks every hyperparameter against its allowed range.
     *
     * @return this config
     * @throws IllegalArgumentException naming the first invalid key, its value and the range
     */
    public SpikeConfig validate() {
        requireRange("embeddingDim", embeddingDim, 1, 4096);
        requireRange("layers", layers, 0, MAX_LAYERS);
        requireRange("heads", heads, 1, embeddingDim);
        if (embeddingDim % heads != 0) {
            throw new IllegalArgumentException("Invalid heads: " + heads
                    + " does not divide embeddingDim " + embeddingDim + "; choose a divisor of embeddingDim");
        }

        requireFraction("messageDropout", messageDropout);
        requireFraction("kgEdgeDropout", kgEdgeDropout);
        requireFraction("interactionEdgeDropout", interactionEdgeDropout);
        requireRange("profileScale", profileScale, 0, 100);
        requireFraction("mlpDropout", mlpDropout);
        requireRange("l2", l2, 0, 1);
        requireRange("alignmentWeight", alignmentWeight, 0, 1000);
        if (!(anchorRatio > 0 && anchorRatio <= 1)) {
            throw invalid("anchorRatio", anchorRatio, "(0, 1]");
        }
        requireRange("anchorRepeats", anchorRepeats, 1, 1000);
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw invalid("learningRate", learningRate, "(0, 1]");
        }

        requireRange("epochs", epochs, 1, MAX_EPOCHS);
        requireRange("batchSize", batchSize, 1, 10_000_000);
        requireRange("patience", patience, 0, MAX_EPOCHS);
        requireRange("validationSampleUsers", validationSampleUsers, 1, Integer.MAX_VALUE);
        requireRange("concurrency", concurrency, 1, 1024);

        if (alignment && !profiles) {
            throw new IllegalArgumentException(
                    "Invalid alignment: true needs profiles=true, because the alignment loss compares GNN "
                            + "embeddings with projected profiles; set alignment=false or profiles=true");
        }
        return this;
    }

    private static void requireRange(String key, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(key, value, "[" + min + ", " + max + "]");
        }
    }

    private static void requireRange(String key, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw invalid(key, value, "[" + min + ", " + max + "]");
        }
    }

    private static void requireFraction(String key, double value) {
        if (!(value >= 0 && value < 1)) {
            throw invalid(key, value, "[0, 1)");
        }
    }

    private static IllegalArgumentException invalid(String key, Object value, String range) {
        return new IllegalArgumentException("Invalid " + key + ": " + value + " is outside the allowed range " + range);
    }

    /** Builder with the published defaults (learning rate 1e-3, see the class comment). */
    public static final class Builder {
        private int embeddingDim = 64;
        private int layers = 2;
        private int heads = 2;
        private double messageDropout = 0.1;
        private double kgEdgeDropout = 0.5;
        private double interactionEdgeDropout = 0.5;
        private double profileScale = 0.25;
        private double mlpDropout = 0.1;
        private double l2 = 1e-5;
        private double alignmentWeight = 5.0;
        private double anchorRatio = 0.1;
        private int anchorRepeats = 8;
        private double learningRate = 1e-3;
        private int epochs = 30;
        private int batchSize = 1024;
        private int patience = 5;
        private int validationSampleUsers = 2000;
        private long seed = 42;
        private int concurrency = 1;
        private boolean profiles = true;
        private boolean alignment = true;
        private boolean injectRemove = true;

        private Builder() {
        }

        private Builder(SpikeConfig c) {
            embeddingDim = c.embeddingDim;
            layers = c.layers;
            heads = c.heads;
            messageDropout = c.messageDropout;
            kgEdgeDropout = c.kgEdgeDropout;
            interactionEdgeDropout = c.interactionEdgeDropout;
            profileScale = c.profileScale;
            mlpDropout = c.mlpDropout;
            l2 = c.l2;
            alignmentWeight = c.alignmentWeight;
            anchorRatio = c.anchorRatio;
            anchorRepeats = c.anchorRepeats;
            learningRate = c.learningRate;
            epochs = c.epochs;
            batchSize = c.batchSize;
            patience = c.patience;
            validationSampleUsers = c.validationSampleUsers;
            seed = c.seed;
            concurrency = c.concurrency;
            profiles = c.profiles;
            alignment = c.alignment;
            injectRemove = c.injectRemove;
        }

        public Builder embeddingDim(int v) { embeddingDim = v; return this; }
        public Builder layers(int v) { layers = v; return this; }
        public Builder heads(int v) { heads = v; return this; }
        public Builder messageDropout(double v) { messageDropout = v; return this; }
        public Builder kgEdgeDropout(double v) { kgEdgeDropout = v; return this; }
        public Builder interactionEdgeDropout(double v) { interactionEdgeDropout = v; return this; }
        public Builder profileScale(double v) { profileScale = v; return this; }
        public Builder mlpDropout(double v) { mlpDropout = v; return this; }
        public Builder l2(double v) { l2 = v; return this; }
        public Builder alignmentWeight(double v) { alignmentWeight = v; return this; }
        public Builder anchorRatio(double v) { anchorRatio = v; return this; }
        public Builder anchorRepeats(int v) { anchorRepeats = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder patience(int v) { patience = v; return this; }
        public Builder validationSampleUsers(int v) { validationSampleUsers = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder concurrency(int v) { concurrency = v; return this; }
        public Builder profiles(boolean v) { profiles = v; return this; }
        public Builder alignment(boolean v) { alignment = v; return this; }
        public Builder injectRemove(boolean v) { injectRemove = v; return this; }

        /** Builds the config without validating it; call {@link SpikeConfig#validate()} before use. */
        public SpikeConfig build() {
            return new SpikeConfig(embeddingDim, layers, heads, messageDropout, kgEdgeDropout,
                    interactionEdgeDropout, profileScale, mlpDropout, l2, alignmentWeight, anchorRatio,
                    anchorRepeats, learningRate, epochs, batchSize, patience, validationSampleUsers, seed,
                    concurrency, profiles, alignment, injectRemove);
        }
    }
}
