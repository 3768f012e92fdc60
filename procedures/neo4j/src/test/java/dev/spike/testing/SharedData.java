package dev.spike.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Public datasets kept beside the repository (never inside it, for licence reasons). Tests that
 * need one are skipped with a message naming the missing folder.
 */
public final class SharedData {

    private SharedData() {}

    public static Path folder(String name) {
        String shared = System.getProperty("spike.shared.dir", "../shared");
        Path folder = Path.of(shared, "data", name).toAbsolutePath().normalize();
        assumeTrue(Files.isDirectory(folder),
                () -> "Skipped: dataset folder " + folder + " not found. Put " + name
                        + " there (or set -Dspike.shared.dir) to run this test.");
        return folder;
    }
}
