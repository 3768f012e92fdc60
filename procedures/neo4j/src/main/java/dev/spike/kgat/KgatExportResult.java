package dev.spike.kgat;

/**
 * The row that {@code spike.kgat.export} yields.
 *
 * @param folder absolute path of the folder written
 * @param trainInteractions user-item pairs written to train.txt
 * @param testInteractions user-item pairs written to test.txt
 * @param kgTriples lines written to kg_final.txt
 * @param time milliseconds the call took
 */
public record KgatExportResult(String folder, long trainInteractions, long testInteractions, long kgTriples, long time) {}
