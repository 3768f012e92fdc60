package dev.spike.train;

import java.util.Map;

/** The row {@code spike.train} yields. */
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
        Map<String, Object> configuration) {}
