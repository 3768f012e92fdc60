package dev.spike.kgat;

import dev.spike.kgat.KgatDataset.Interactions;
import dev.spike.kgat.KgatDataset.Triples;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.IntIntHashMap;
import org.eclipse.collections.impl.set.mutable.primitive.IntHashSet;
import org.eclipse.collections.impl.set.mutable.primitive.LongHashSet;

/**
 * Reads a KGAT folder: {@code train.txt} and {@code test.txt} ("userId itemId ..." per line),
 * {@code kg_final.txt} ("head relation tail" per line) and the optional id lists. Every line is
 * checked before anything is returned, so a malformed folder fails with its file name, line
 * number and the bad value before the graph is touched.
 */
final class KgatFiles {

    static final String TRAIN = "train.txt";
    static final String TEST = "test.txt";
    static final String KG = "kg_final.txt";

    /** Largest accepted id, so that a count (largest id plus one) still fits in an int. */
    static final int MAX_ID = Integer.MAX_VALUE - 1;

    /**
     * Unused ids allowed beyond nine per used id. The loader creates one node per id, so this stops
     * a mistyped large id, while a sample of a tenth of a dataset's users still loads.
     */
    static final int ALLOWED_GAP = 100_000;
    static final int UNUSED_PER_USED = 9;

    private KgatFiles() {}

    static KgatDataset read(Path folder) throws IOException {
        for (String name : new String[] {TRAIN, TEST, KG}) {
            if (!Files.isRegularFile(folder.resolve(name))) {
                throw new IllegalArgumentException("Missing " + name + " in " + folder
                        + ". A KGAT folder needs train.txt, test.txt and kg_final.txt.");
            }
        }
        IdList users = IdList.readOptional(folder.resolve("user_list.txt"));
        IdList items = IdList.readOptional(folder.resolve("item_list.txt"));
        IdList entities = IdList.readOptional(folder.resolve("entity_list.txt"));
        IdList relations = IdList.readOptional(folder.resolve("relation_list.txt"));
        if (items != null && items.maxId() >= items.size()) {
            throw new IllegalArgumentException(String.format(
                    "item_list.txt: remap_id %d is out of range, because the %d items listed must have ids 0 to %d",
                    items.maxId(), items.size(), items.size() - 1));
        }

        int listedItems = items == null ? -1 : items.size();
        InteractionReader train = new InteractionReader(TRAIN, listedItems);
        train.read(folder);
        if (train.users.size() == 0) {
            throw new IllegalArgumentException("train.txt lists no interactions, so there is nothing to train on. "
                    + "Each line needs a user id followed by item ids, such as \"0 12 37\".");
        }
        InteractionReader test = new InteractionReader(TEST, listedItems);
        test.read(folder);
        TripleReader kg = new TripleReader(relations);
        kg.read(folder);

        int userCount = 1 + max(train.maxUser, test.maxUser, users == null ? -1 : users.maxId());
        int itemCount = items != null ? items.size() : 1 + Math.max(train.maxItem, test.maxItem);
        int entityCount = Math.max(itemCount, 1 + Math.max(kg.maxEntity, entities == null ? -1 : entities.maxId()));

        IntHashSet userIds = new IntHashSet();
        userIds.addAll(train.userIds);
        userIds.addAll(test.userIds);
        if (users != null) {
            users.originalIds().keySet().forEach(userIds::add);
        }
        requireDense("user", userCount, userIds.size(), train.userSource(), test.userSource(), users);
        IntHashSet entityIds = new IntHashSet();
        entityIds.addAll(train.itemIds);
        entityIds.addAll(test.itemIds);
        entityIds.addAll(kg.entityIds);
        if (items != null) {
            entityIds.addAll(IntHashSet.newSetWith(java.util.stream.IntStream.range(0, items.size()).toArray()));
        }
        if (entities != null) {
            entities.originalIds().keySet().forEach(entityIds::add);
        }
        requireDense("entity", entityCount, entityIds.size(), kg, train.itemSource(), test.itemSource(), entities);

        Map<Integer, String> entityNames = new HashMap<>();
        if (entities != null) {
            entities.originalIds().forEach((id, name) -> {
                if (id >= itemCount) {
                    entityNames.put(id, name);
                }
            });
        }
        return new KgatDataset(
                userCount,
                itemCount,
                entityCount,
                train.interactions(),
                test.interactions(),
                kg.triples(),
                users == null ? Map.of() : users.originalIds(),
                items == null ? Map.of() : items.originalIds(),
                items == null ? Map.of() : items.titles(),
                entityNames,
                relations == null ? null : new TreeMap<>(relations.originalIds()));
    }

