package dev.spike.model;

import java.util.OptionalDouble;

/** Receives progress from {@link SpikeTrainer} and can stop a run. */
public interface TrainingMonitor {
    /** A monitor that ignores progress and never stops a run. */
    TrainingMonitor NONE = new TrainingMonitor() {
    };

    /**
     * Called before every training batch and evaluation. Throw (for example Neo4j's termination
     * exception) to abort: the trainer stops, releases its worker threads and returns no model.
     */
    default void checkTermination() {
    }

    /** Called after each epoch. */
    default void onEpoch(EpochReport report) {
    }

    /**
     * Losses of one epoch, averaged over its batches.
     *
     * @param validationRecallAt20 Recall@20 on the validation sample; empty without validation data
     * @param seconds wall-clock time of the epoch, evaluation included
     */
    record EpochReport(int epoch, double bprLoss, double alignmentLoss, double l2Loss, double totalLoss,
                       OptionalDouble validationRecallAt20, double seconds) {
    }
}
