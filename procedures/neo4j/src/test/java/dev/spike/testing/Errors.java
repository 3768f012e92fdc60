package dev.spike.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spike.embedded.EmbeddedNeo4j;
import java.util.Map;

/** The message a failing procedure call gives to the user, without Neo4j's wrapping. */
public final class Errors {

    private Errors() {}

    public static String messageOf(EmbeddedNeo4j db, String cypher, Map<String, Object> parameters) {
        RuntimeException error = assertThrows(RuntimeException.class, () -> db.rows(cypher, parameters));
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
