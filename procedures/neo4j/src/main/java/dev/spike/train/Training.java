package dev.spike.train;

import dev.spike.catalog.ModelCatalog;
import dev.spike.catalog.ModelEntry;
import dev.spike.catalog.TrainedGraphCheck;
import dev.spike.catalog.TrainingPairs;
import dev.spike.graph.DatabaseProfiles;
import dev.spike.graph.ProjectedGraph;
import dev.spike.graph.ProjectionReader;
import dev.spike.model.SpikeConfig;
import dev.spike.model.SpikeTrainer;
import dev.spike.model.TrainedModel;
import dev.spike.model.TrainingGraph;
import dev.spike.model.TrainingMonitor;
import dev.spike.progress.JobProgress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.neo4j.gds.api.GraphStore;
import org.neo4j.graphdb.Label;
import org.neo4j.graphdb.Node;
import org.neo4j.graphdb.NotFoundException;
import org.neo4j.graphdb.Transaction;
import org.neo4j.kernel.impl.coreapi.InternalTransaction;
import org.neo4j.kernel.internal.GraphDatabaseAPI;
import org.neo4j.logging.Log;
import org.neo4j.procedure.TerminationGuard;

/** Runs {@code spike.train}: projection → arrays → model core → model catalog. */
public final class Training {

    /** Projected users and items whose database labels training checks. */
    private static final int LABEL_CHECKS = 64;

    private final GraphDatabaseAPI database;
    private final Transaction transaction;
    private final TerminationGuard terminationGuard;
    private final Log log;

    public Training(GraphDatabaseAPI database, Transaction transaction, TerminationGuard terminationGuard, Log log) {
        this.database = database;
        this.transaction = transaction;
        this.terminationGuard = terminationGuard;
        this.log = log;
    }

    public TrainResult run(String graphName, TrainSettings settings, ModelCatalog catalog) {
        String procedure = TrainSettings.PROCEDURE;
        if (catalog.find(settings.modelName()).isPresent() && !settings.overwrite()) {
            throw new IllegalArgumentException(procedure + ": model '" + settings.modelName() + "' already exists. "
                    + "Drop it with CALL spike.model.drop('" + settings.modelName() + "') or pass overwrite: true.");
        }
        long start = System.nanoTime();
        String username = ((InternalTransaction) transaction).securityContext().subject().executingUser();
        try (ModelCatalog.Reservation reservation = catalog.reserve(procedure, settings.modelName());
                JobProgress progress = JobProgress.start(database.databaseName(), username,
                procedure + " '" + settings.modelName() + "'",
                List.of(new JobProgress.Step("read projection", 1),
                        new JobProgress.Step("epochs", settings.model().epochs()),
                        new JobProgress.Step("save model", 1)), log)) {
            progress.beginStep(0);
            ProjectedGraph projected = read(procedure, graphName, settings);
            requireDatabaseLabel(username, graphName, "userLabel", settings.spec().userLabel(),
                    projected.userNodeIds());
            requireDatabaseLabel(username, graphName, "itemLabel", settings.spec().itemLabel(),
                    Arrays.copyOf(projected.entityNodeIds(), projected.items()));
            String databaseType = ProjectionReader.databaseType(username, database.databaseName(), graphName,
                    settings.spec().interactionType());
            TrainingGraph graph = TrainingGraphs.build(projected, settings.validationFraction(),
                    settings.model().seed());
            log.info("spike.train '%s' :: Start on projection '%s': %d users, %d items, %d entities, %d training "
                            + "and %d validation interactions, %d KG triples, %d nodes without a profile embedding",
                    settings.modelName(), graphName, projected.users(), projected.items(), projected.entities(),
                    graph.interactionCount(), projected.interactionUser().length - graph.interactionCount(),
                    projected.kgHead().length, graph.nodesWithoutProfile());

            progress.beginStep(1);
            EpochLog epochs = new EpochLog(settings.modelName(), progress);
            TrainedModel model = SpikeTrainer.train(graph, settings.model(), epochs);
            terminationGuard.check();

            progress.beginStep(2);
            Map<String, Double> metrics = epochs.metrics();
            TrainingPairs.Sample sample = TrainingPairs.sample(projected.userNodeIds(), projected.entityNodeIds(),
                    projected.interactionUser(), projected.interactionItem());
            String storedType = TrainedGraphCheck.storedInteractionType(transaction, sample.checkedPairs(),
                    settings.spec().userLabel(), settings.spec().itemLabel(), databaseType);
            ModelEntry entry = new ModelEntry(settings.modelName(), database.databaseName(), graphName,
                    settings.spec(), projected.userNodeIds(), projected.entityNodeIds(), projected.relationTypes(),
                    Instant.now(), metrics, model, sample.hashes(), sample.checkedPairs(), storedType);
            catalog.store(entry);
            progress.finish();
            long millis = (System.nanoTime() - start) / 1_000_000;
            log.info("spike.train '%s' :: Finished after %d epochs in %d ms, saved under %s",
                    settings.modelName(), model.epochsTrained(), millis, catalog.directory());
            return result(graphName, settings, projected, graph, model, metrics, millis, epochs);
        }
    }

