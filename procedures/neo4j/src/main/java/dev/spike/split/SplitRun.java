package dev.spike.split;

import dev.spike.config.ConfigMap;
import dev.spike.config.ExclusiveWrites;
import dev.spike.config.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.neo4j.graphdb.GraphDatabaseService;

import org.neo4j.graphdb.Transaction;
import org.neo4j.procedure.TerminationGuard;

/**
 * Runs {@code spike.split}: marks every interaction as train or test on a relationship property.
 *
 * <p>Per user, the interactions that count (all, or those with {@code ratingProperty ≥ minRating})
 * are ordered by {@code timestampProperty} (mode {@code temporal}, ties by relationship id) or
 * shuffled with {@code seed} (mode {@code random}); the last {@code testFraction} of them become
 * test, at least one for users with two or more. Interactions below {@code minRating} get
 * {@code excludedValue}, so neither training nor evaluation uses them.
 */
public final class SplitRun {

    public static final String PROCEDURE = "spike.split";

    /** The row {@code spike.split} yields. */
    public record Result(long users, long trainCount, long testCount, long excludedCount, long batches, long millis) {}

    record Settings(String userLabel, String itemLabel, String interactionType, String splitProperty, String trainValue,
            String testValue, String excludedValue, boolean temporal, double testFraction, String timestampProperty,
            String ratingProperty, Double minRating, long seed, int batchSize) {}

    private final GraphDatabaseService database;
    private final Transaction transaction;
    private final TerminationGuard terminationGuard;

    public SplitRun(GraphDatabaseService database, Transaction transaction, TerminationGuard terminationGuard) {
        this.database = database;
        this.transaction = transaction;
        this.terminationGuard = terminationGuard;
    }

    static Settings parse(Map<String, Object> configuration) {
        ConfigMap map = ConfigMap.of(PROCEDURE, configuration);
        String mode = map.string("mode", "temporal");
        if (!mode.equals("temporal") && !mode.equals("random")) {
            throw new IllegalArgumentException(PROCEDURE + ": configuration key `mode` is '" + mode
                    + "'; use 'temporal' or 'random'.");
        }
        Settings settings = new Settings(
                map.identifier("userLabel", "User"),
                map.identifier("itemLabel", "Item"),
                map.identifier("interactionType", "RATED"),
                map.identifier("splitProperty", "split"),
                map.string("trainValue", "train"),
                map.string("testValue", "test"),
                map.string("excludedValue", "excluded"),
                mode.equals("temporal"),
                map.fraction("testFraction", 0.2),
                map.identifier("timestampProperty", "timestamp"),
                map.identifier("ratingProperty", null),
                map.has("minRating") ? map.decimal("minRating", 0, -Double.MAX_VALUE, Double.MAX_VALUE) : null,
                map.longValue("seed", 42),
                map.integer("batchSize", 10_000, 1, 10_000_000));
        map.rejectUnknownKeys();
        for (String[] value : new String[][] {{"trainValue", settings.trainValue()},
                {"testValue", settings.testValue()}, {"excludedValue", settings.excludedValue()}}) {
            if (value[1].isBlank()) {
                throw new IllegalArgumentException(String.format("%s: configuration key `%s` is blank ('%s'). Pass a "
                        + "non-blank value, such as '%s'.", PROCEDURE, value[0], value[1],
                        value[0].replace("Value", "")));
            }
        }
        if (new HashSet<>(List.of(settings.trainValue(), settings.testValue(), settings.excludedValue())).size() < 3) {
            throw new IllegalArgumentException(String.format("%s: trainValue, testValue and excludedValue must be "
                    + "three different values, found '%s', '%s' and '%s'.", PROCEDURE, settings.trainValue(),
                    settings.testValue(), settings.excludedValue()));
        }
        for (String[] other : new String[][] {{"timestampProperty", settings.timestampProperty()},
                {"ratingProperty", settings.ratingProperty()}}) {
            if (settings.splitProperty().equals(other[1])) {
                throw new IllegalArgumentException(String.format("%s: splitProperty '%s' is also the %s, so the split "
                        + "would overwrite every interaction's %s. Choose another splitProperty, such as 'split'.",
                        PROCEDURE, other[1], other[0], other[0].replace("Property", "")));
            }
        }
        if (settings.minRating() != null && settings.ratingProperty() == null) {
            throw new IllegalArgumentException(PROCEDURE + ": minRating needs ratingProperty, the interaction property "
                    + "that holds the rating (for example 'rating').");
        }
        return settings;
    }

