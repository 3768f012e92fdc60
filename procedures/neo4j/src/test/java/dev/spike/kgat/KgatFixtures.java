package dev.spike.kgat;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.testing.SharedDbms;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** Writes KGAT folders into the shared DBMS's import directory and calls the procedures. */
final class KgatFixtures {

    private KgatFixtures() {}

    /** Creates (or empties) {@code name} under the import directory and writes {@code files} into it. */
    static Path folder(String name, Map<String, String> files) throws IOException {
        Path folder = SharedDbms.importDirectory().resolve(name);
        deleteRecursively(folder);
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        return folder;
    }

    static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(path);
            }
        }
    }

    static Map<String, Object> load(String folder, Map<String, Object> configuration) {
        List<Map<String, Object>> rows = SharedDbms.get().rows(
                "CALL spike.kgat.load($folder, $configuration)", Map.of("folder", folder, "configuration", configuration));
        return rows.get(0);
    }

    static Map<String, Object> export(String folder, Map<String, Object> configuration) {
        List<Map<String, Object>> rows = SharedDbms.get().rows(
                "CALL spike.kgat.export($folder, $configuration)", Map.of("folder", folder, "configuration", configuration));
        return rows.get(0);
    }

    /**
     * Calls the procedure and returns the message of the IllegalArgumentException that failed it,
     * after checking that it starts with the procedure's name and removing that prefix.
     */
    static String loadError(String folder, Map<String, Object> configuration) {
        return withoutPrefix("spike.kgat.load: ", errorOf(() -> load(folder, configuration)));
    }

    static String exportError(String folder, Map<String, Object> configuration) {
        return withoutPrefix("spike.kgat.export: ", errorOf(() -> export(folder, configuration)));
    }

    private static String withoutPrefix(String prefix, String message) {
        assertTrue(message.startsWith(prefix), message);
        return message.substring(prefix.length());
    }

    /** Returns the message a client gets: Neo4j reports the innermost cause of a failed call. */
    private static String errorOf(Runnable call) {
        RuntimeException error = assertThrows(RuntimeException.class, call::run);
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof IllegalArgumentException)) {
            throw new AssertionError("The innermost cause is no IllegalArgumentException: " + root, error);
        }
        return root.getMessage();
    }

    static long count(String cypher) {
        return ((Number) SharedDbms.get().rows(cypher).get(0).values().iterator().next()).longValue();
    }

    /** Reads "key value ..." lines into a map from the first token to the set of lines' other tokens. */
    static Map<String, Set<String>> interactionLines(Path file) throws IOException {
        Map<String, Set<String>> lines = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            List<String> tokens = new ArrayList<>(Arrays.asList(line.trim().split("\\s+")));
            String user = tokens.remove(0);
            lines.computeIfAbsent(user, key -> new HashSet<>()).addAll(tokens);
        }
        return lines;
    }

    /** Reads a file's non-blank lines as a set, with whitespace runs collapsed. */
    static Set<String> lineSet(Path file) throws IOException {
        Set<String> lines = new HashSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                lines.add(line.trim().replaceAll("\\s+", " "));
            }
        }
        return lines;
    }
}
