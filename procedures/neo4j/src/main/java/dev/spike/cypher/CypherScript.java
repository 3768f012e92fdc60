package dev.spike.cypher;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A Cypher script from the {@code cypher/} folder, split into statements.
 *
 * <p>Statements end with a semicolon outside string literals and comments. A comment line
 * {@code // step: NAME} names the statement after it; unnamed statements are named by their
 * first line.
 */
public record CypherScript(String name, List<Statement> statements) {

    public record Statement(String step, String text) {}

    /** Reads a script that the build copied onto the class path, e.g. {@code "demo/load.cypher"}. */
    public static CypherScript load(String path) {
        String resource = "/cypher/" + path;
        try (InputStream in = CypherScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("Cypher script not found on the class path: " + resource);
            }
            return parse(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Failed to read Cypher script " + resource, e);
        }
    }

    /** Returns whether the build copied a script of that path onto the class path. */
    public static boolean exists(String path) {
        return CypherScript.class.getResource("/cypher/" + path) != null;
    }

    public static CypherScript parse(String name, String text) {
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        String step = null;
        char quote = 0;
        boolean lineComment = false;
        boolean blockComment = false;
        StringBuilder commentText = new StringBuilder();

        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            if (lineComment) {
                if (c == '\n') {
                    lineComment = false;
                    String comment = commentText.toString().trim();
                    if (comment.startsWith("step:") && current.toString().isBlank()) {
                        step = comment.substring("step:".length()).trim();
                    }
                    current.append(c);
                } else {
                    commentText.append(c);
                }
                continue;
            }
            if (blockComment) {
                if (c == '*' && next == '/') {
                    blockComment = false;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                current.append(c);
                if (c == '\\' && next != 0) {
                    current.append(next);
                    i++;
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '/' && next == '/') {
                lineComment = true;
                commentText.setLength(0);
                i++;
            } else if (c == '/' && next == '*') {
                blockComment = true;
                i++;
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                current.append(c);
            } else if (c == ';') {
                add(statements, step, current);
                step = null;
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        add(statements, step, current);
        return new CypherScript(name, List.copyOf(statements));
    }

    private static void add(List<Statement> statements, String step, StringBuilder text) {
        String statement = text.toString().strip();
        if (statement.isEmpty()) {
            return;
        }
        String label = step != null ? step : statement.lines().findFirst().orElse(statement);
        statements.add(new Statement(label, statement));
    }
}
