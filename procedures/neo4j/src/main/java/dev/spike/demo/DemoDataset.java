package dev.spike.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Generates the bundled demo catalogue as CSV files, so the main job runs without any
 * downloaded data or licence question.
 *
 * <p>The data has a planted preference structure. Every item belongs to one of
 * {@link #TASTES} tastes, and each taste owns two genres, a pool of creators, a pool of tags and
 * a vocabulary used in descriptions and reviews. Every user has one taste and takes most
 * interactions from it, so a model that reads the knowledge graph or the texts can predict
 * held-out interactions far better than a popularity ranking. About half of the genre, creator
 * and tag facts are noise, while every description speaks of the item's taste: the texts, and
 * so the profiles, carry more of the structure than the knowledge graph does. The same seed
 * always writes byte-identical files.
 */
public final class DemoDataset {

    /** File names written into the target folder, read by {@code cypher/demo/load.cypher}. */
    public static final List<String> FILES = List.of(
            "users.csv", "items.csv", "item_genres.csv", "item_creators.csv", "item_tags.csv", "interactions.csv");

    public static final int TASTES = 6;

    private static final String[] GENRES = {
        "Crime", "Thriller", "Comedy", "Romance", "Science Fiction", "Adventure",
        "Horror", "Mystery", "Animation", "Family", "Drama", "War"
    };
    private static final String[][] TASTE_WORDS = {
        {"heist", "gritty", "detective", "noir", "tense"},
        {"witty", "charming", "heartfelt", "quirky", "warm"},
        {"spaceship", "futuristic", "alien", "epic", "visionary"},
        {"creepy", "eerie", "suspenseful", "haunting", "twisty"},
        {"colourful", "playful", "whimsical", "musical", "gentle"},
        {"harrowing", "historical", "powerful", "sweeping", "moving"}
    };
    private static final String[] TITLE_ADJECTIVES = {
        "Silent", "Broken", "Golden", "Last", "Hidden", "Crimson", "Distant", "Burning", "Frozen",
        "Secret", "Wild", "Lonely", "Electric", "Midnight", "Paper", "Iron", "Velvet", "Hollow"
    };
    private static final String[] TITLE_NOUNS = {
        "Harbor", "Garden", "Empire", "Signal", "Witness", "Orchard", "Voyage", "Letter", "Circuit",
        "Frontier", "Carnival", "Lantern", "Archive", "Horizon", "Engine", "Meadow", "Mirror", "Tide"
    };
    private static final String[] CREATOR_FIRST = {
        "Ana", "Bruno", "Chen", "Dara", "Elif", "Femi", "Greta", "Hiro", "Ines", "Jonas", "Kofi", "Lena"
    };
    private static final String[] CREATOR_LAST = {
        "Moreau", "Okafor", "Lindqvist", "Tanaka", "Alvarez", "Novak", "Haddad", "Kowalski", "Silva", "Brandt"
    };

    private final int users;
    private final int items;
    private final long seed;

    /** Counts of what {@link #writeTo(Path)} produced. */
    public record Summary(int users, int items, int genres, int creators, int tags, int interactions, int reviews) {}

    public DemoDataset(int users, int items, long seed) {
        if (users < TASTES || items < TASTES * 10) {
            throw new IllegalArgumentException("The demo dataset needs at least " + TASTES + " users and "
                    + TASTES * 10 + " items, got " + users + " users and " + items + " items");
        }
        this.users = users;
        this.items = items;
        this.seed = seed;
    }

    /** Returns the default demo: 300 users and 1,000 items, about 15,000 interactions. */
    public static DemoDataset standard() {
        return new DemoDataset(300, 1000, 42L);
    }

    public Summary writeTo(Path folder) throws IOException {
        Files.createDirectories(folder);
        Random random = new Random(seed);

        int[] itemTaste = new int[items];
        double[] itemPopularity = new double[items];
        for (int item = 0; item < items; item++) {
            itemTaste[item] = item % TASTES;
            // Zipf-like popularity so that a popularity ranking is a fair, non-trivial baseline.
            itemPopularity[item] = 1.0 / Math.pow(1 + random.nextInt(items), 0.8);
        }

        List<String> creators = creatorNames();
        Set<String> tagsUsed = new LinkedHashSet<>();
        writeItems(folder, random, itemTaste);
        writeItemGenres(folder, random, itemTaste);
        int creatorCount = writeItemCreators(folder, random, itemTaste, creators);
        writeItemTags(folder, random, itemTaste, tagsUsed);
        writeUsers(folder);
        int[] interactionCounts = writeInteractions(folder, random, itemTaste, itemPopularity);
        return new Summary(users, items, GENRES.length, creatorCount, tagsUsed.size(),
                interactionCounts[0], interactionCounts[1]);
    }

    private void writeItems(Path folder, Random random, int[] itemTaste) throws IOException {
        try (BufferedWriter out = writer(folder, "items.csv")) {
            out.write("itemId,title,year,description\n");
            for (int item = 0; item < items; item++) {
                String title = TITLE_ADJECTIVES[random.nextInt(TITLE_ADJECTIVES.length)] + " "
                        + TITLE_NOUNS[random.nextInt(TITLE_NOUNS.length)];
                if (random.nextInt(4) == 0) {
                    title = "The " + title;
                }
                int year = 1950 + random.nextInt(74);
                String[] words = TASTE_WORDS[itemTaste[item]];
                String description = "A " + words[random.nextInt(words.length)] + " and "
                        + words[random.nextInt(words.length)] + " story.";
                out.write(item + "," + csv(title + " (" + year + ")") + "," + year + "," + csv(description) + "\n");
            }
        }
    }

    private void writeItemGenres(Path folder, Random random, int[] itemTaste) throws IOException {
        try (BufferedWriter out = writer(folder, "item_genres.csv")) {
            out.write("itemId,genre\n");
            for (int item = 0; item < items; item++) {
                int taste = itemTaste[item];
                Set<String> genres = new LinkedHashSet<>();
                // Half of the genre facts follow the item's taste, the rest are noise, so the
                // knowledge graph alone leaves room for what the profile texts add.
                genres.add(random.nextBoolean() ? GENRES[2 * taste + random.nextInt(2)] : GENRES[random.nextInt(GENRES.length)]);
                if (random.nextInt(3) == 0) {
                    genres.add(GENRES[random.nextInt(GENRES.length)]);
                }
                for (String genre : genres) {
                    out.write(item + "," + csv(genre) + "\n");
                }
            }
        }
    }

    private int writeItemCreators(Path folder, Random random, int[] itemTaste, List<String> creators)
            throws IOException {
        int perTaste = creators.size() / TASTES;
        Set<String> used = new LinkedHashSet<>();
        try (BufferedWriter out = writer(folder, "item_creators.csv")) {
            out.write("itemId,creator\n");
            for (int item = 0; item < items; item++) {
                int index = random.nextBoolean()
                        ? random.nextInt(creators.size())
                        : itemTaste[item] * perTaste + random.nextInt(perTaste);
                used.add(creators.get(index));
                out.write(item + "," + csv(creators.get(index)) + "\n");
            }
        }
        return used.size();
    }

    private void writeItemTags(Path folder, Random random, int[] itemTaste, Set<String> tagsUsed)
            throws IOException {
        try (BufferedWriter out = writer(folder, "item_tags.csv")) {
            out.write("itemId,tag\n");
            for (int item = 0; item < items; item++) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                String[] words = TASTE_WORDS[random.nextBoolean() ? itemTaste[item] : random.nextInt(TASTES)];
                String tag = words[random.nextInt(words.length)];
                tagsUsed.add(tag);
                out.write(item + "," + csv(tag) + "\n");
            }
        }
    }

    private void writeUsers(Path folder) throws IOException {
        try (BufferedWriter out = writer(folder, "users.csv")) {
            out.write("userId\n");
            for (int user = 0; user < users; user++) {
                out.write(user + "\n");
            }
        }
    }

    /** Returns {interactions, interactions with a review}. */
    private int[] writeInteractions(Path folder, Random random, int[] itemTaste, double[] itemPopularity)
            throws IOException {
        List<List<Integer>> itemsByTaste = new ArrayList<>();
        for (int taste = 0; taste < TASTES; taste++) {
            itemsByTaste.add(new ArrayList<>());
        }
        for (int item = 0; item < items; item++) {
            itemsByTaste.get(itemTaste[item]).add(item);
        }
        List<Integer> allItems = new ArrayList<>();
        for (int item = 0; item < items; item++) {
            allItems.add(item);
        }

        int interactions = 0;
        int reviews = 0;
        long start = 1_600_000_000L;
        try (BufferedWriter out = writer(folder, "interactions.csv")) {
            out.write("userId,itemId,rating,timestamp,review\n");
            for (int user = 0; user < users; user++) {
                int taste = user % TASTES;
                int count = 30 + random.nextInt(41);
                Set<Integer> chosen = new LinkedHashSet<>();
                while (chosen.size() < count) {
                    boolean onTaste = random.nextDouble() < 0.8;
                    List<Integer> pool = onTaste ? itemsByTaste.get(taste) : allItems;
                    chosen.add(pickByPopularity(pool, itemPopularity, random));
                }
                long time = start + random.nextInt(86_400 * 30);
                for (int item : chosen) {
                    time += 600 + random.nextInt(86_400 * 3);
                    boolean liked = itemTaste[item] == taste;
                    double rating = liked ? 3.5 + 0.5 * random.nextInt(4) : 1.0 + 0.5 * random.nextInt(6);
                    String review = "";
                    if (random.nextInt(4) == 0) {
                        review = reviewText(random, itemTaste[item], liked);
                        reviews++;
                    }
                    out.write(user + "," + item + "," + rating + "," + time + "," + csv(review) + "\n");
                    interactions++;
                }
            }
        }
        return new int[] {interactions, reviews};
    }

    private static int pickByPopularity(List<Integer> pool, double[] popularity, Random random) {
        double total = 0;
        for (int item : pool) {
            total += popularity[item];
        }
        double target = random.nextDouble() * total;
        for (int item : pool) {
            target -= popularity[item];
            if (target <= 0) {
                return item;
            }
        }
        return pool.get(pool.size() - 1);
    }

    private static String reviewText(Random random, int taste, boolean liked) {
        String[] words = TASTE_WORDS[taste];
        String word = words[random.nextInt(words.length)];
        String other = words[random.nextInt(words.length)];
        return liked
                ? "Loved how " + word + " it was, and the " + other + " ending."
                : "Too " + word + " for me, \"" + other + "\" is not my thing.";
    }

    private static List<String> creatorNames() {
        List<String> names = new ArrayList<>();
        for (String last : CREATOR_LAST) {
            for (String first : CREATOR_FIRST) {
                names.add(first + " " + last);
            }
        }
        // 120 names: 20 per taste.
        return names;
    }

    private static BufferedWriter writer(Path folder, String name) throws IOException {
        return Files.newBufferedWriter(folder.resolve(name), StandardCharsets.UTF_8);
    }

    /** Quotes a CSV field the way LOAD CSV reads it: double quotes, with inner quotes doubled. */
    private static String csv(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