    /**
     * Returns the error for a file that is not valid UTF-8, naming the first line with an invalid
     * byte. The reader decodes ahead of the line it returns, so the line is found again from the bytes.
     */
    static IllegalArgumentException invalidUtf8(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        int lineNumber = 1;
        int lineStart = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            try {
                decoder.reset().decode(ByteBuffer.wrap(bytes, lineStart, i - lineStart));
            } catch (CharacterCodingException e) {
                return new IllegalArgumentException(String.format("%s line %d: the line is not valid UTF-8. Save the "
                        + "file as UTF-8, the encoding the KGAT format uses.", file.getFileName(), lineNumber));
            }
            lineNumber++;
            lineStart = i + 1;
        }
        return new IllegalArgumentException(file.getFileName() + ": the file is not valid UTF-8. Save it as UTF-8, "
                + "the encoding the KGAT format uses.");
    }

    static String stripByteOrderMark(String line) {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /** A source of ids, with the file and line of its largest id. */
    interface IdSource {
        int maxId();

        String maxIdPlace();
    }

    private record Place(int maxId, String maxIdPlace) implements IdSource {}

    private static void requireDense(String kind, int count, int used, IdSource... sources) {
        if ((long) count - used <= (long) UNUSED_PER_USED * used + ALLOWED_GAP) {
            return;
        }
        IdSource largest = null;
        for (IdSource source : sources) {
            if (source != null && (largest == null || source.maxId() > largest.maxId())) {
                largest = source;
            }
        }
        throw new IllegalArgumentException(String.format("%s: %s id %d leaves %d of %d %s ids unused. KGAT numbers "
                        + "ids densely from 0 and the loader creates one node per id, so fix that id or renumber the "
                        + "%s ids from 0 to %d.", largest.maxIdPlace(), kind, count - 1, count - used, count, kind,
                kind, used - 1));
    }

    private static int max(int a, int b, int c) {
        return Math.max(a, Math.max(b, c));
    }

    /** Parses a whitespace-separated line of ids, or returns null when a token is not an integer. */
    private static long[] parseIds(String line) {
        String[] tokens = line.trim().split("\\s+");
        long[] ids = new long[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            try {
                ids[i] = Long.parseLong(tokens[i]);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return ids;
    }

    private static void requireIdRange(String fileName, int lineNumber, String line, long[] ids) {
        for (long id : ids) {
            if (id < 0) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: ids must not be negative, found %d in \"%s\"", fileName, lineNumber, id, line));
            }
            if (id > MAX_ID) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: id %d is larger than the maximum %d, in \"%s\"", fileName, lineNumber, id, MAX_ID, line));
            }
        }
    }

    private interface LineHandler {
        void accept(int lineNumber, String line);
    }

    private static void forEachLine(Path file, LineHandler handler) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (lineNumber == 1) {
                    line = stripByteOrderMark(line);
                }
                if (!line.isBlank()) {
                    handler.accept(lineNumber, line);
                }
            }
        } catch (CharacterCodingException e) {
            throw invalidUtf8(file);
        }
    }

    /** Reads "userId itemId ..." lines. A line with only a user id adds the user without interactions. */
    private static final class InteractionReader {
        private final String fileName;
        private final int listedItems;
        private final IntArrayList users = new IntArrayList();
        private final IntArrayList items = new IntArrayList();
        private final IntArrayList positions = new IntArrayList();
        private final IntIntHashMap itemsPerUser = new IntIntHashMap();
        private final LongHashSet seen = new LongHashSet();
        final IntHashSet userIds = new IntHashSet();
        final IntHashSet itemIds = new IntHashSet();
        int maxUser = -1;
        int maxItem = -1;
        private int maxUserLine;
        private int maxItemLine;

        InteractionReader(String fileName, int listedItems) {
            this.fileName = fileName;
            this.listedItems = listedItems;
        }

        void read(Path folder) throws IOException {
            forEachLine(folder.resolve(fileName), this::readLine);
        }

        private void readLine(int lineNumber, String line) {
            long[] ids = parseIds(line);
            if (ids == null) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: expected integer ids \"userId itemId ...\", found \"%s\"", fileName, lineNumber, line));
            }
            requireIdRange(fileName, lineNumber, line, ids);
            int user = (int) ids[0];
            if (user > maxUser) {
                maxUser = user;
                maxUserLine = lineNumber;
            }
            userIds.add(user);
            for (int i = 1; i < ids.length; i++) {
                int item = (int) ids[i];
                itemIds.add(item);
                if (item > maxItem) {
                    maxItemLine = lineNumber;
                }
                if (listedItems >= 0 && item >= listedItems) {
                    throw new IllegalArgumentException(String.format(
                            "%s line %d: item id %d is out of range, because item_list.txt lists %d items with ids 0 to %d, in \"%s\"",
                            fileName, lineNumber, item, listedItems, listedItems - 1, line));
                }
                maxItem = Math.max(maxItem, item);
                if (seen.add(((long) user << 32) | item)) {
                    users.add(user);
                    items.add(item);
                    positions.add(itemsPerUser.addToValue(user, 1));
                }
            }
        }

        IdSource userSource() {
            return new Place(maxUser, fileName + " line " + maxUserLine);
        }

        IdSource itemSource() {
            return new Place(maxItem, fileName + " line " + maxItemLine);
        }

        Interactions interactions() {
            return new Interactions(users.toArray(), items.toArray(), positions.toArray());
        }
    }

    /** Reads "head relation tail" lines, checking relation ids against relation_list.txt when present. */
    private static final class TripleReader implements IdSource {
        private final IdList relations;
        final IntHashSet entityIds = new IntHashSet();
        private String maxPlace = "";
        private final IntArrayList heads = new IntArrayList();
        private final IntArrayList relationIds = new IntArrayList();
        private final IntArrayList tails = new IntArrayList();
        private final Map<Integer, LongHashSet> seen = new HashMap<>();
        int maxEntity = -1;

        TripleReader(IdList relations) {
            this.relations = relations;
        }

        void read(Path folder) throws IOException {
            forEachLine(folder.resolve(KG), this::readLine);
        }

        private void readLine(int lineNumber, String line) {
            long[] ids = parseIds(line);
            if (ids == null || ids.length != 3) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: expected 3 integers \"head relation tail\", found \"%s\"", KG, lineNumber, line));
            }
            requireIdRange(KG, lineNumber, line, ids);
            int head = (int) ids[0];
            int relation = (int) ids[1];
            int tail = (int) ids[2];
            if (relations != null && !relations.originalIds().containsKey(relation)) {
                throw new IllegalArgumentException(String.format(
                        "%s line %d: relation %d is not in relation_list.txt, in \"%s\"", KG, lineNumber, relation, line));
            }
            if (Math.max(head, tail) > maxEntity) {
                maxEntity = Math.max(head, tail);
                maxPlace = KG + " line " + lineNumber;
            }
            entityIds.add(head);
            entityIds.add(tail);
            if (seen.computeIfAbsent(relation, key -> new LongHashSet()).add(((long) head << 32) | tail)) {
                heads.add(head);
                relationIds.add(relation);
                tails.add(tail);
            }
        }

        @Override
        public int maxId() {
            return maxEntity;
        }

        @Override
        public String maxIdPlace() {
            return maxPlace;
        }

        Triples triples() {
            return new Triples(heads.toArray(), relationIds.toArray(), tails.toArray());
        }
    }
}
