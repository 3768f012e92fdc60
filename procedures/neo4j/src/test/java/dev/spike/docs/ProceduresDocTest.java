package dev.spike.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.SharedDbms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /**
     * Gives every key of a procedure 10^12 and, where the call fails with the usual "outside the
     * allowed range" message, checks that the key's row in the docs states that range.
     */
    @Test
    void everyEnforcedRangeIsDocumented() throws IOException {
        String document = document();
        EmbeddedNeo4j db = SharedDbms.get();
        Map<String, String> calls = new LinkedHashMap<>();
        calls.put("spike.train", "CALL spike.train('g', $configuration)");
        calls.put("spike.split", "CALL spike.split($configuration)");
        calls.put("spike.evaluate", "CALL spike.evaluate('', $configuration)");
        calls.put("spike.recommend.write", "CALL spike.recommend.write('', $configuration)");
        calls.put("spike.explain", "CALL spike.explain(0, 0, $configuration)");
        calls.put("spike.embeddings.write", "CALL spike.embeddings.write($configuration)");
        calls.put("spike.profile.write", "CALL spike.profile.write($configuration)");
        Pattern range = Pattern.compile("outside the allowed range ([\\[(])(-?[0-9.]+), (-?[0-9.]+)([\\])])\\.$");

        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Map.Entry<String, String> call : calls.entrySet()) {
            String procedure = call.getKey();
            String message = messageOf(db, call.getValue().replace("$configuration", "{modelName: 'm', unknownKey: 1}"));
            String list = message.substring(message.indexOf("Valid keys: ") + "Valid keys: ".length());

            for (String key : list.substring(0, list.lastIndexOf('.')).split(", ")) {
                Map<String, Object> configuration = new HashMap<>();
                configuration.put(key, 1_000_000_000_000L);
                if (!key.equals("modelName")) {
                    configuration.put("modelName", "m");
                }
                // The unknown key stops a call whose value is accepted, such as a split with a large seed,
                // before it does any work. The profile procedures check it before their LLM settings'
                // ranges, but reject 10^12 for every key, so they get none.
                if (!procedure.startsWith("spike.profile.")) {
                    configuration.put("unknownKey", 1);
                }

                Matcher matcher = range.matcher(messageOf(db, call.getValue(), Map.of("configuration", configuration)));
                if (!matcher.find()) {
                    continue;
                }

                checked++;
                String row = keyRow(document, procedure, key);
                String expected = documentedRange(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4));
                if (row == null || !row.replaceAll("(?<=[0-9]),(?=[0-9]{3})", "").contains(expected)) {
                    problems.add(procedure + ": row of `" + key + "` should contain '" + expected + "': " + row);
                }
            }
        }

        assertTrue(checked >= 30, "only " + checked + " ranges found; did the range message change?");
        assertEquals(List.of(), problems);
    }

    /** Returns the wording the docs use for a range, such as "1 to 4096" or "above 0 and at most 1". */
    private static String documentedRange(String open, String min, String max, String close) {
        if (open.equals("(") && close.equals("]")) {
            return "above " + min + " and at most " + max;
        }
        if (open.equals("[") && close.equals(")")) {
            return "from " + min + " up to but not including " + max;
        }
        return max.equals(String.valueOf(Integer.MAX_VALUE)) ? "at least " + min : min + " to " + max;
    }

    /** Returns the table row of a key in the procedure's section or its family's configuration section. */
    private static String keyRow(String document, String procedure, String key) {
        String family = procedure.substring(0, procedure.lastIndexOf('.'));
        for (String heading : List.of(procedure, procedure + " configuration", family + " configuration")) {
            if (!document.contains("## " + heading + "\n")) {
                continue;
            }
            for (String line : section(document, heading).split("\n")) {
                if (line.startsWith("| `" + key + "` |")) {
                    return line;
                }
            }
        }
        return null;
    }

    private static String messageOf(EmbeddedNeo4j db, String cypher) {
        return messageOf(db, cypher, Map.of());
    }

    private static String messageOf(EmbeddedNeo4j db, String cypher, Map<String, Object> parameters) {
        try {
            db.rows(cypher, parameters);
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
