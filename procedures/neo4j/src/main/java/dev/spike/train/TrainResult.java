package dev.spike.train;

import java.util.Map;

/**
 * The row {@code spike.train} yields. {@code history} has one map per epoch: epoch, bprLoss,
 * alignmentLoss, l2Loss, totalLoss, validationRecallAt20 (null without validation) and seconds.
 */
public record TrainResult(
        String modelName,
        String graphName,
        long epochs,
        long bestEpoch,
        double bprLoss,
        double alignmentLoss,
        double l2Loss,
        double totalLoss,
        Double validationRecallAt20,
        long userCount,
        long itemCount,
        long entityCount,
        long interactionCount,
        long validationInteractionCount,
        long kgTripleCount,
        long nodesWithoutProfile,
        long trainMillis,
        java.util.List<Map<String, Object>> history,
        Map<String, Object> configuration) {}
