package dev.spike.kgat;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a KGAT folder with the rules of {@code spike.kgat.load}, without a database, so that a
 * caller such as the main job can reject a malformed folder before it starts Neo4j.
 */
public final class KgatFolderCheck {

    /** The counts of a folder, as {@code spike.kgat.load} reports them. */
    public record Summary(long users, long items, long otherEntities, long trainInteractions, long testInteractions,
            long kgTriples) {}

    private KgatFolderCheck() {}

    /**
     * Reads and checks every line of the folder.
     *
     * @throws IllegalArgumentException naming the file, line and value of the first malformed line,
     *     or the missing file
     */
    public static Summary check(Path folder) throws IOException {
        KgatDataset data = KgatFiles.read(folder);
        return new Summary(data.userCount(), data.itemCount(), data.otherEntityCount(), data.train().size(),
                data.test().size(), data.triples().size());
    }
}
