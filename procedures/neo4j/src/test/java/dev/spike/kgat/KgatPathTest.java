package dev.spike.kgat;

import static dev.spike.kgat.KgatFixtures.count;
import static dev.spike.kgat.KgatFixtures.exportError;
import static dev.spike.kgat.KgatFixtures.folder;
import static dev.spike.kgat.KgatFixtures.load;
import static dev.spike.kgat.KgatFixtures.loadError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.spike.testing.SharedDbms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The folder argument follows the LOAD CSV rule for file URLs. */
class KgatPathTest {

    private static final Map<String, String> FILES =
            Map.of("train.txt", "0 0\n", "test.txt", "0 1\n", "kg_final.txt", "0 0 2\n");

    @Test
    void absoluteFolderOutsideImportIsRejected(@TempDir Path outside) throws Exception {
        SharedDbms.reset();
        for (Map.Entry<String, String> file : FILES.entrySet()) {
            Files.writeString(outside.resolve(file.getKey()), file.getValue());
        }

        String message = loadError(outside.toString(), Map.of());

        assertEquals("Folder \"" + outside + "\" is outside the import directory " + importDirectory()
                + " (server.directories.import). Put the files in a folder under it and pass its path relative to it.",
                message);
        assertEquals(0, count("MATCH (n) RETURN count(n)"));
    }

    @Test
    void relativeFolderEscapingImportIsRejected() {
        String message = loadError("kgat-path/../../etc", Map.of());

        assertEquals("Folder \"kgat-path/../../etc\" is outside the import directory " + importDirectory()
                + " (server.directories.import). Put the files in a folder under it and pass its path relative to it.",
                message);
    }

    @Test
    void symbolicLinkOutOfImportIsRejected(@TempDir Path outside) throws Exception {
        Path link = importDirectory().resolve("kgat-link");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, outside);
        try {
            String message = loadError("kgat-link", Map.of());

            assertEquals("Folder \"kgat-link\" is outside the import directory " + importDirectory()
                    + " (server.directories.import). Put the files in a folder under it and pass its path relative to it.",
                    message);
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void absoluteFolderInsideImportIsAccepted() throws Exception {
        SharedDbms.reset();
        Path folder = folder("kgat-absolute", FILES);

        Map<String, Object> row = load(folder.toString(), Map.of());

        assertEquals(1L, row.get("users"));
    }

    @Test
    void missingFolderIsNamed() {
        String message = loadError("kgat-no-such-folder", Map.of());

        assertEquals("Folder " + importDirectory().resolve("kgat-no-such-folder")
                + " not found or not a directory (from \"kgat-no-such-folder\"). Put the KGAT files in a folder under "
                + "the import directory " + importDirectory() + ".", message);
    }

    @Test
    void exportOutsideImportIsRejected(@TempDir Path outside) {
        Path target = outside.resolve("export");

        String message = exportError(target.toString(), Map.of());

        assertEquals("Folder \"" + target + "\" is outside the import directory " + importDirectory()
                + " (server.directories.import). Put the files in a folder under it and pass its path relative to it.",
                message);
        assertFalse(Files.exists(target));
    }

    @Test
    void unsetImportSettingAllowsReadingAnywhere(@TempDir Path root, @TempDir Path elsewhere) throws Exception {
        ImportFolder folders = new ImportFolder(root, false, true);

        assertEquals(elsewhere.toAbsolutePath().normalize(), folders.forReading(elsewhere.toString()));
        assertThrows(IllegalArgumentException.class, () -> folders.forWriting(elsewhere.toString()));
    }

    @Test
    void unsetImportSettingResolvesRelativeFolders(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("data"));
        ImportFolder folders = new ImportFolder(root, false, true);

        assertEquals(root.resolve("data").toAbsolutePath().normalize(), folders.forReading("data"));
    }

    @Test
    void disabledFileUrlsRejectEveryFolder(@TempDir Path root) throws Exception {
        Files.createDirectories(root.resolve("data"));
        ImportFolder folders = new ImportFolder(root, true, false);

        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> folders.forReading("data"));

        assertEquals("File access is disabled: dbms.security.allow_csv_import_from_file_urls is false. "
                + "Set it to true in neo4j.conf to load or export KGAT files.", error.getMessage());
    }

    private static Path importDirectory() {
        return SharedDbms.importDirectory().toAbsolutePath().normalize();
    }
}
