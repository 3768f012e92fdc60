package dev.spike.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ConfigMap} on its own, without a database. */
class ConfigMapTest {

    private static ConfigMap map(Map<String, Object> values) {
        return ConfigMap.of("spike.test", values);
    }

    private static String message(Runnable read) {
        return assertThrows(IllegalArgumentException.class, read::run).getMessage();
    }

    @Test
    void singleValueCountsAsListOfOne() {
        assertEquals(List.of("HAS_GENRE"), map(Map.of("types", "HAS_GENRE")).identifierList("types", List.of()));
        assertEquals(List.of("HAS_GENRE"), map(Map.of("types", List.of("HAS_GENRE"))).identifierList("types", List.of()));
        assertEquals(List.of(10L), map(Map.of("ks", 10L)).integerList("ks", List.of()));
        assertEquals(List.of(10L), map(Map.of("ks", List.of(10L))).integerList("ks", List.of()));
    }

    @Test
    void singleValueOfWrongTypeIsRejected() {
        assertEquals("spike.test: configuration key `ks` must be a list of integers, got the string 'ten'.",
                message(() -> map(Map.of("ks", "ten")).integerList("ks", List.of())));
        assertEquals("spike.test: configuration key `types` must be a list of strings, got the integer 3.",
                message(() -> map(Map.of("types", 3L)).identifierList("types", List.of())));
    }

    @Test
    void stringInListKeepsItsQuotes() {
        String message = message(() -> map(Map.of("ks", List.of(10L, "20"))).integerList("ks", List.of()));

        assertEquals("spike.test: configuration key `ks` must be a list of integers, got the list [10, '20'].", message);
    }

    @Test
    void requiredStringSaysWhatWasPassed() {
        Map<String, Object> withNull = new HashMap<>();
        withNull.put("modelName", null);

        assertEquals("spike.test: missing required configuration key `modelName`.",
                message(() -> map(Map.of()).requiredString("modelName")));
        assertEquals("spike.test: configuration key `modelName` is null, which usually comes from a missing "
                + "parameter. Pass a non-empty string.", message(() -> map(withNull).requiredString("modelName")));
        assertEquals("spike.test: configuration key `modelName` is an empty string. Pass a non-empty string.",
                message(() -> map(Map.of("modelName", "")).requiredString("modelName")));
        assertEquals("spike.test: configuration key `modelName` is blank (' '). Pass a non-empty string.",
                message(() -> map(Map.of("modelName", " ")).requiredString("modelName")));
    }

    @Test
    void integerBeyondIntRangeGetsRangeMessage() {
        assertEquals("spike.test: configuration key `epochs` is 99999999999, outside the allowed range [1, 1000].",
                message(() -> map(Map.of("epochs", 99_999_999_999L)).integer("epochs", 30, 1, 1000)));
    }

    @Test
    void nonAsciiLetterIsRejected() {
        assertEquals("spike.test: configuration key `itemLabel` has the invalid name 'Ité'. Use ASCII letters (A-Z, "
                + "a-z), digits and underscores, starting with a letter or underscore (at most 128 characters).",
                message(() -> map(Map.of("itemLabel", "Ité")).identifier("itemLabel", "Item")));
    }
}