    /**
     * Fails when the projection names users or items by a label the database does not use for them.
     * The model's other procedures find its users and items by their database labels, so with a
     * renamed label they would find none and return nothing.
     *
     * @param nodeIds the projected nodes with that label, of which up to {@value #LABEL_CHECKS} are checked
     */
    private void requireDatabaseLabel(String username, String graphName, String key, String projectedLabel,
            long[] nodeIds) {
        String databaseLabel = ProjectionReader.databaseLabel(username, database.databaseName(), graphName,
                projectedLabel);
        if (!databaseLabel.equals(projectedLabel)) {
            throw new IllegalArgumentException(String.format("%s: %s '%s' is the name projection '%s' gives to the "
                    + "database label '%s'. spike.recommend, spike.evaluate and spike.embeddings find users and items "
                    + "by their database labels, so project the label under its own name ({%s: {label: '%s'}}) and "
                    + "train with %s: '%s'.", TrainSettings.PROCEDURE, key, projectedLabel, graphName, databaseLabel,
                    databaseLabel, databaseLabel, key, databaseLabel));
        }
        String cypherHint = key.equals("userLabel") ? "sourceNodeLabels: labels(source)"
                : "targetNodeLabels: labels(target)";
        Label label = Label.label(projectedLabel);
        for (int i = 0; i < Math.min(nodeIds.length, LABEL_CHECKS); i++) {
            Node node;
            try {
                node = transaction.getNodeById(nodeIds[i]);
            } catch (NotFoundException deleted) {
                continue;
            }
            if (!node.hasLabel(label)) {
                List<String> labels = new ArrayList<>();
                node.getLabels().forEach(own -> labels.add(own.name()));
                throw new IllegalArgumentException(String.format("%s: %s '%s' is a label of projection '%s', but "
                        + "node %d, projected with it, has the labels %s in the database, as when a Cypher projection "
                        + "names its own labels. spike.recommend, spike.evaluate and spike.embeddings find users and "
                        + "items by their database labels, so project the nodes with their own labels (%s) or add "
                        + "the label to them.", TrainSettings.PROCEDURE, key, projectedLabel, graphName, nodeIds[i],
                        labels, cypherHint));
            }
        }
    }

    private TrainResult result(String graphName, TrainSettings settings, ProjectedGraph projected, TrainingGraph graph,
            TrainedModel model, Map<String, Double> metrics, long millis, EpochLog epochs) {
        return new TrainResult(settings.modelName(), graphName, model.epochsTrained(), model.bestEpoch(),
                metrics.getOrDefault("bprLoss", Double.NaN), metrics.getOrDefault("alignmentLoss", Double.NaN),
                metrics.getOrDefault("l2Loss", Double.NaN), metrics.getOrDefault("totalLoss", Double.NaN),
                metrics.get("validationRecallAt20"), projected.users(), projected.items(), projected.entities(),
                graph.interactionCount(), projected.interactionUser().length - graph.interactionCount(),
                projected.kgHead().length, graph.nodesWithoutProfile(), millis, epochs.history(), describe(settings, projected.relationTypes()));
    }

    public MemoryEstimate.Row estimate(String graphName, Map<String, Object> configuration) {
        TrainSettings settings = TrainSettings.parse("spike.train.estimate", configuration, false);
        ProjectedGraph projected = read("spike.train.estimate", graphName, settings);
        int profileDimension = projected.profiles() == null ? 0 : projected.profiles().dimension();
        return MemoryEstimate.of(projected.users(), projected.entities(), projected.interactionUser().length,
                projected.kgHead().length, projected.relationTypes().size(), profileDimension, settings.model());
    }

