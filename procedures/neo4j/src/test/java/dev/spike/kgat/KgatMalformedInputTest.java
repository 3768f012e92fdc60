package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.count;
import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.loadError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spike.testing.SharedDbms;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of malformed line is rejected with its file, line and value, before anything is written. */
class KgatMalformedInputTest {

    private static final Map<String, String> VALID = Map.of(
            "train.txt", "0 0 1\n1 1 2\n",
            "test.txt", "0 2\n1 0\n",
            "kg_final.txt", "0 0 3\n1 0 3\n1 1 4\n");

    static Stream<Arguments> malformedFolders() {
        return Stream.of(
                Arguments.of("kg token not an integer", Map.of("kg_final.txt", "0 0 3\n1 0 3\n1 x 4\n"),
                        "kg_final.txt line 3: expected 3 integers \"head relation tail\", found \"1 x 4\""),
                Arguments.of("kg line with two fields", Map.of("kg_final.txt", "0 0 3\n1 4\n"),
                        "kg_final.txt line 2: expected 3 integers \"head relation tail\", found \"1 4\""),
                Arguments.of("kg line with four fields", Map.of("kg_final.txt", "0 0 3 5\n"),
                        "kg_final.txt line 1: expected 3 integers \"head relation tail\", found \"0 0 3 5\""),
                Arguments.of("kg negative tail", Map.of("kg_final.txt", "0 0 3\n1 0 -3\n"),
                        "kg_final.txt line 2: ids must not be negative, found -3 in \"1 0 -3\""),
                Arguments.of("kg relation not in list",
                        Map.of("relation_list.txt", "org_id\tremap_id\nhas_genre\t0\n"),
                        "kg_final.txt line 3: relation 1 is not in relation_list.txt, in \"1 1 4\""),
                Arguments.of("train token not an integer", Map.of("train.txt", "0 0 1\n1 1 2.5\n"),
                        "train.txt line 2: expected integer ids \"userId itemId ...\", found \"1 1 2.5\""),
                Arguments.of("train without interactions", Map.of("train.txt", "0\n1\n"),
                        "train.txt lists no interactions, so there is nothing to train on. Each line needs a user id "
                                + "followed by item ids, such as \"0 12 37\"."),
                Arguments.of("train negative user", Map.of("train.txt", "0 0 1\n-1 1 2\n"),
                        "train.txt line 2: ids must not be negative, found -1 in \"-1 1 2\""),
                Arguments.of("test token not an integer", Map.of("test.txt", "0 2\nuser7 0\n"),
                        "test.txt line 2: expected integer ids \"userId itemId ...\", found \"user7 0\""),
                Arguments.of("test negative item", Map.of("test.txt", "0 -2\n"),
                        "test.txt line 1: ids must not be negative, found -2 in \"0 -2\""),
                Arguments.of("id beyond int range", Map.of("test.txt", "0 2147483647\n"),
                        "test.txt line 1: id 2147483647 is larger than the maximum 2147483646, in \"0 2147483647\""),
                Arguments.of("user id far above the others", Map.of("train.txt", "0 0 1\n2000000000 1 2\n"),
                        "train.txt line 2: user id 2000000000 leaves 1999999998 of 2000000001 user ids unused. KGAT "
                                + "numbers ids densely from 0 and the loader creates one node per id, so fix that id "
                                + "or renumber the user ids from 0 to 2."),
                Arguments.of("entity id far above the others", Map.of("kg_final.txt", "0 0 3\n1 0 3\n1 1 300000\n"),
                        "kg_final.txt line 3: entity id 300000 leaves 299996 of 300001 entity ids unused. KGAT "
                                + "numbers ids densely from 0 and the loader creates one node per id, so fix that id "
                                + "or renumber the entity ids from 0 to 4."),
                Arguments.of("item beyond item_list",
                        Map.of("item_list.txt", "org_id\tremap_id\n10\t0\n11\t1\n12\t2\n", "test.txt", "0 2\n1 3\n"),
                        "test.txt line 2: item id 3 is out of range, because item_list.txt lists 3 items with ids 0 to 2, in \"1 3\""),
                Arguments.of("item_list remap_id beyond its rows",
                        Map.of("item_list.txt", "org_id\tremap_id\n10\t0\n11\t1\n12\t5\n"),
                        "item_list.txt: remap_id 5 is out of range, because the 3 items listed must have ids 0 to 2"),
                Arguments.of("list without remap_id", Map.of("relation_list.txt", "name id\nhas_genre 0\n"),
                        "relation_list.txt line 1: expected a header with a remap_id column, found \"name id\""),
                Arguments.of("list remap_id not an integer",
                        Map.of("entity_list.txt", "org_id\tremap_id\ngenre:Drama\tthree\n"),
                        "entity_list.txt line 2: remap_id must be an integer from 0 to 2147483646, found \"three\""),
                Arguments.of("list remap_id twice",
                        Map.of("user_list.txt", "org_id remap_id\n5 0\n6 1\n7 0\n"),
                        "user_list.txt line 4: remap_id 0 is listed twice (first on line 2)"),
                Arguments.of("list row too short", Map.of("user_list.txt", "org_id remap_id\n5\n"),
                        "user_list.txt line 2: expected 2 fields \"org_id remap_id\", found \"5\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFolders")
    void malformedLineIsRejected(String name, Map<String, String> changes, String expected) throws Exception {
        SharedDbms.reset();
        Map<String, String> files = new HashMap<>(VALID);
        files.putAll(changes);
        folder("kgat-malformed", files);

        String message = loadError("kgat-malformed", Map.of());

        assertEquals(expected, message);
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void sparseUserIdsStillLoad() throws Exception {
        SharedDbms.reset();
        Map<String, String> files = new HashMap<>(VALID);
        files.put("train.txt", "0 0 1\n5000 1 2\n");
        folder("kgat-sparse", files);

        SharedDbms.get().rows("CALL spike.kgat.load('kgat-sparse')");

        assertEquals(5001, count("MATCH (u:User) RETURN count(u)"));
    }

    @Test
    void missingFileIsNamed() throws Exception {
        SharedDbms.reset();
        Path folder = folder("kgat-missing-kg", Map.of("train.txt", "0 0\n", "test.txt", "0 1\n"));

        String message = loadError("kgat-missing-kg", Map.of());

        assertEquals("Missing kg_final.txt in " + folder + ". A KGAT folder needs train.txt, test.txt and kg_final.txt.",
                message);
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("latin1Files")
    void invalidUtf8LineIsNamed(String file, String text, String expected) throws Exception {
        SharedDbms.reset();
        Path folder = folder("kgat-latin1", VALID);
        Files.write(folder.resolve(file), text.getBytes(StandardCharsets.ISO_8859_1));

        String message = loadError("kgat-latin1", Map.of());

        assertEquals(expected, message);
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
    }

    /** Files whose bad byte lies beyond the reader's first buffer, as in real files. */
    static Stream<Arguments> latin1Files() {
        StringBuilder entities = new StringBuilder("org_id\tremap_id\n");
        for (int id = 0; id < 3000; id++) {
            entities.append("entity").append(id).append('\t').append(id).append('\n');
        }
        entities.append("\u00c9mile\t3000\n");
        return Stream.of(
                Arguments.of("train.txt", "0 0 1\n".repeat(3000) + "1 1 2\n1 \u00e9 2\n", "train.txt line 3002: the "
                        + "line is not valid UTF-8. Save the file as UTF-8, the encoding the KGAT format uses."),
                Arguments.of("entity_list.txt", entities.toString(), "entity_list.txt line 3002: the line is not "
                        + "valid UTF-8. Save the file as UTF-8, the encoding the KGAT format uses."));
    }
}
