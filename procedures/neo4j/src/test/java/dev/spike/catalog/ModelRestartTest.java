package dev.spike.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.spike.embedded.EmbeddedNeo4j;
import dev.spike.testing.Errors;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Models are saved to disk and come back after the DBMS restarts, without their projection. */
class ModelRestartTest {

    @TempDir
    Path models;

    private String previous;

    @BeforeEach
    void useTemporaryModelFolder() {
        previous = System.getProperty(ModelCatalogs.DIRECTORY_PROPERTY);
        System.setProperty(ModelCatalogs.DIRECTORY_PROPERTY, models.toString());
    }

    @AfterEach
    void restoreModelFolder() {
        if (previous == null) {
            System.clearProperty(ModelCatalogs.DIRECTORY_PROPERTY);
        } else {
            System.setProperty(ModelCatalogs.DIRECTORY_PROPERTY, previous);
        }
        ModelCatalog.clearMemory();
    }

    @Test
    void modelSurvivesARestart() {
        List<Map<String, Object>> before;
        try (EmbeddedNeo4j first = EmbeddedNeo4j.builder().start()) {
            first.rows("CREATE (u1:User {id: 1}), (u2:User {id: 2}), (i1:Item {id: 1}), (i2:Item {id: 2}), "
                    + "(u1)-[:RATED]->(i1), (u2)-[:RATED]->(i2), (u2)-[:RATED]->(i1)");
            first.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            first.rows("CALL spike.train('g', {modelName: 'kept', profiles: false, epochs: 1, patience: 0})");
            before = first.rows("CALL spike.model.list('kept') YIELD modelName, userCount, itemCount, embeddingDim "
                    + "RETURN modelName, userCount, itemCount, embeddingDim");
        }
        ModelCatalog.clearMemory();

        try (EmbeddedNeo4j second = EmbeddedNeo4j.builder().start()) {
            List<Map<String, Object>> after = second.rows("CALL spike.model.list('kept') YIELD modelName, userCount, "
                    + "itemCount, embeddingDim RETURN modelName, userCount, itemCount, embeddingDim");
            assertEquals(before, after);
            assertEquals(List.of(), second.rows("CALL gds.graph.list()"));
        }
    }

