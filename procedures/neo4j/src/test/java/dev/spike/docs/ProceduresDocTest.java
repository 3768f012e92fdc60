package dev.spike.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.SharedDbms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/procedures.md in step with the code: every spike.* procedure must appear with the
 * signature Neo4j reports for it, and every configuration key a procedure accepts (as listed by
 * its own error for an unknown key) must appear in that procedure's section.
 */
class ProceduresDocTest {

    /** A call per procedure with one unknown key, and everything else the call needs to get that far. */
    private static final Map<String, String> UNKNOWN_KEY_CALLS = new LinkedHashMap<>();

    static {
        UNKNOWN_KEY_CALLS.put("spike.train", "CALL spike.train('g', {modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.train.estimate", "CALL spike.train.estimate('g', {unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.split", "CALL spike.split({unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.evaluate", "CALL spike.evaluate('', {modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.recommend.stream", "CALL spike.recommend.stream('', {modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.recommend.write", "CALL spike.recommend.write('', {modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.explain", "CALL spike.explain(0, 0, {modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.embeddings.stream", "CALL spike.embeddings.stream({modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.embeddings.write", "CALL spike.embeddings.write({modelName: 'm', unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.profile.write", "CALL spike.profile.write({unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.profile.stream", "CALL spike.profile.stream({unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.profile.estimate", "CALL spike.profile.estimate({unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.profile.embed", "CALL spike.profile.embed({unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.kgat.load", "CALL spike.kgat.load('kgat', {unknownKey: 1})");
        UNKNOWN_KEY_CALLS.put("spike.kgat.export", "CALL spike.kgat.export('kgat', {unknownKey: 1})");
    }

    private static String document() throws IOException {
        Path file = Path.of(System.getProperty("spike.repository.dir", "../.."), "docs", "procedures.md");
        return Files.readString(file);
    }

    /** Returns the section that starts with the procedure's heading, up to the next such heading. */
    private static String section(String document, String procedure) {
        String heading = "## " + procedure + "\n";
        int start = document.indexOf(heading);
        assertTrue(start >= 0, "docs/procedures.md has no section '## " + procedure + "'");
        int end = document.indexOf("\n## ", start + heading.length());
        return document.substring(start, end < 0 ? document.length() : end);
    }

    @Test
    void everyProcedureIsDocumentedWithItsSignature() throws IOException {
        String document = document();
        EmbeddedNeo4j db = SharedDbms.get();
        List<String> problems = new ArrayList<>();
        StringBuilder reference = new StringBuilder();
        for (Map<String, Object> row : db.rows("SHOW PROCEDURES YIELD name, signature, description WHERE name STARTS WITH 'spike.' "
                + "RETURN name, signature, description ORDER BY name")) {
            String name = (String) row.get("name");
            String signature = (String) row.get("signature");
            reference.append("## ").append(name).append("\n\n").append(signature).append("\n\n")
                    .append(row.get("description")).append("\n\n");
            if (!document.contains("## " + name + "\n")) {
                problems.add("missing section for " + name);
            } else if (!section(document, name).contains(signature)) {
                problems.add(name + ": signature not found: " + signature);
            }
        }
        // The reference as Neo4j reports it, to compare with or start the page from.
        Path target = Path.of("target");
        if (Files.isDirectory(target)) {
            Files.writeString(target.resolve("procedures-reference.md"), reference.toString());
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyConfigurationKeyIsDocumented() throws IOException {
        String document = document();
        EmbeddedNeo4j db = SharedDbms.get();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> call : UNKNOWN_KEY_CALLS.entrySet()) {
            String message = messageOf(db, call.getValue());
            int at = message.indexOf("Valid keys: ");
            if (at < 0) {
                problems.add(call.getKey() + " does not list its valid keys for an unknown key: " + message);
                continue;
            }
            String list = message.substring(at + "Valid keys: ".length());
            list = list.substring(0, list.lastIndexOf('.'));
            // Procedures of one family share a "## <family> configuration" section, where the
            // family is the name itself (spike.train) or the name without its last part.
            String text = section(document, call.getKey());
            String family = call.getKey().substring(0, call.getKey().lastIndexOf('.'));
            for (String shared : List.of(call.getKey(), family)) {
                if (document.contains("## " + shared + " configuration\n")) {
                    text += section(document, shared + " configuration");
                }
            }
            for (String key : new TreeSet<>(List.of(list.split(", ")))) {
                if (!text.contains("`" + key + "`")) {
                    problems.add(call.getKey() + ": key `" + key + "` not documented");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    private static String messageOf(EmbeddedNeo4j db, String cypher) {
        try {
            db.rows(cypher);
            return "(no error)";
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getMessage();
        }
    }
}
