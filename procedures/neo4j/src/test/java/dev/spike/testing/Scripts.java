package dev.spike.testing;

import dev.spike.cypher.CypherScript;
import dev.spike.embedded.EmbeddedNeo4j;
import java.util.Map;

/** Runs the user-facing scripts from {@code cypher/} in a test DBMS, statement by statement. */
public final class Scripts {

    private Scripts() {}

    public static void run(EmbeddedNeo4j db, String script, Map<String, Object> parameters) {
        for (CypherScript.Statement statement : CypherScript.load(script).statements()) {
            db.query(statement.text(), parameters, result -> {
                result.accept(row -> true);
                return null;
            });
        }
    }

    public static long count(EmbeddedNeo4j db, String cypher) {
        return db.query(cypher, Map.of(), result -> ((Number) result.next().values().iterator().next()).longValue());
    }
}
