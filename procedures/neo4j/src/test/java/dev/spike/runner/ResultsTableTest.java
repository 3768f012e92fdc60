package dev.spike.runner;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The main job's results table, printed from rows shaped like spike.evaluate's. */
class ResultsTableTest {
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    @Test
    void rowsKeepModelsBeforePopularity() {
        Map<String, Double> recall = print(rows("spike", 0.20, "spike-no-profiles", 0.15, 0.10));

        assertEquals(List.of("SPiKE", "SPiKE, profiles: false", "Popularity"), List.copyOf(recall.keySet()));
        String table = output();
        assertTrue(table.indexOf("SPiKE, profiles: false") < table.indexOf("Popularity"), table);
        assertFalse(table.contains("note:"), table);
    }

    @Test
    void modelBelowPopularityGetsNote() {
        print(rows("spike", 0.05, "spike-no-profiles", 0.04, 0.10));

        String table = output();
        assertTrue(table.contains("note: SPiKE ranks below popularity by Recall@20"), table);
        assertTrue(table.contains("raise --epochs"), table);
    }

    @Test
    void seedsAreAveraged() {
        List<Map<String, Object>> rows = rows("spike", 0.20, "spike-no-profiles", 0.10, 0.05);
        rows.addAll(rows("spike-seed2", 0.30, "spike-no-profiles-seed2", 0.20, 0.05));

        Map<String, Double> recall = print(rows);

        assertEquals(0.25, recall.get("SPiKE"), 1e-12);
        assertEquals(0.15, recall.get("SPiKE, profiles: false"), 1e-12);
        assertEquals(0.05, recall.get("Popularity"), 1e-12);
    }

    private Map<String, Double> print(List<Map<String, Object>> rows) {
        RunnerOptions options = RunnerOptions.parse(List.of());
        PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);
        return new MainJob(options, out).printResultsTable(rows, true);
    }

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    /** Recall@20 rows of one SPiKE model, one model without profiles and popularity. */
    private static List<Map<String, Object>> rows(String model, double recall, String plainModel, double plainRecall,
                                                  double popularityRecall) {
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row(model, "model", recall));
        rows.add(row(plainModel, "model", plainRecall));
        rows.add(row(model, "popularity", popularityRecall));
        return rows;
    }

    private static Map<String, Object> row(String model, String scorer, double recall) {
        return Map.of("modelName", model, "scorer", scorer, "k", 20L, "recall", recall, "ndcg", recall / 2);
    }
}
