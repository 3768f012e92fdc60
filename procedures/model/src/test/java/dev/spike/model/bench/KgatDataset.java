package dev.spike.model.bench;

import dev.spike.model.TrainingGraph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dataset in the KGAT text format: {@code train.txt} and {@code test.txt} with lines
 * {@code user item item ...}, {@code kg_final.txt} with lines {@code head relation tail}, and an
 * optional {@code item_list.txt} with a header line. Items are entities {@code 0..nItems-1}. Id
 * spaces are sized from all files together, so ids that appear only in the test split or the KG
 * still fit.
 */
public record KgatDataset(int nUsers, int nItems, int nEntities, int nRelations, int[][] train, int[][] test,
                          int[] kgHead, int[] kgRelation, int[] kgTail) {

    /**
     * Returns the ml-kg folder under {@code spike.shared.dir}, or null after printing a skip
     * message when the property is unset or the folder contains no {@code train.txt}.
     */
    public static Path sharedMovieLens() {
        String shared = System.getProperty("spike.shared.dir");
        Path data = shared == null ? null : Path.of(shared, "data", "ml-kg");
        if (data == null || !Files.isRegularFile(data.resolve("train.txt"))) {
            System.out.println("SKIPPED: no KGAT data at " + data + "; set -Dspike.shared.dir to the folder that "
                    + "contains data/ml-kg");
            return null;
        }
        return data;
    }

    public static KgatDataset read(Path folder) throws IOException {
        List<int[]> trainLines = readLines(folder.resolve("train.txt"));
        List<int[]> testLines = readLines(folder.resolve("test.txt"));
        List<int[]> kgLines = Files.exists(folder.resolve("kg_final.txt"))
                ? readLines(folder.resolve("kg_final.txt")) : List.of();

        int maxUser = -1;
        int maxItem = -1;
        for (List<int[]> lines : List.of(trainLines, testLines)) {
            for (int[] line : lines) {
                maxUser = Math.max(maxUser, line[0]);
                for (int i = 1; i < line.length; i++) {
                    maxItem = Math.max(maxItem, line[i]);
                }
            }
        }
        int nItems = maxItem + 1;
        Path itemList = folder.resolve("item_list.txt");
        if (Files.exists(itemList)) {
            try (var lines = Files.lines(itemList, StandardCharsets.UTF_8)) {
                nItems = Math.max(nItems, (int) lines.filter(l -> !l.isBlank()).count() - 1);
            }
        }
        int nEntities = nItems;
        int nRelations = 0;
        int[] head = new int[kgLines.size()];
        int[] relation = new int[kgLines.size()];
        int[] tail = new int[kgLines.size()];
        for (int i = 0; i < kgLines.size(); i++) {
            int[] line = kgLines.get(i);
            if (line.length != 3) {
                throw new IOException("kg_final.txt line " + (i + 1) + ": expected 3 ids, found " + line.length);
            }
            head[i] = line[0];
            relation[i] = line[1];
            tail[i] = line[2];
            nEntities = Math.max(nEntities, Math.max(line[0], line[2]) + 1);
            nRelations = Math.max(nRelations, line[1] + 1);
        }
        int nUsers = maxUser + 1;
        return new KgatDataset(nUsers, nItems, nEntities, nRelations, byUser(trainLines, nUsers),
                byUser(testLines, nUsers), head, relation, tail);
    }

    /**
     * Returns a copy whose test split is the last {@code fraction} of each user's training
     * interactions and whose training split is the rest. The original test split is dropped.
     * KGAT files list each user's items in time order where the dataset was split by time (as
     * ml-kg is), so this hold-out resembles the test split without touching it. For choosing
     * hyperparameters.
     */
    public KgatDataset withHoldout(double fraction) {
        int[][] remaining = new int[nUsers][];
        int[][] heldOut = new int[nUsers][];
        for (int u = 0; u < nUsers; u++) {
            int[] items = train[u];
            int holdoutCount = items.length < 2 ? 0 : Math.max(1, (int) Math.round(fraction * items.length));
            int cut = items.length - holdoutCount;
            remaining[u] = java.util.Arrays.copyOf(items, cut);
            heldOut[u] = java.util.Arrays.copyOfRange(items, cut, items.length);
        }
        return new KgatDataset(nUsers, nItems, nEntities, nRelations, remaining, heldOut, kgHead, kgRelation, kgTail);
    }

    /**
     * Returns the profile rows with each user's row recomputed as the unit-length mean of the
     * rows of that user's training items here. The stored user rows average every item of
     * train.txt, so after {@link #withHoldout} they would describe the held-out items too.
     */
    private float[] withUserRowsFromTraining(NpyReader.Matrix profiles) {
        int cols = profiles.cols();
        float[] values = profiles.values().clone();
        for (int u = 0; u < nUsers; u++) {
            double[] mean = new double[cols];
            for (int item : train[u]) {
                int row = (nUsers + item) * cols;
                for (int c = 0; c < cols; c++) {
                    mean[c] += values[row + c];
                }
            }
            double norm = 0;
            for (double value : mean) {
                norm += value * value;
            }
            double scale = train[u].length == 0 ? 0 : 1 / Math.max(Math.sqrt(norm), 1e-12);
            for (int c = 0; c < cols; c++) {
                values[u * cols + c] = (float) (mean[c] * scale);
            }
        }
        return values;
    }

    /** Builds the training graph, with profiles (rows: users, then entities) when given. */
    public TrainingGraph toGraph(NpyReader.Matrix profiles) {
        return toGraph(profiles, false);
    }

    /**
     * Builds the training graph. With {@code testAsValidation} the test interactions become its
     * validation set, so the trainer reports test Recall@20 after every epoch.
     */
    public TrainingGraph toGraph(NpyReader.Matrix profiles, boolean testAsValidation) {
        List<Integer> users = new ArrayList<>();
        List<Integer> items = new ArrayList<>();
        for (int u = 0; u < nUsers; u++) {
            for (int item : train[u]) {
                users.add(u);
                items.add(item);
            }
        }
        TrainingGraph.Builder builder = TrainingGraph.builder(nUsers, nItems, nEntities, nRelations)
                .knowledgeGraph(kgHead, kgRelation, kgTail)
                .interactions(users.stream().mapToInt(Integer::intValue).toArray(),
                        items.stream().mapToInt(Integer::intValue).toArray());
        if (profiles != null) {
            builder.profiles(withUserRowsFromTraining(profiles), profiles.cols(), null);
        }
        if (testAsValidation) {
            List<Integer> testUsers = new ArrayList<>();
            List<Integer> testItems = new ArrayList<>();
            for (int u = 0; u < nUsers; u++) {
                for (int item : test[u]) {
                    testUsers.add(u);
                    testItems.add(item);
                }
            }
            builder.validation(testUsers.stream().mapToInt(Integer::intValue).toArray(),
                    testItems.stream().mapToInt(Integer::intValue).toArray());
        }
        return builder.build();
    }

    private static int[][] byUser(List<int[]> lines, int nUsers) {
        int[][] result = new int[nUsers][0];
        for (int[] line : lines) {
            result[line[0]] = java.util.Arrays.copyOfRange(line, 1, line.length);
        }
        return result;
    }

    private static List<int[]> readLines(Path file) throws IOException {
        List<int[]> result = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+");
            int[] ids = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    ids[i] = Integer.parseInt(parts[i]);
                } catch (NumberFormatException e) {
                    throw new IOException(file.getFileName() + " line " + number + ": '" + parts[i]
                            + "' is not an integer id", e);
                }
                if (ids[i] < 0) {
                    throw new IOException(file.getFileName() + " line " + number + ": negative id " + ids[i]);
                }
            }
            result.add(ids);
        }
        return result;
    }
}
