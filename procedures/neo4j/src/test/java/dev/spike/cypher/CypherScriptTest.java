package dev.spike.cypher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CypherScriptTest {

    @Test
    void splitsOnSemicolonsOutsideStrings() {
        CypherScript script = CypherScript.parse("t", """
                // step: first
                RETURN 'a;b' AS x;
                RETURN "c;d" AS `we;ird`;
                /* block; comment */ RETURN 1;
                """);

        List<CypherScript.Statement> statements = script.statements();
        assertEquals(3, statements.size());
        assertEquals("first", statements.get(0).step());
        assertEquals("RETURN 'a;b' AS x", statements.get(0).text());
        assertEquals("RETURN \"c;d\" AS `we;ird`", statements.get(1).text());
        assertEquals("RETURN 1", statements.get(2).text());
    }

    @Test
    void keepsEscapedQuotesInsideStrings() {
        CypherScript script = CypherScript.parse("t", "RETURN 'it\\'s; fine' AS x;");

        assertEquals(1, script.statements().size());
        assertEquals("RETURN 'it\\'s; fine' AS x", script.statements().get(0).text());
    }

    @Test
    void bundledScriptsParse() {
        for (String name : List.of("schema.cypher", "demo/load.cypher", "movielens/load.cypher", "projection.cypher")) {
            assertFalse(CypherScript.load(name).statements().isEmpty(), name);
        }
    }

    @Test
    void missingScriptNamesThePath() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> CypherScript.load("nope.cypher"));
        assertEquals("Cypher script not found on the class path: /cypher/nope.cypher", error.getMessage());
    }
}
