package dev.spike.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The main job end to end on the real ml-latest-small, with fewer epochs than a full run. */
class MovieLensPipelineTest {

    @Test
    void wholePipelineBeatsPopularity(@TempDir Path work) throws Exception {
        Path folder = SharedData.folder("ml-latest-small");
        // A relative path with '..' in it, as users type one.
        Path relative = Path.of("").toAbsolutePath().relativize(folder);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RunnerOptions options = RunnerOptions.parse(List.of("--movielens", relative.toString(),
                "--work-dir", work.toString(), "--epochs", "8"));

        MainJob job = new MainJob(options, new PrintStream(out, true, StandardCharsets.UTF_8));
        job.run();

        MainJob.Summary summary = job.summary();
        String output = out.toString(StandardCharsets.UTF_8);
        assertEquals(610, summary.users(), output);
        assertEquals(9742, summary.items());
        assertEquals(100_836, summary.interactions());
        // Users whose ratings are all below 4 have no positives to learn from, and get the mean user's recommendations.
        assertEquals(610, summary.usersWithRecommendations());
        assertEquals(20, summary.maxRecommendationsPerUser());
        assertEquals(0, summary.recommendedInteractedItems());
        assertEquals(0, summary.nodesWithoutProfileEmbedding(), "profiled nodes without an embedding");
        double spike = summary.recall20().get("SPiKE");
        double popularity = summary.recall20().get("Popularity");
        assertTrue(spike > popularity, "Recall@20 SPiKE " + spike + " vs popularity " + popularity + "\n" + output);
        assertTrue(Files.size(summary.trainingCurve()) > 500);
        assertTrue(output.contains("stage times:"), output);
    }
}
