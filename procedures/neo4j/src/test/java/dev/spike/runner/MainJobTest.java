package dev.spike.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainJobTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return MainJob.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoRunPrintsEveryStageAndTheProjection(@TempDir Path work) {
        int status = run("--work-dir", work.toString());

        assertEquals(0, status, stderr());
        String output = stdout();
        assertTrue(output.contains("generate demo catalogue"), output);
        assertTrue(output.contains("demo/load: interactions"), output);
        assertTrue(output.contains("(:User) 300"), output);
        assertTrue(output.contains("(:Item) 1,000"), output);
        assertTrue(output.contains("projection summary"), output);
        assertTrue(output.contains("relationship types: ["), output);
    }

    @Test
    void unknownOptionExitsWithUsageHint() {
        assertEquals(2, run("--frobnicate"));
        assertEquals("error: Unknown option '--frobnicate'. Run with --help to list the options.", stderr().strip());
    }

    @Test
    void missingMovieLensFolderExitsWithItsPath(@TempDir Path work) {
        Path missing = work.resolve("no-such-folder");

        assertEquals(2, run("--movielens", missing.toString()));
        assertEquals("error: MovieLens folder not found: " + missing.toAbsolutePath()
                + ". Pass the folder that holds movies.csv, ratings.csv and tags.csv.", stderr().strip());
    }

    @Test
    void folderWithoutMovieFilesFailsBeforeStartingNeo4j(@TempDir Path work) {
        assertEquals(1, run("--movielens", work.toString(), "--work-dir", work.resolve("run").toString()));
        assertTrue(stderr().startsWith("error: No movies.csv or movies.dat in " + work.toAbsolutePath()), stderr());
        assertTrue(!stdout().contains("start Neo4j"), stdout());
    }

    @Test
    void failedRunRemovesItsTemporaryFolder(@TempDir Path work) {
        assertEquals(1, run("--movielens", work.toString()));

        String prefix = "SPiKE main job, work folder ";
        String firstLine = stdout().lines().findFirst().orElse("");
        assertTrue(firstLine.startsWith(prefix), stdout());
        assertFalse(java.nio.file.Files.exists(Path.of(firstLine.substring(prefix.length()))), firstLine);
    }

    @Test
    void optionWithoutValueIsRejected() {
        assertEquals(2, run("--bolt-port"));
        assertEquals("error: Option --bolt-port needs a value. Run with --help to see it.", stderr().strip());
    }

    @Test
    void badPortIsRejected() {
        assertEquals(2, run("--bolt-port", "99999"));
        assertEquals("error: Invalid --bolt-port '99999': expected a port number from 1 to 65535.", stderr().strip());
    }

    @Test
    void kgatFolderRunsThePipelineOnItsOwnSplit(@TempDir Path work) throws Exception {
        Path dataset = kgatFolder(work.resolve("tiny-kg"), "0 0 1\n1 1 2\n2 0 2\n", "0 2\n1 0\n2 1\n",
                "0 0 3\n1 0 3\n1 1 4\n");

        int status = run("--kgat", dataset.toString(), "--work-dir", work.resolve("run").toString(), "--epochs", "2",
                "--seeds", "2", "--layers", "3");

        assertEquals(0, status, stderr());
        String output = stdout();
        assertTrue(output.contains("kgat/load: load"), output);
        assertFalse(output.contains("== Split"), output);
        assertTrue(output.contains("mean of 2 seeds"), output);
        assertTrue(output.contains("(:User) 3"), output);
        assertTrue(output.contains("(:Item) 3"), output);
        // Labels that only the schema script declares are left out of the graph summary.
        assertFalse(output.contains("(:Genre)"), output);
        // The fixed split is used whole: no validation hold-out, every epoch trained.
        assertTrue(output.contains("interactionCount=6"), output);
        assertTrue(output.contains("validationRecallAt20=null"), output);
        assertTrue(output.contains("epochs=2, bestEpoch=2"), output);
        assertTrue(output.contains("layers=3"), output);
        assertTrue(output.contains("; 3 propagation layers"), output);
        // Every user has interacted with every item, so no recommendation is written to explain.
        assertTrue(output.contains("explain: skipped"), output);
        assertTrue(java.nio.file.Files.exists(work.resolve("run").resolve("training-curve.svg")));
        assertFalse(java.nio.file.Files.exists(work.resolve("run").resolve("neo4j")), "empty neo4j folder left");
    }

    @Test
    void patienceAboveEpochsIsExplained(@TempDir Path work) throws Exception {
        Path dataset = kgatFolder(work.resolve("tiny-kg"), "0 0 1 2\n1 1 2 0\n2 0 2 1\n", "0 2\n1 0\n2 1\n",
                "0 0 3\n1 0 3\n1 1 4\n");

        int status = run("--kgat", dataset.toString(), "--work-dir", work.resolve("run").toString(), "--epochs", "2",
                "--patience", "3");

        assertEquals(0, status, stderr());
        String output = stdout();
        assertTrue(output.contains("2 epochs per model, with Recall@20 on a validation hold-out of 10% of each "
                + "user's training interactions; no run stops early, as --patience 3 is not below --epochs"), output);
        assertTrue(output.contains("epochs=2,"), output);
    }

    @Test
    void negativePatienceIsRejected() {
        assertEquals(2, run("--patience", "-1"));
        assertEquals("error: Invalid --patience '-1': expected a whole number from 0 to 1,000,000.", stderr().strip());
    }

    @Test
    void outOfRangeCountsAreRejected() {
        Map<List<String>, String> cases = Map.of(
                List.of("--epochs", "0"), "Invalid --epochs '0': expected a whole number from 1 to 1,000,000.",
                List.of("--epochs", "99999999999"),
                "Invalid --epochs '99999999999': expected a whole number from 1 to 1,000,000.",
                List.of("--patience", "2000000"), "Invalid --patience '2000000': expected a whole number from 0 to 1,000,000.",
                List.of("--seeds", "101"), "Invalid --seeds '101': expected a whole number from 1 to 100.",
                List.of("--seeds", "two"), "Invalid --seeds 'two': expected a whole number from 1 to 100.");
        cases.forEach((args, message) -> {
            err.reset();
            assertEquals(2, run(args.toArray(String[]::new)), args.toString());
            assertEquals("error: " + message, stderr().strip());
        });
    }

    @Test
    void workDirFileIsRejected(@TempDir Path work) throws Exception {
        Path file = java.nio.file.Files.writeString(work.resolve("notes.txt"), "kept");
        assertEquals(2, run("--work-dir", file.toString()));
        assertEquals("error: Invalid --work-dir " + file.toAbsolutePath() + ": it is a file. Pass a folder, or a "
                + "path that does not exist yet.", stderr().strip());
        assertEquals("kept", java.nio.file.Files.readString(file));
    }

    @Test
    void emptyKgatFolderStopsBeforeNeo4jStarts(@TempDir Path work) throws Exception {
        Path dataset = kgatFolder(work.resolve("empty-kg"), "", "", "");
        assertEquals(1, run("--kgat", dataset.toString(), "--work-dir", work.resolve("run").toString()));
        assertEquals("error: KGAT folder " + dataset.toAbsolutePath() + ": train.txt lists no interactions, so "
                + "there is nothing to train on. Each line needs a user id followed by item ids, such as \"0 12 37\".",
                stderr().strip());
        assertFalse(stdout().contains("start Neo4j"), stdout());
        assertFalse(java.nio.file.Files.exists(work.resolve("run").resolve("neo4j")), "empty neo4j folder left");
    }

    @Test
    void layersOutOfRangeAreRejected() {
        for (String value : List.of("9", "0", "abc", "99999999999")) {
            err.reset();
            assertEquals(2, run("--layers", value), value);
            assertEquals("error: Invalid --layers '" + value + "': expected a whole number from 1 to 8; two or "
                    + "three layers suit most catalogues.", stderr().strip());
        }
    }

    @Test
    void malformedKgatLineFailsWithOneLine(@TempDir Path work) throws Exception {
        Path dataset = kgatFolder(work.resolve("bad-kg"), "0 0 1\n1 1 2\n2 3 x 6\n", "0 2\n1 0\n", "0 0 3\n");

        int status = run("--kgat", dataset.toString(), "--work-dir", work.resolve("run").toString());

        assertEquals(1, status);
        assertEquals("error: KGAT folder " + dataset.toAbsolutePath() + ": train.txt line 3: expected integer ids "
                + "\"userId itemId ...\", found \"2 3 x 6\"", stderr().strip());
        assertFalse(stdout().contains("start Neo4j"), stdout());
    }

    @Test
    void busyBoltPortIsNamed(@TempDir Path work) throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            int status = run("--serve", "--bolt-port", Integer.toString(port), "--work-dir", work.toString());

            assertEquals(1, status);
            assertEquals("error: Bolt port " + port + " on 127.0.0.1 is already in use, perhaps by another Neo4j. "
                    + "Stop that server or pass a free port with --bolt-port.", stderr().strip());
            assertFalse(stdout().contains("start Neo4j"), stdout());
        }
    }

    @Test
    void kgatAndMovieLensTogetherAreRejected(@TempDir Path work) {
        assertEquals(2, run("--kgat", work.toString(), "--movielens", work.toString()));
        assertEquals("error: Pass either --movielens or --kgat, not both.", stderr().strip());
        err.reset();
        assertEquals(2, run("--kgat", work.toString(), "--movielens", work.resolve("none").toString()));
        assertEquals("error: Pass either --movielens or --kgat, not both.", stderr().strip());
    }

    @Test
    void missingKgatFolderIsNamed(@TempDir Path work) {
        Path missing = work.resolve("none");

        assertEquals(2, run("--kgat", missing.toString()));
        assertEquals("error: KGAT folder not found: " + missing.toAbsolutePath()
                + ". Pass the folder that holds train.txt, test.txt and kg_final.txt.", stderr().strip());
    }

    @Test
    void kgatFolderWithoutItsFilesIsRejected(@TempDir Path work) {
        assertEquals(2, run("--kgat", work.toString()));
        assertEquals("error: Missing train.txt in " + work.toAbsolutePath()
                + ". A KGAT folder holds train.txt, test.txt and kg_final.txt.", stderr().strip());
    }

    @Test
    void helpListsTheOptions() {
        assertEquals(0, run("--help"));
        assertTrue(stdout().contains("--movielens DIR"));
        assertTrue(stdout().contains("--serve"));
    }

    /** Writes a KGAT folder with the given train.txt, test.txt and kg_final.txt contents. */
    private static Path kgatFolder(Path folder, String train, String test, String kg) throws java.io.IOException {
        java.nio.file.Files.createDirectories(folder);
        java.nio.file.Files.writeString(folder.resolve("train.txt"), train);
        java.nio.file.Files.writeString(folder.resolve("test.txt"), test);
        java.nio.file.Files.writeString(folder.resolve("kg_final.txt"), kg);
        return folder;
    }
}
