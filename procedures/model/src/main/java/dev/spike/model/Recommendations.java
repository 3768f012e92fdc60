package dev.spike.model;

/**
 * Top-K items per requested user, best first.
 *
 * @param users the requested user ids
 * @param items {@code items[i]} lists the recommended items of {@code users[i]}; shorter than K
 *     when fewer candidates remain after exclusion
 * @param scores the scores of {@code items}, row by row
 */
public record Recommendations(int[] users, int[][] items, float[][] scores) {
}
