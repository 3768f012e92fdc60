package dev.spike.train;

import dev.spike.graph.ProjectedGraph;
import dev.spike.model.TrainingGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Turns a {@link ProjectedGraph} into the model core's {@link TrainingGraph}. */
final class TrainingGraphs {

    private TrainingGraphs() {}

    /**
     * Builds the training graph. With a positive {@code validationFraction}, that share of each
     * user's interactions (at least one, for users with 3 or more) is held out, drawn with
     * {@code seed}, as the validation sample for early stopping.
     */
    static TrainingGraph build(ProjectedGraph projected, double validationFraction, long seed) {
        int[] users = projected.interactionUser();
        int[] items = projected.interactionItem();
        List<Integer> trainRows = new ArrayList<>(users.length);
        List<Integer> validationRows = new ArrayList<>();
        if (validationFraction > 0) {
            splitPerUser(projected.users(), users, validationFraction, seed, trainRows, validationRows);
        } else {
            for (int row = 0; row < users.length; row++) {
                trainRows.add(row);
            }
        }

        TrainingGraph.Builder builder = TrainingGraph.builder(projected.users(), projected.items(), projected.entities(),
                        projected.relationTypes().size())
                .knowledgeGraph(projected.kgHead(), projected.kgRelation(), projected.kgTail())
                .interactions(select(users, trainRows), select(items, trainRows));
        if (!validationRows.isEmpty()) {
            builder.validation(select(users, validationRows), select(items, validationRows));
        }
        ProjectedGraph.Profiles profiles = projected.profiles();
        if (profiles != null && profiles.dimension() > 0) {
            builder.profiles(profiles.values(), profiles.dimension(), profiles.present());
        }
        return builder.build();
    }

    private static void splitPerUser(int userCount, int[] users, double fraction, long seed,
            List<Integer> trainRows, List<Integer> validationRows) {
        List<List<Integer>> rowsByUser = new ArrayList<>(userCount);
        for (int user = 0; user < userCount; user++) {
            rowsByUser.add(new ArrayList<>());
        }
        for (int row = 0; row < users.length; row++) {
            rowsByUser.get(users[row]).add(row);
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x5EEDL);
        for (List<Integer> rows : rowsByUser) {
            if (rows.size() < 3) {
                trainRows.addAll(rows);
                continue;
            }
            // Fisher–Yates shuffle, then the first rows go to validation.
            for (int i = rows.size() - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                Integer swap = rows.get(i);
                rows.set(i, rows.get(j));
                rows.set(j, swap);
            }
            int held = Math.max(1, (int) Math.round(rows.size() * fraction));
            validationRows.addAll(rows.subList(0, held));
            trainRows.addAll(rows.subList(held, rows.size()));
        }
    }

    private static int[] select(int[] values, List<Integer> rows) {
        int[] selected = new int[rows.size()];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = values[rows.get(i)];
        }
        return selected;
    }
}