    private record Interaction(long id, long user, long time, double rating) {}

    public Result run(Map<String, Object> configuration) {
        Settings settings = parse(configuration);
        try (ExclusiveWrites.Claim claim = ExclusiveWrites.claim(
                List.of(splitKey(database.databaseName(), settings.interactionType(), settings.splitProperty())),
                index -> PROCEDURE + ": another call is writing '" + settings.splitProperty() + "' on :"
                        + settings.interactionType() + " relationships of database '" + database.databaseName()
                        + "'. Wait for it to finish, or terminate it, and split again; two splits at once would "
                        + "leave a mix of both.")) {
            return run(settings);
        }
    }

    /** Identifies the split that a call writes, for {@link ExclusiveWrites}; spike.kgat.load claims it too. */
    public static List<String> splitKey(String databaseName, String interactionType, String splitProperty) {
        return List.of("split", databaseName, interactionType, splitProperty);
    }

    private Result run(Settings settings) {
        long start = System.nanoTime();
        Map<Long, List<Interaction>> byUser = read(settings);
        if (byUser.isEmpty()) {
            throw new IllegalArgumentException(PROCEDURE + ": no " + settings.interactionType() + " relationships from "
                    + settings.userLabel() + " to " + settings.itemLabel() + " nodes; nothing to split.");
        }

        if (settings.ratingProperty() != null && byUser.values().stream().flatMap(List::stream)
                .allMatch(interaction -> Double.isNaN(interaction.rating()))) {
            // Every interaction would be excluded, which is never what a rating threshold is for.
            throw new IllegalArgumentException(PROCEDURE + ": no " + settings.interactionType() + " relationship has a "
                    + "number in ratingProperty '" + settings.ratingProperty() + "'. Check the spelling, or leave "
                    + "ratingProperty and minRating out to count every interaction.");
        }
        List<Long> train = new ArrayList<>();
        List<Long> test = new ArrayList<>();
        List<Long> excluded = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(settings.seed());
        List<Long> users = new ArrayList<>(byUser.keySet());
        users.sort(null);
        for (long user : users) {
            List<Interaction> counted = new ArrayList<>();
            for (Interaction interaction : byUser.get(user)) {
                if (settings.minRating() != null && !(interaction.rating() >= settings.minRating())) {
                    excluded.add(interaction.id());
                } else {
                    counted.add(interaction);
                }
            }
            order(counted, settings.temporal(), random);
            int testCount = counted.size() < 2 ? 0
                    : Math.max(1, (int) Math.round(counted.size() * settings.testFraction()));
            if (settings.testFraction() == 0) {
                testCount = 0;
            }
            for (int i = 0; i < counted.size(); i++) {
                (i >= counted.size() - testCount ? test : train).add(counted.get(i).id());
            }
        }

        if (train.isEmpty() && test.isEmpty()) {
            double highest = byUser.values().stream().flatMap(List::stream).mapToDouble(Interaction::rating)
                    .filter(rating -> !Double.isNaN(rating)).max().orElse(Double.NaN);
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: minRating %s excludes all %,d "
                    + "interactions, because the highest %s is %s, so nothing would be left to train or evaluate on. "
                    + "Lower minRating. Nothing was written.", PROCEDURE, settings.minRating(), excluded.size(),
                    settings.ratingProperty(), highest));
        }
        long batches = write(settings, train, settings.trainValue()) + write(settings, test, settings.testValue())
                + write(settings, excluded, settings.excludedValue());
        return new Result(users.size(), train.size(), test.size(), excluded.size(), batches,
                (System.nanoTime() - start) / 1_000_000);
    }

    private Map<Long, List<Interaction>> read(Settings settings) {
        String cypher = "MATCH (user:" + Identifiers.quote(settings.userLabel()) + ")-[r:"
                + Identifiers.quote(settings.interactionType()) + "]->(:" + Identifiers.quote(settings.itemLabel()) + ") "
                + "RETURN id(r) AS id, id(user) AS user, r." + Identifiers.quote(settings.timestampProperty()) + " AS time"
                + (settings.ratingProperty() == null ? ", null AS rating"
                        : ", r." + Identifiers.quote(settings.ratingProperty()) + " AS rating")
                + ", r." + Identifiers.quote(settings.splitProperty()) + " AS current";
        Set<Object> splitValues = new HashSet<>(List.of(settings.trainValue(), settings.testValue(),
                settings.excludedValue()));
        Map<Long, List<Interaction>> byUser = new HashMap<>();
        try (org.neo4j.graphdb.Result result = transaction.execute(cypher)) {
            while (result.hasNext()) {
                Map<String, Object> row = result.next();
                Object time = row.get("time");
                Object rating = row.get("rating");
                Object current = row.get("current");
                if (current != null && !splitValues.contains(current)) {
                    String other = settings.splitProperty().equals("split") ? "spikeSplit" : "split";
                    throw new IllegalArgumentException(String.format("%s: splitProperty '%s' already contains %s on "
                                    + "interaction %s, which is not one of the split values '%s', '%s' or '%s', so the "
                                    + "split would overwrite it. If an earlier split wrote it, set trainValue, "
                                    + "testValue and excludedValue to that split's values; otherwise choose another "
                                    + "splitProperty, such as '%s'.",
                            PROCEDURE, settings.splitProperty(), current instanceof String text ? "'" + text + "'" : current,
                            row.get("id"), settings.trainValue(), settings.testValue(), settings.excludedValue(), other));
                }
                if (settings.temporal() && !(time instanceof Number)) {
                    throw new IllegalArgumentException(PROCEDURE + ": interaction " + row.get("id") + " has no numeric "
                            + settings.timestampProperty() + " (found " + time + "); temporal mode needs one on every "
                            + "interaction. Set timestampProperty or use mode: 'random'.");
                }
                long user = (Long) row.get("user");
                byUser.computeIfAbsent(user, u -> new ArrayList<>()).add(new Interaction((Long) row.get("id"), user,
                        time instanceof Number n ? n.longValue() : 0L,
                        rating instanceof Number n ? n.doubleValue() : Double.NaN));
            }
        }
        return byUser;
    }

    private static void order(List<Interaction> interactions, boolean temporal, SplittableRandom random) {
        if (temporal) {
            interactions.sort(Comparator.comparingLong(Interaction::time).thenComparingLong(Interaction::id));
            return;
        }
        interactions.sort(Comparator.comparingLong(Interaction::id));
        for (int i = interactions.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Interaction swap = interactions.get(i);
            interactions.set(i, interactions.get(j));
            interactions.set(j, swap);
        }
    }

    private long write(Settings settings, List<Long> ids, String value) {
        String cypher = "UNWIND $ids AS id MATCH ()-[r]->() WHERE id(r) = id SET r."
                + Identifiers.quote(settings.splitProperty()) + " = $value";
        long batches = 0;
        for (int from = 0; from < ids.size(); from += settings.batchSize()) {
            terminationGuard.check();
            List<Long> batch = ids.subList(from, Math.min(ids.size(), from + settings.batchSize()));
            try (Transaction write = database.beginTx()) {
                write.execute(cypher, Map.of("ids", batch, "value", value)).close();
                write.commit();
            }
            batches++;
        }
        return batches;
    }
}