    private ProjectedGraph read(String procedure, String graphName, TrainSettings settings) {
        String username = ((InternalTransaction) transaction).securityContext().subject().executingUser();
        GraphStore store = ProjectionReader.graphStore(procedure, username, database.databaseName(), graphName);
        ProjectedGraph projected = new ProjectionReader(procedure)
                .read(store, settings.spec(), new DatabaseProfiles(procedure, transaction));
        if (projected.skippedRelationships() > 0) {
            log.info("spike.train: skipped %d relationships that do not link a user to an item or an item to an entity",
                    projected.skippedRelationships());
        }
        ProjectedGraph.Profiles profiles = projected.profiles();
        if (settings.model().profiles() && (profiles == null || profiles.dimension() <= 0)) {
            throw new IllegalArgumentException(procedure + ": no user, item or entity of projection '" + graphName
                    + "' has the profile property '" + settings.spec().profileProperty() + "'. Write profile "
                    + "embeddings with spike.profile.write {embed: true}, name another property with "
                    + "profileProperty, or train without profiles (profiles: false).");
        }
        if (profiles != null && profiles.missing() > 0) {
            log.warn("spike.train: %d of %d nodes have no '%s'; they get a zero profile vector",
                    profiles.missing(), projected.users() + projected.entities(), settings.spec().profileProperty());
        }
        return projected;
    }

    /** Describes the effective configuration, with the KG types that training read when none were named. */
    private static Map<String, Object> describe(TrainSettings settings, List<String> kgTypesRead) {
        SpikeConfig c = settings.model();
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("userLabel", settings.spec().userLabel());
        map.put("itemLabel", settings.spec().itemLabel());
        map.put("entityLabel", settings.spec().entityLabel());
        map.put("interactionType", settings.spec().interactionType());
        map.put("kgRelationshipTypes", settings.spec().kgTypes().isEmpty() ? kgTypesRead : settings.spec().kgTypes());
        map.put("profileProperty", settings.spec().profileProperty());
        map.put("embeddingDim", c.embeddingDim());
        map.put("layers", c.layers());
        map.put("heads", c.heads());
        map.put("learningRate", c.learningRate());
        map.put("epochs", c.epochs());
        map.put("batchSize", c.batchSize());
        map.put("patience", c.patience());
        map.put("validationFraction", settings.validationFraction());
        map.put("profiles", c.profiles());
        map.put("alignment", c.alignment());
        map.put("injectRemove", c.injectRemove());
        map.put("profileScale", c.profileScale());
        map.put("alignmentWeight", c.alignmentWeight());
        map.put("seed", c.seed());
        map.put("concurrency", c.concurrency());
        return map;
    }

    /** Logs one line per epoch and checks for termination before every batch. */
    private final class EpochLog implements TrainingMonitor {
        private final String modelName;
        private final JobProgress progress;
        private EpochReport last;
        private double bestRecall = Double.NaN;
        private final java.util.List<Map<String, Object>> history = new java.util.ArrayList<>();

        EpochLog(String modelName, JobProgress progress) {
            this.modelName = modelName;
            this.progress = progress;
        }

        @Override
        public void checkTermination() {
            terminationGuard.check();
        }

        @Override
        public void onEpoch(EpochReport report) {
            last = report;
            progress.advance(1);
            Map<String, Object> epoch = new LinkedHashMap<>();
            epoch.put("epoch", (long) report.epoch());
            epoch.put("bprLoss", report.bprLoss());
            epoch.put("alignmentLoss", report.alignmentLoss());
            epoch.put("l2Loss", report.l2Loss());
            epoch.put("totalLoss", report.totalLoss());
            epoch.put("validationRecallAt20",
                    report.validationRecallAt20().isPresent() ? report.validationRecallAt20().getAsDouble() : null);
            epoch.put("seconds", report.seconds());
            history.add(epoch);
            String recall = report.validationRecallAt20().isPresent()
                    ? String.format(Locale.ROOT, "%.4f", report.validationRecallAt20().getAsDouble()) : "-";
            if (report.validationRecallAt20().isPresent()
                    && (Double.isNaN(bestRecall) || report.validationRecallAt20().getAsDouble() > bestRecall)) {
                bestRecall = report.validationRecallAt20().getAsDouble();
            }
            log.info(String.format(Locale.ROOT,
                    "spike.train '%s' :: epoch %d: bpr %.5f, alignment %.5f, l2 %.6f, total %.5f, validation Recall@20 %s, %.2f s",
                    modelName, report.epoch(), report.bprLoss(), report.alignmentLoss(), report.l2Loss(),
                    report.totalLoss(), recall, report.seconds()));
        }

        java.util.List<Map<String, Object>> history() {
            return java.util.List.copyOf(history);
        }

        Map<String, Double> metrics() {
            Map<String, Double> metrics = new LinkedHashMap<>();
            if (last != null) {
                metrics.put("bprLoss", last.bprLoss());
                metrics.put("alignmentLoss", last.alignmentLoss());
                metrics.put("l2Loss", last.l2Loss());
                metrics.put("totalLoss", last.totalLoss());
            }
            if (!Double.isNaN(bestRecall)) {
                metrics.put("validationRecallAt20", bestRecall);
            }
            return metrics;
        }
    }
}
