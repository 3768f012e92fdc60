package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.count;
import static dev.spike.kgat.KgatFixtures.exportError;
import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.loadError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.spike.testing.SharedDbms;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configuration errors fail the call before any file or graph access, each with its own message. */
class KgatConfigTest {

    @BeforeAll
    static void validFolder() throws Exception {
        folder("kgat-config", Map.of("train.txt", "0 0\n", "test.txt", "0 1\n", "kg_final.txt", "0 0 2\n"));
    }

    static Stream<Arguments> invalidLoadConfigurations() {
        return Stream.of(
                Arguments.of(Map.of("batchsize", 10),
                        "unknown configuration key 'batchsize'. Valid keys: batchSize, entityLabel, "
                                + "interactionType, itemLabel, positionProperty, splitProperty, userLabel."),
                Arguments.of(Map.of("overwrite", true),
                        "unknown configuration key 'overwrite'. Valid keys: batchSize, entityLabel, "
                                + "interactionType, itemLabel, positionProperty, splitProperty, userLabel."),
                Arguments.of(Map.of("batchSize", "100"), "batchSize must be an integer, found STRING \"100\""),
                Arguments.of(Map.of("batchSize", 2.5), "batchSize must be an integer, found FLOAT 2.5"),
                Arguments.of(Map.of("batchSize", 100.0), "batchSize must be an integer, found FLOAT 100.0. Send it as an "
                        + "integer: neo4j.int(100) with the JavaScript driver, or toInteger(...) in Cypher."),
                Arguments.of(Map.of("batchSize", 0), "batchSize must be between 1 and 2147483647, found 0"),
                Arguments.of(Map.of("userLabel", 5), "userLabel must be a string, found INTEGER 5"),
                Arguments.of(Map.of("userLabel", java.util.List.of("User")), "userLabel must be a string, found LIST [User]"),
                Arguments.of(Map.of("itemLabel", "Item`) DETACH DELETE (n"),
                        "itemLabel must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                                + "found \"Item`) DETACH DELETE (n\""),
                Arguments.of(Map.of("entityLabel", "2Entity"),
                        "entityLabel must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                                + "found \"2Entity\""),
                Arguments.of(Map.of("interactionType", "RATED BY"),
                        "interactionType must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                                + "found \"RATED BY\""),
                Arguments.of(Map.of("splitProperty", ""),
                        "splitProperty must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                                + "found \"\""),
                Arguments.of(Map.of("positionProperty", "rank`"),
                        "positionProperty must consist of ASCII letters (A-Z, a-z), digits and underscores and must not start with a digit, "
                                + "found \"rank`\""),
                Arguments.of(Map.of("positionProperty", "split"),
                        "splitProperty and positionProperty must be two different properties, found \"split\" for both"),
                Arguments.of(Map.of("itemLabel", "User"),
                        "userLabel, itemLabel and entityLabel must be three different labels, found \"User\", \"User\" "
                                + "and \"Entity\""));
    }

    @ParameterizedTest
    @MethodSource("invalidLoadConfigurations")
    void invalidLoadConfigurationIsRejected(Map<String, Object> configuration, String expected) {
        SharedDbms.reset();

        assertEquals(expected, loadError("kgat-config", configuration));
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void exportRejectsBatchSize() {
        assertEquals("unknown configuration key 'batchSize'. Valid keys: entityLabel, "
                        + "interactionType, itemLabel, overwrite, positionProperty, splitProperty, userLabel.",
                exportError("kgat-config-out", Map.of("batchSize", 10)));
    }

    @Test
    void exportRejectsNonBooleanOverwrite() {
        assertEquals("overwrite must be a boolean, found STRING \"yes\"",
                exportError("kgat-config-out", Map.of("overwrite", "yes")));
    }

    @Test
    void defaultsMatchTheDefaultGraphShape() {
        KgatConfig config = KgatConfig.forLoad(Map.of());

        assertEquals(new KgatConfig("User", "Item", "Entity", "RATED", "split", "position", 10_000, false, false), config);
    }
}
