package dev.spike.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.harness.Neo4j;
import org.neo4j.harness.Neo4jBuilders;

/**
 * Installs the packaged plugin jar into a plugins folder, as an operator would, and checks that
 * Neo4j loads it beside GDS and APOC. SPiKE's classes and libraries are kept off this test's
 * class path, so only the jar can provide them.
 */
class PackagedPluginIT {

    private static Path jar;
    private static Neo4j neo4j;

    @BeforeAll
    static void start() throws IOException {
        jar = Path.of(System.getProperty("spike.plugin.jar"));
        assertTrue(Files.isRegularFile(jar), "plugin jar not built: " + jar);
        Path plugins = Files.createTempDirectory("spike-plugins");
        Files.copy(jar, plugins.resolve(jar.getFileName()));

        neo4j = Neo4jBuilders.newInProcessBuilder()
                .withConfig(GraphDatabaseSettings.plugin_dir, plugins)
                .withConfig(GraphDatabaseSettings.procedure_unrestricted, List.of("gds.*", "apoc.*", "spike.*"))
                .withConfig(HttpConnector.enabled, false)
                .withProcedure(org.neo4j.gds.catalog.GraphProjectProc.class)
                .withProcedure(org.neo4j.gds.catalog.GraphListProc.class)
                .withProcedure(org.neo4j.gds.catalog.GraphDropProc.class)
                .withFunction(org.neo4j.gds.functions.VersionFunc.class)
                .withProcedure(apoc.periodic.Periodic.class)
                .build();
    }

    @AfterAll
    static void stop() {
        if (neo4j != null) {
            neo4j.close();
        }
    }

    private static List<Map<String, Object>> rows(String cypher) {
        return neo4j.defaultDatabaseService().executeTransactionally(cypher, Map.of(), result -> result.stream().toList());
    }

