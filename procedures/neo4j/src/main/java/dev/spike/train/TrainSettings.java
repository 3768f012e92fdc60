package dev.spike.train;

import dev.spike.catalog.ModelCatalog;
import dev.spike.config.ConfigMap;
import dev.spike.graph.GraphSpec;
import dev.spike.graph.ProjectionReader;
import dev.spike.model.SpikeConfig;
import java.util.List;
import java.util.Map;

/**
 * Configuration of {@code spike.train}: the graph shape, the model name and SPiKE's
 * hyperparameters, parsed and validated before any work starts.
 *
 * @param validationFraction share of each user's interactions held out for early stopping
 *     (users with at least 3 interactions); 0 trains on all of them and runs every epoch
 */
public record TrainSettings(
        String modelName,
        boolean overwrite,
        GraphSpec spec,
        SpikeConfig model,
        double validationFraction) {

    public static final String PROCEDURE = "spike.train";

    public static TrainSettings parse(Map<String, Object> configuration) {
        return parse(PROCEDURE, configuration, true);
    }

    static TrainSettings parse(String procedure, Map<String, Object> configuration, boolean requireName) {
        ConfigMap map = ConfigMap.of(procedure, configuration);
        String modelName = requireName ? ModelCatalog.checkName(procedure, map.requiredString("modelName"))
                : map.string("modelName", null);
        boolean overwrite = map.bool("overwrite", false);
        SpikeConfig defaults = SpikeConfig.defaults();
        int processors = Math.min(4, Runtime.getRuntime().availableProcessors());

        // Without profiles there is nothing to align, so alignment follows profiles unless set.
        boolean profiles = map.bool("profiles", defaults.profiles());
        SpikeConfig.Builder builder = SpikeConfig.builder()
                .embeddingDim(map.integer("embeddingDim", defaults.embeddingDim(), 1, 4096))
                .layers(map.integer("layers", defaults.layers(), 0, SpikeConfig.MAX_LAYERS))
                .heads(map.integer("heads", defaults.heads(), 1, 64))
                .messageDropout(map.fraction("messageDropout", defaults.messageDropout()))
                .kgEdgeDropout(map.fraction("kgEdgeDropout", defaults.kgEdgeDropout()))
                .interactionEdgeDropout(map.fraction("interactionEdgeDropout", defaults.interactionEdgeDropout()))
                .profileScale(map.decimal("profileScale", defaults.profileScale(), 0, 100))
                .mlpDropout(map.fraction("mlpDropout", defaults.mlpDropout()))
                .l2(map.decimal("l2", defaults.l2(), 0, 1))
                .alignmentWeight(map.decimal("alignmentWeight", defaults.alignmentWeight(), 0, 1000))
                .anchorRatio(map.positive("anchorRatio", defaults.anchorRatio(), 1))
                .anchorRepeats(map.integer("anchorRepeats", defaults.anchorRepeats(), 1, 1000))
                .learningRate(map.positive("learningRate", defaults.learningRate(), 1))
                .epochs(map.integer("epochs", defaults.epochs(), 1, SpikeConfig.MAX_EPOCHS))
                .batchSize(map.integer("batchSize", defaults.batchSize(), 1, 10_000_000))
                .patience(map.integer("patience", defaults.patience(), 0, SpikeConfig.MAX_EPOCHS))
                .validationSampleUsers(map.integer("validationSampleUsers", defaults.validationSampleUsers(), 1, Integer.MAX_VALUE))
                .seed(map.longValue("seed", defaults.seed()))
                .concurrency(map.integer("concurrency", processors, 1, 1024))
                .profiles(profiles)
                .alignment(map.bool("alignment", profiles && defaults.alignment()))
                .injectRemove(map.bool("injectRemove", defaults.injectRemove()));
        double validationFraction = map.decimal("validationFraction", 0.1, 0, 0.5);

        GraphSpec spec = new GraphSpec(
                map.identifier("userLabel", "User"),
                map.identifier("itemLabel", "Item"),
                map.identifier("entityLabel", ProjectionReader.DEFAULT_ENTITY_LABEL),
                map.identifier("interactionType", "RATED"),
                map.identifierList("kgRelationshipTypes", List.of()),
                map.identifier("profileProperty", "profileEmbedding"));
        map.rejectUnknownKeys();
        if (spec.kgTypes().contains(spec.interactionType())) {
            throw new IllegalArgumentException(procedure + ": kgRelationshipTypes " + spec.kgTypes() + " contain the "
                    + "interaction type '" + spec.interactionType() + "', so interactions would be read as KG facts. "
                    + "List only the types between items and entities, or leave the key out to use every other type "
                    + "of the projection.");
        }

        SpikeConfig model;
        try {
            model = builder.build().validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(procedure + ": " + e.getMessage());
        }
        GraphSpec effective = model.profiles() ? spec
                : new GraphSpec(spec.userLabel(), spec.itemLabel(), spec.entityLabel(), spec.interactionType(), spec.kgTypes(), null);
        return new TrainSettings(modelName, overwrite, effective, model, model.patience() > 0 ? validationFraction : 0);
    }
}
