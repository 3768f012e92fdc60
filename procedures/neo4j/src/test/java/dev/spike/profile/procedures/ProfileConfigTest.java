package dev.spike.profile.procedures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Errors;
import dev.spike.testing.Scripts;
import dev.spike.testing.SharedDbms;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configuration fails before any work, with a message that names the key or the name. */
class ProfileConfigTest {

    private static EmbeddedNeo4j db;

    @BeforeAll
    static void smallGraph() {
        db = SharedDbms.reset();
        db.rows("CREATE (:User {id: 1})-[:RATED {review: 'Fine.', profileConfigSplit: 'train'}]->(:Item {id: 1, "
                + "title: 'Heat (1995)', profileConfigItemRank: 3})-[:HAS_GENRE]->(:Entity:Genre {name: 'Crime'})");
        // A property name that exists only on a node that is gone again, as after a deleted import.
        db.rows("CREATE (n {profileConfigPlot: 'gone'}) DELETE n");
    }

    @AfterEach
    void nothingWritten() {
        assertEquals(0, Scripts.count(db, "MATCH (n) WHERE n.profile IS NOT NULL OR n.profileHash IS NOT NULL "
                + "OR n.profileEmbedding IS NOT NULL RETURN count(n)"));
    }

    static Stream<Arguments> badConfigurations() {
        return Stream.of(
                Arguments.of("write", Map.of("domian", "movies"), "spike.profile.write: unknown configuration key [`domian`]"),
                Arguments.of("write", Map.of("batchSize", "ten"), "configuration key `batchSize` must be an integer, got the string 'ten'"),
                Arguments.of("write", Map.of("batchSize", 0), "configuration key `batchSize` is 0, outside the allowed range [1, 100000]"),
                Arguments.of("write", Map.of("force", "yes"), "configuration key `force` must be true or false"),
                Arguments.of("write", Map.of("itemLabel", "Item) DETACH DELETE (n"), "configuration key `itemLabel` has the invalid name"),
                Arguments.of("write", Map.of("profileProperty", "profile`"), "configuration key `profileProperty` has the invalid name"),
                Arguments.of("write", Map.of("itemTextProperties", List.of("title", 3)), "configuration key `itemTextProperties` must be a list of strings"),
                Arguments.of("write", Map.of("itemLabel", "Movie"), "label 'Movie' of configuration key `itemLabel` not found in the database"),
                Arguments.of("write", Map.of("userLabel", "Person"), "label 'Person' of configuration key `userLabel` not found in the database"),
                Arguments.of("stream", Map.of("entityLabel", "Concept"), "label 'Concept' of configuration key `entityLabel` not found in the database"),
                Arguments.of("write", Map.of("interactionType", "WATCHED"), "relationship type 'WATCHED' of configuration key `interactionType` not found"),
                Arguments.of("estimate", Map.of("kgRelationshipTypes", List.of("DIRECTED_BY")), "relationship type 'DIRECTED_BY' of configuration key `kgRelationshipTypes` not found"),
                Arguments.of("write", Map.of("itemTextProperties", List.of("title", "plot")), "property 'plot' of configuration key `itemTextProperties` not found"),
                Arguments.of("write", Map.of("reviewProperty", "comment"), "property 'comment' of configuration key `reviewProperty` not found"),
                Arguments.of("write", Map.of("positionProperty", "sequenceNumber"), "property 'sequenceNumber' of configuration key `positionProperty` not found"),
                Arguments.of("write", Map.of("positionProperty", "profileConfigItemRank"),
                        "property 'profileConfigItemRank' of configuration key `positionProperty` is on no :RATED "
                                + "relationship from :User to :Item. Check the spelling, or leave the key out."),
                Arguments.of("write", Map.of("timestampProperty", "review", "reviewProperty", "title"),
                        "property 'title' of configuration key `reviewProperty` is on no :RATED relationship"),
                Arguments.of("stream", Map.of("itemTextProperties", List.of("title", "profileConfigPlot")),
                        "property 'profileConfigPlot' of configuration key `itemTextProperties` is on no :Item node"),
                Arguments.of("estimate", Map.of("entityNameProperty", "title"),
                        "property 'title' of configuration key `entityNameProperty` is on no :Entity or :User node"),
                Arguments.of("write", Map.of("profileProperty", "title"),
                        "spike.profile.write: the property 'title' is in `itemTextProperties`, so writing profiles "
                                + "into it would replace the items' own text. Give the written property another name."),
                Arguments.of("embed", Map.of("embeddingModelProperty", "name"),
                        "spike.profile.embed: the property 'name' is the `entityNameProperty`"),
                Arguments.of("write", Map.of("profileProperty", "id"),
                        "spike.profile.write: property 'id' of configuration key `profileProperty` already holds other "
                                + "data on node "),
                Arguments.of("embed", Map.of("embeddingProperty", "profileConfigItemRank"),
                        "which has no 'profileEmbeddingModel' that a profile run writes with it. Writing would replace "
                                + "that data; give the written properties `embeddingProperty`, `embeddingModelProperty`, "
                                + "`embeddingDimensionProperty` names that no other data uses."),
                Arguments.of("write", Map.of("profileModelProperty", "id"),
                        "property 'id' of configuration key `profileModelProperty` already holds other data"),
                Arguments.of("estimate", Map.of("userLabel", "Item"),
                        "spike.profile.estimate: `userLabel`, `itemLabel` and `entityLabel` must be three different "
                                + "labels, found 'Item', 'Item' and 'Entity'."),
                Arguments.of("stream", Map.of("splitProperty", "profileConfigSplit", "trainValue", "Train"),
                        "spike.profile.stream: no interaction has profileConfigSplit = 'Train' (the `trainValue`) or "
                                + "no profileConfigSplit, so every interaction would be left out. Values found: [train]. Set `trainValue` "
                                + "to the value that marks training interactions."),
                Arguments.of("write", Map.of("positionProperty", "split"), "configuration keys `positionProperty` and `splitProperty` both name the property 'split'"),
                Arguments.of("stream", Map.of("timestampProperty", "position"), "configuration keys `timestampProperty` and `positionProperty` both name the property 'position'"),
                Arguments.of("estimate", Map.of("splitProperty", "timestamp"), "configuration keys `timestampProperty` and `splitProperty` both name the property 'timestamp'"),
                Arguments.of("embed", Map.of("itemLabel", "Movie"), "spike.profile.embed: label 'Movie' of configuration key `itemLabel` not found"),
                Arguments.of("embed", Map.of("profileProperty", "profileConfigProfil"),
                        "spike.profile.embed: property 'profileConfigProfil' of configuration key `profileProperty` not found"),
                Arguments.of("embed", Map.of("profileProperty", "review"),
                        "spike.profile.embed: property 'review' of configuration key `profileProperty` is on no :Item, "
                                + ":Entity or :User node. Check the spelling, or leave the key out."),
                Arguments.of("write", Map.of("kinds", List.of("MOVIE")), "configuration key `kinds` must be a non-empty list of 'ITEM', 'ENTITY' and 'USER'"),
                Arguments.of("write", Map.of("kinds", List.of()), "configuration key `kinds` must be a non-empty list"),
                Arguments.of("write", Map.of("onlyMissing", true, "force", true), "`onlyMissing` and `force` exclude each other"),
                Arguments.of("write", Map.of("profileProperty", "profileHash"), "the property name 'profileHash' is used for two of the written properties"),
                Arguments.of("stream", Map.of("embed", true), "spike.profile.stream: unknown configuration key [`embed`]"),
                Arguments.of("write", Map.of("concurrency", 0), "spike.profile.write: configuration key `concurrency` is 0, outside the allowed range [1, 64]."),
                Arguments.of("write", Map.of("maxFacts", 99_999_999_999L),
                        "spike.profile.write: configuration key `maxFacts` is 99999999999, outside the allowed range [0, 1000]."),
                Arguments.of("stream", Map.of("temperature", 2.5), "spike.profile.stream: configuration key `temperature` is 2.5, outside the allowed range [0, 2]."),
                Arguments.of("write", Map.of("kinds", "MOVIE"), "configuration key `kinds` must be a non-empty list of 'ITEM', 'ENTITY' and 'USER', or one of them as a string, got MOVIE."),
                Arguments.of("write", Map.of("provider", "gemini"), "spike.profile.write: Invalid value for profile setting `provider`"),
                Arguments.of("write", Map.of("timeout", "soon"), "Invalid value for profile setting `timeout`: 'soon'"),
                Arguments.of("write", Map.of("provider", "ollama", "reasoningModel", true),
                        "spike.profile.write: Invalid value for profile setting `reasoningModel`: true with provider 'ollama'"),
                Arguments.of("stream", Map.of("provider", "openai", "reasoningModel", true, "temperature", 0.7),
                        "spike.profile.stream: Invalid combination of profile settings `temperature`: 0.7 and `reasoningModel`: true"),
                Arguments.of("estimate", Map.of("reasoningModel", "yes"),
                        "spike.profile.estimate: Invalid type for profile setting `reasoningModel`"),
                Arguments.of("write", Map.of("provider", "openai", "apiKeyEnv", "SPIKE_TEST_NO_SUCH_VARIABLE"),
                        "The openai provider needs an API key"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badConfigurations")
    void badConfigurationIsRejected(String procedure, Map<String, Object> configuration, String expected) {
        String message = Errors.messageOf(db, "CALL spike.profile." + procedure + "($config)", Map.of("config", configuration));
        assertTrue(message.contains(expected), message);
    }

    @Test
    void unknownKeyListsValidKeys() {
        String message = Errors.messageOf(db, "CALL spike.profile.write({batchsize: 10})", Map.of());
        assertTrue(message.contains("Valid keys: "), message);
        assertTrue(message.contains("batchSize"), message);
        assertTrue(message.contains("maxPromptTokens"), message);
    }

    @Test
    void apiKeyOfWrongTypeIsNotShown() {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("apiKey", List.of("sk-test-SECRET-123"));
        String message = Errors.messageOf(db, "CALL spike.profile.write($config)", Map.of("config", configuration));
        assertTrue(message.contains("apiKey"), message);
        assertFalse(message.contains("SECRET"), message);
    }

    @Test
    void singleStringCountsAsListOfOne() {
        String estimate = "CALL spike.profile.estimate($config) YIELD kind, nodes, prompts RETURN kind, nodes, prompts";
        List<Map<String, Object>> fromLists = db.rows(estimate, Map.of("config", Map.of("kinds", List.of("ITEM"),
                "itemTextProperties", List.of("title"), "kgRelationshipTypes", List.of("HAS_GENRE"))));
        List<Map<String, Object>> fromStrings = db.rows(estimate, Map.of("config", Map.of("kinds", "ITEM",
                "itemTextProperties", "title", "kgRelationshipTypes", "HAS_GENRE")));

        assertEquals(List.of("ITEM"), fromStrings.stream().map(row -> row.get("kind")).toList());
        assertEquals(fromLists, fromStrings);
    }

    @Test
    void kindsIgnoreLetterCase() {
        String estimate = "CALL spike.profile.estimate({kinds: $kinds}) YIELD kind RETURN kind";
        List<Object> lower = db.rows(estimate, Map.of("kinds", List.of("user", " Item "))).stream()
                .map(row -> row.get("kind")).toList();

        assertEquals(List.of("ITEM", "USER"), lower);
    }
}