    @Test
    void spikeClassesComeOnlyFromTheJar() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("dev.spike.procedures.VersionProc"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("org.nd4j.linalg.factory.Nd4j"));
    }

    @Test
    void versionRegistersBesideGdsAndApoc() {
        List<Map<String, Object>> rows = rows("CALL spike.version()");

        assertEquals(1, rows.size());
        assertEquals("2.13.9", rows.get(0).get("gdsVersion"));
        assertTrue(((String) rows.get(0).get("neo4jVersion")).startsWith("5.26"));
        assertFalse(((String) rows.get(0).get("spikeVersion")).isBlank());
        List<Object> names = rows("SHOW PROCEDURES YIELD name WHERE name IN ['spike.version', 'gds.graph.project', 'apoc.periodic.submit'] "
                + "RETURN name ORDER BY name").stream().map(row -> row.get("name")).toList();
        assertEquals(List.of("apoc.periodic.submit", "gds.graph.project", "spike.version"), names);
    }

    @Test
    void nd4jFindsItsBackendInsideThePluginClassLoader() {
        assertEquals("CpuBackend", rows("CALL spike.version()").get(0).get("nd4jBackend"));
    }

    @Test
    void trainsFromCypherAndFromAnApocWorkerThread() throws InterruptedException {
        rows("CREATE (u1:User {id: 1}), (u2:User {id: 2}), (i1:Item {id: 1}), (i2:Item {id: 2}), (i3:Item {id: 3}), "
                + "(u1)-[:RATED]->(i1), (u1)-[:RATED]->(i2), (u2)-[:RATED]->(i2), (u2)-[:RATED]->(i3)");
        rows("CALL gds.graph.project('tiny', ['User', 'Item'], 'RATED')");

        Map<String, Object> direct = rows("CALL spike.train('tiny', {modelName: 'direct', profiles: false, epochs: 2, "
                + "patience: 0})").get(0);
        assertEquals("direct", direct.get("modelName"));

        rows("CALL apoc.periodic.submit('background', \"CALL spike.train('tiny', {modelName: 'background', "
                + "profiles: false, epochs: 2, patience: 0})\")");
        for (int attempt = 0; attempt < 300 && rows("CALL spike.model.list('background')").isEmpty(); attempt++) {
            Thread.sleep(100);
        }
        assertEquals(1, rows("CALL spike.model.list('background')").size(), "the APOC worker thread did not train");
    }

    @Test
    void serviceFileListsTheCpuBackend() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            ZipEntry entry = file.getEntry("META-INF/services/org.nd4j.linalg.factory.Nd4jBackend");
            assertNotNull(entry, "service file missing from the jar");
            String text = new String(file.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(text.contains("org.nd4j.linalg.cpu.nativecpu.CpuBackend"), text);
        }
    }

    @Test
    void clashingLibrariesAreRelocated() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> unrelocated = file.stream()
                    .map(ZipEntry::getName)
                    .filter(name -> name.endsWith(".class"))
                    .filter(name -> name.startsWith("com/fasterxml/jackson/") || name.startsWith("org/apache/commons/")
                            || name.startsWith("org/slf4j/") || name.startsWith("com/google/gson/")
                            || name.startsWith("io/netty/") || name.startsWith("com/google/protobuf/"))
                    .limit(5)
                    .toList();
            assertEquals(List.of(), unrelocated);
            assertNotNull(file.getEntry("dev/spike/shaded/jackson/databind/ObjectMapper.class"));
        }
    }

    @Test
    void relocatedReferencesResolveInsideTheJar() throws IOException {
        // A relocated library that the shade plugin left out fails only when code that uses it
        // runs. This test finds every reference to a relocated class that the jar lacks.
        java.util.Set<String> classes = new java.util.HashSet<>();
        java.util.TreeSet<String> missing = new java.util.TreeSet<>();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<java.util.jar.JarEntry> entries = file.stream().filter(e -> e.getName().endsWith(".class")).toList();
            entries.forEach(e -> classes.add(e.getName().substring(0, e.getName().length() - ".class".length())));
            for (java.util.jar.JarEntry entry : entries) {
                byte[] bytes = file.getInputStream(entry).readAllBytes();
                for (String name : relocatedClassNames(bytes)) {
                    if (!classes.contains(name)) {
                        missing.add(name);
                    }
                }
            }
        }
        // Optional lookups that the libraries guard themselves: slf4j 1.x probes for a binder,
        // threetenbp for a time-zone provider class.
        missing.removeIf(name -> name.equals("dev/spike/shaded/slf4j/impl/StaticLoggerBinder")
                || name.equals("dev/spike/shaded/threeten/bp/TZDB"));
        assertEquals(java.util.Set.of(), missing);
    }

    /** Class names under the relocation prefix found in a class file's bytes (its constant pool). */
    private static java.util.Set<String> relocatedClassNames(byte[] bytes) {
        byte[] prefix = "dev/spike/shaded/".getBytes(StandardCharsets.US_ASCII);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i + prefix.length < bytes.length; i++) {
            if (!java.util.Arrays.equals(bytes, i, i + prefix.length, prefix, 0, prefix.length)) {
                continue;
            }
            int end = i;
            while (end < bytes.length && isNameByte(bytes[end])) {
                end++;
            }
            String name = new String(bytes, i, end - i, StandardCharsets.US_ASCII);
            int lastSlash = name.lastIndexOf('/');
            // Package names (lower-case last segment) are not class references.
            if (lastSlash > 0 && lastSlash < name.length() - 1 && Character.isUpperCase(name.charAt(lastSlash + 1))) {
                names.add(name.contains("$") ? name.substring(0, name.indexOf('$')) : name);
            }
            i = end;
        }
        return names;
    }

    private static boolean isNameByte(byte b) {
        return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || b == '_' || b == '/' || b == '$';
    }

    @Test
    void harnessOnlyClassesStayOutOfTheJar() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            assertEquals(null, file.getEntry("dev/spike/runner/MainJob.class"));
            assertEquals(null, file.getEntry("dev/spike/embedded/EmbeddedNeo4j.class"));
            assertNotNull(file.getEntry("dev/spike/procedures/VersionProc.class"));
        }
    }
}