    @Test
    void invalidFolderNameIsDroppable() throws Exception {
        try (EmbeddedNeo4j first = EmbeddedNeo4j.builder().start()) {
            first.rows("CREATE (u:User {id: 1}), (i:Item {id: 1}), (u)-[:RATED]->(i)");
            first.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            first.rows("CALL spike.train('g', {modelName: 'original', profiles: false, epochs: 1, patience: 0})");
        }
        ModelCatalog.clearMemory();
        Path database = models.resolve("neo4j");
        Files.move(database.resolve("original"), database.resolve("my model"));

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            assertEquals(1, db.rows("CALL spike.model.list('my model')").size());
            assertEquals("my model", db.rows("CALL spike.model.drop('my model')").get(0).get("modelName"));
            assertEquals(List.of(), db.rows("CALL spike.model.list()"));
            assertEquals("spike.model.drop: invalid model name 'my model'. Use 1 to 64 letters, digits, '_', '.' or "
                    + "'-', starting with a letter, digit or '_'.",
                    Errors.messageOf(db, "CALL spike.model.drop('my model')", Map.of()));
        }
        assertTrue(Files.notExists(database.resolve("my model")));
    }

    @Test
    void onlySaveLeftoversAreDeleted() throws Exception {
        Path database = models.resolve("neo4j");
        Path leftover = database.resolve(".kept.tmp-0b7f3c1e-5a2d-4c8e-9f10-2e6a4b8d7c01");
        Path hidden = database.resolve(".notes");
        Files.createDirectories(leftover);
        Files.createDirectories(hidden);
        Files.writeString(database.resolve("README.txt"), "models of the neo4j database");

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            assertEquals(List.of(), db.rows("CALL spike.model.list()"));
            assertEquals("spike.model.drop: model 'README.txt' not found. Train one with spike.train or list the "
                    + "models with CALL spike.model.list().",
                    Errors.messageOf(db, "CALL spike.model.drop('README.txt')", Map.of()));
            db.rows("CREATE (u:User {id: 1}), (i:Item {id: 1}), (u)-[:RATED]->(i)");
            db.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            assertEquals("spike.train: the models folder " + database.toAbsolutePath() + " has a file named "
                    + "'README.txt', which a model of that name would replace. Move the file away, or train under "
                    + "another name.", Errors.messageOf(db, "CALL spike.train('g', {modelName: 'README.txt', "
                    + "profiles: false, epochs: 1, patience: 0})", Map.of()));
            // A folder made while the DBMS runs was not read by the catalog, so it is no model.
            Files.createDirectories(database.resolve("notes"));
            Files.writeString(database.resolve("notes").resolve("todo.txt"), "keep");
            assertEquals("spike.train: the models folder " + database.toAbsolutePath() + " has a folder named "
                    + "'notes' that is not a known model, which a model of that name would replace. Move it away, or "
                    + "train under another name.", Errors.messageOf(db, "CALL spike.train('g', {modelName: 'notes', "
                    + "profiles: false, epochs: 1, patience: 0, overwrite: true})", Map.of()));
        }
        assertEquals("models of the neo4j database", Files.readString(database.resolve("README.txt")));
        assertEquals("keep", Files.readString(database.resolve("notes").resolve("todo.txt")));
        assertTrue(Files.notExists(leftover));
        assertTrue(Files.isDirectory(hidden));
        assertTrue(Files.isRegularFile(database.resolve("README.txt")));
    }

    @Test
    void unknownFormatVersionFailsClearly() throws Exception {
        Path folder = writeFutureModel("future");

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            String message = Errors.messageOf(db, "CALL spike.evaluate('', {modelName: 'future'})", Map.of());
            assertTrue(message.startsWith("spike.evaluate: model 'future' could not be loaded from "), message);
            assertTrue(message.contains("Unsupported model format version 99"), message);
            assertTrue(message.endsWith("Train it again under the same name, or remove it with "
                    + "CALL spike.model.drop('future')."), message);
        }
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void unreadableModelIsListedAndDroppable() throws Exception {
        Path folder = writeFutureModel("future");

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            List<Map<String, Object>> listed = db.rows("CALL spike.model.list() YIELD modelName, userCount, "
                    + "location, loadError RETURN modelName, userCount, location, loadError");
            assertEquals(1, listed.size());
            Map<String, Object> row = listed.get(0);
            assertEquals("future", row.get("modelName"));
            assertEquals(null, row.get("userCount"));
            assertEquals(folder.toAbsolutePath().toString(), row.get("location"));
            assertTrue(((String) row.get("loadError")).contains("Unsupported model format version 99"), row.toString());

            List<Map<String, Object>> dropped = db.rows("CALL spike.model.drop('future') YIELD modelName, loadError "
                    + "RETURN modelName, loadError");
            assertEquals("future", dropped.get(0).get("modelName"));
            assertTrue(((String) dropped.get(0).get("loadError")).contains("version 99"), dropped.toString());
            assertEquals(List.of(), db.rows("CALL spike.model.list()"));
            assertTrue(Files.notExists(folder));
            assertTrue(Errors.messageOf(db, "CALL spike.model.drop('future')", Map.of())
                    .startsWith("spike.model.drop: model 'future' not found."));
        }
    }

    @Test
    void trainingReplacesAnUnreadableModel() throws Exception {
        writeFutureModel("future");

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            db.rows("CREATE (u:User {id: 1}), (i:Item {id: 1}), (u)-[:RATED]->(i)");
            db.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            db.rows("CALL spike.train('g', {modelName: 'future', profiles: false, epochs: 1, patience: 0})");
            List<Map<String, Object>> listed = db.rows("CALL spike.model.list('future') YIELD userCount, loadError "
                    + "RETURN userCount, loadError");
            assertEquals(1, listed.size());
            assertEquals(1L, listed.get(0).get("userCount"));
            assertEquals(null, listed.get(0).get("loadError"));
        }
        ModelCatalog.clearMemory();
        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            assertEquals(List.of(1L), db.rows("CALL spike.model.list() YIELD userCount RETURN userCount").stream()
                    .map(row -> row.get("userCount")).toList());
        }
    }

    @Test
    void damagedFilesAreNamedInTheLoadError() throws Exception {
        try (EmbeddedNeo4j first = EmbeddedNeo4j.builder().start()) {
            first.rows("CREATE (u:User {id: 1}), (i:Item {id: 1}), (u)-[:RATED]->(i)");
            first.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            for (String name : List.of("cut", "nograph")) {
                first.rows("CALL spike.train('g', {modelName: $name, profiles: false, epochs: 1, patience: 0})",
                        Map.of("name", name));
            }
        }
        ModelCatalog.clearMemory();
        Path database = models.resolve("neo4j");
        Path graph = database.resolve("cut").resolve("graph.spike");
        byte[] bytes = Files.readAllBytes(graph);
        Files.write(graph, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        Files.delete(database.resolve("nograph").resolve("graph.spike"));

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            Map<Object, Object> errors = new java.util.HashMap<>();
            for (Map<String, Object> row : db.rows("CALL spike.model.list() YIELD modelName, loadError "
                    + "RETURN modelName, loadError")) {
                errors.put(row.get("modelName"), row.get("loadError"));
            }
            assertEquals(Map.of(
                    "cut", "the file graph.spike ends too early; it may have been cut off while being written or "
                            + "copied",
                    "nograph", "the file graph.spike is missing"), errors);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void modelOfAnOlderFormatLoads(int format) throws Exception {
        try (EmbeddedNeo4j first = EmbeddedNeo4j.builder().start()) {
            first.rows("CREATE (u1:User {id: 1}), (u2:User {id: 2}), (i1:Item {id: 1}), (i2:Item {id: 2}), "
                    + "(u1)-[:RATED]->(i1), (u2)-[:RATED]->(i2), (u2)-[:RATED]->(i1)");
            first.rows("CALL gds.graph.project('g', ['User', 'Item'], 'RATED')");
            first.rows("CALL spike.train('g', {modelName: 'old', profiles: false, epochs: 1, patience: 0})");
        }
        ModelCatalog.clearMemory();
        // Format 3 ends with the sample of 3 pairs (a count and 3 hashes) and its checked pairs (a count
        // and 6 node ids). Format 2 lacks the checked pairs, format 1 the sample too.
        Path graph = models.resolve("neo4j").resolve("old").resolve("graph.spike");
        byte[] bytes = Files.readAllBytes(graph);
        int dropped = 4 + 6 * 8 + (format == 1 ? 4 + 3 * 8 : 0);
        byte[] older = java.util.Arrays.copyOf(bytes, bytes.length - dropped);
        java.nio.ByteBuffer.wrap(older).putInt(8, format);
        Files.write(graph, older);

        try (EmbeddedNeo4j db = EmbeddedNeo4j.builder().start()) {
            List<Map<String, Object>> rows = db.rows("CALL spike.model.list('old') YIELD userCount, loadError "
                    + "RETURN userCount, loadError");
            assertEquals(List.of(Map.of("userCount", 2L)), rows.stream()
                    .map(row -> Map.of("userCount", row.get("userCount"))).toList());
            assertEquals(null, rows.get(0).get("loadError"));
        }
    }

    /** Writes a model folder whose model file has a format version this build cannot read. */
    private Path writeFutureModel(String name) throws Exception {
        Path folder = models.resolve("neo4j").resolve(name);
        Files.createDirectories(folder);
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(folder.resolve("model.spike")))) {
            out.writeLong(0x5350694b454d444cL); // the model file header, "SPiKEMDL"
            out.writeInt(99);
        }
        Files.writeString(folder.resolve("graph.spike"), "");
        return folder;
    }
}
