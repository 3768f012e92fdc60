package dev.spike.kgat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.neo4j.configuration.Config;
import org.neo4j.configuration.GraphDatabaseSettings;

/**
 * Resolves the folder argument of the KGAT procedures the way Neo4j 5.26 restricts
 * {@code LOAD CSV FROM 'file:///…'}:
 *
 * <ul>
 *   <li>{@code dbms.security.allow_csv_import_from_file_urls=false} rejects every folder.
 *   <li>A relative folder is resolved against the import directory ({@code server.directories.import}).
 *   <li>When {@code server.directories.import} is set explicitly, as the shipped neo4j.conf does,
 *       the resolved folder must lie inside it, also after following symbolic links.
 *   <li>When it is not set, LOAD CSV reads any file, and so does {@code spike.kgat.load}.
 * </ul>
 *
 * Export is stricter: it always writes inside the import directory.
 */
final class ImportFolder {

    private static final String IMPORT_SETTING = GraphDatabaseSettings.load_csv_file_url_root.name();
    private static final String FILE_URL_SETTING = GraphDatabaseSettings.allow_file_urls.name();

    private final Path root;
    private final boolean rootExplicitlySet;
    private final boolean fileAccessAllowed;

    ImportFolder(Path root, boolean rootExplicitlySet, boolean fileAccessAllowed) {
        this.root = root.toAbsolutePath().normalize();
        this.rootExplicitlySet = rootExplicitlySet;
        this.fileAccessAllowed = fileAccessAllowed;
    }

    static ImportFolder of(Config config) {
        return new ImportFolder(
                config.get(GraphDatabaseSettings.load_csv_file_url_root),
                config.isExplicitlySet(GraphDatabaseSettings.load_csv_file_url_root),
                config.get(GraphDatabaseSettings.allow_file_urls));
    }

    /** Returns the existing folder to read from. */
    Path forReading(String folder) throws IOException {
        Path path = resolve(folder);
        if (rootExplicitlySet) {
            requireInsideRoot(folder, path);
        }
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("Folder " + path + " not found or not a directory (from \"" + folder
                    + "\"). Put the KGAT files in a folder under the import directory " + root + ".");
        }
        return path;
    }

    /** A folder to write into, and the folders that were created for it, deepest first. */
    record Target(Path path, List<Path> created) {
        /** Deletes the folders created for this target that are still empty, as after a failed export. */
        void removeCreatedIfEmpty() {
            for (Path folder : created) {
                try {
                    Files.deleteIfExists(folder);
                } catch (IOException e) {
                    // Not empty, or not ours to delete any more: leave it and its parents.
                    return;
                }
            }
        }
    }

    /** Returns the folder to write into, creating it (and missing parents) when missing. */
    Target forWriting(String folder) throws IOException {
        Path path = resolve(folder);
        requireInsideRoot(folder, path);
        List<Path> created = new ArrayList<>();
        for (Path part = path; part != null && !Files.exists(part); part = part.getParent()) {
            created.add(part);
        }
        Files.createDirectories(path);
        return new Target(path, List.copyOf(created));
    }

    private Path resolve(String folder) {
        if (!fileAccessAllowed) {
            throw new IllegalArgumentException("File access is disabled: " + FILE_URL_SETTING
                    + " is false. Set it to true in neo4j.conf to load or export KGAT files.");
        }
        if (folder == null) {
            throw new IllegalArgumentException("the folder argument is null. Pass a path, absolute or relative to the "
                    + "import directory " + root + ".");
        }
        if (folder.isBlank()) {
            throw new IllegalArgumentException(
                    "folder must be a path, absolute or relative to the import directory " + root + ", found \"" + folder + "\"");
        }
        try {
            return root.resolve(folder).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("folder \"" + folder + "\" is not a valid path: " + e.getMessage());
        }
    }

    /** Checks the path as written and, for its longest existing part, with symbolic links followed. */
    private void requireInsideRoot(String folder, Path path) throws IOException {
        boolean inside = path.startsWith(root);
        if (inside) {
            Path existing = path;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            inside = existing == null || existing.toRealPath().startsWith(realRoot);
        }
        if (!inside) {
            throw new IllegalArgumentException("Folder \"" + folder + "\" is outside the import directory " + root
                    + " (" + IMPORT_SETTING + "). Put the files in a folder under it and pass its path relative to it.");
        }
    }
}
