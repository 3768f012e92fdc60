package dev.spike.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Checks the files under {@code docker/} against the build: the image recipe must copy the jar
 * this build packages onto the Neo4j version it was built for, and the compose file must pass
 * {@code docker compose config}. No Docker engine is needed; without a compose command the
 * compose checks are skipped with a message.
 */
class DockerFilesIT {

    private static final Path DOCKER = Path.of(System.getProperty("spike.docker.dir")).toAbsolutePath().normalize();
    private static final Path ROOT = DOCKER.getParent();

    private static String dockerfile() throws IOException {
        return Files.readString(DOCKER.resolve("Dockerfile"), StandardCharsets.UTF_8);
    }

    @Test
    void imageCopiesThePackagedJar() throws IOException {
        Matcher copy = Pattern.compile("(?m)^COPY\\s+(\\S+)\\s+/var/lib/neo4j/plugins/\\s*$").matcher(dockerfile());
        assertTrue(copy.find(), "docker/Dockerfile has no COPY of a jar into /var/lib/neo4j/plugins/");

        // The recipe names Maven's default build folder; a build with another one still packages the same name.
        Path copied = Path.of(copy.group(1));
        Path jar = Path.of(System.getProperty("spike.plugin.jar")).toAbsolutePath().normalize();
        assertEquals(Path.of("plugin", "target"), copied.getParent(), "docker/Dockerfile copies from " + copied.getParent());
        assertEquals(ROOT.resolve("plugin"), jar.getParent().getParent(), "the plugin jar is built outside plugin/: " + jar);
        PathMatcher name = FileSystems.getDefault().getPathMatcher("glob:" + copied.getFileName());
        assertTrue(name.matches(jar.getFileName()), "docker/Dockerfile copies " + copied + ", but the build packages " + jar);
    }

    @Test
    void imageRunsTheNeo4jVersionOfTheBuild() throws IOException {
        Matcher from = Pattern.compile("(?m)^FROM\\s+neo4j:(\\d+\\.\\d+)\\S*\\s*$").matcher(dockerfile());
        assertTrue(from.find(), "docker/Dockerfile does not start from an official neo4j:<version> image");

        String built = System.getProperty("neo4j.version");
        assertTrue(built.startsWith(from.group(1) + "."), "image neo4j:" + from.group(1) + " but the build uses Neo4j " + built);
    }

    @Test
    void imageAllowsTheProceduresItNeeds() throws IOException {
        Matcher unrestricted = Pattern.compile("(?m)^ENV\\s+NEO4J_dbms_security_procedures_unrestricted='([^']*)'")
                .matcher(dockerfile());
        assertTrue(unrestricted.find(), "docker/Dockerfile does not set dbms.security.procedures.unrestricted");

        List<String> namespaces = List.of(unrestricted.group(1).split(","));
        assertTrue(namespaces.containsAll(List.of("gds.*", "apoc.*", "spike.*")), "unrestricted: " + namespaces);
    }

    @Test
    void composeFileIsValidWithAndWithoutOllama() throws Exception {
        List<String> compose = composeCommand();
        Path file = DOCKER.resolve("docker-compose.yml");
        Map<String, String> password = Map.of("NEO4J_PASSWORD", "only-for-this-check", "OPENAI_API_KEY", "key-for-this-check");

        Result withOllama = run(compose, password, "-f", file.toString(), "--profile", "llm", "config", "--services");
        assertEquals(0, withOllama.exitCode(), withOllama.all());
        assertEquals(List.of("neo4j", "ollama"), withOllama.lines().stream().sorted().toList());

        // Version 2 leaves a service of an inactive profile out of the resolved file; version 1 lists it with its profiles.
        Result plain = run(compose, password, "-f", file.toString(), "config");
        assertEquals(0, plain.exitCode(), plain.all());
        assertTrue(Pattern.compile("(?m)^  neo4j:$").matcher(plain.output()).find(), plain.output());
        assertTrue(plain.output().contains("OPENAI_API_KEY: key-for-this-check"), "the key variable reaches Neo4j for apiKeyEnv");
        boolean ollamaListed = Pattern.compile("(?m)^  ollama:$").matcher(plain.output()).find();
        boolean ollamaOptional = Pattern.compile("(?ms)^  ollama:$.*?^\\s+profiles:\\s*$\\s*^\\s+- llm\\s*$")
                .matcher(plain.output()).find();
        assertTrue(!ollamaListed || ollamaOptional, "Ollama must start only with --profile llm:\n" + plain.output());

        Matcher dockerfile = Pattern.compile("(?m)^\\s+dockerfile:\\s*(\\S+)\\s*$").matcher(plain.output());
        assertTrue(dockerfile.find(), plain.output());
        assertTrue(Files.isRegularFile(ROOT.resolve(dockerfile.group(1))), "compose builds from a missing " + dockerfile.group(1));
    }

    @Test
    void composeFileNeedsAPassword() throws Exception {
        List<String> compose = composeCommand();
        Result missing = run(compose, Map.of(), "-f", DOCKER.resolve("docker-compose.yml").toString(), "config");

        assertNotEquals(0, missing.exitCode(), missing.all());
        assertTrue(missing.all().contains("set NEO4J_PASSWORD"), missing.all());
    }

    /** {@code docker compose} (version 2) where the CLI has it, else {@code docker-compose}. */
    private static List<String> composeCommand() throws Exception {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                if (run(version, Map.of()).exitCode() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next one
            }
        }
        Assumptions.abort("Skipped: neither `docker compose` nor `docker-compose` is installed, so docker/docker-compose.yml "
                + "was not validated. .ci/run installs docker-compose from Debian's packages.");
        return List.of();
    }

    private static Result run(List<String> command, Map<String, String> environment, String... arguments) throws Exception {
        List<String> full = new ArrayList<>(command);
        full.addAll(List.of(arguments));
        Path errors = Files.createTempFile("spike-compose", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(full).directory(ROOT.toFile()).redirectError(errors.toFile());
            builder.environment().remove("NEO4J_PASSWORD");
            builder.environment().remove("OPENAI_API_KEY");
            builder.environment().putAll(environment);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + full);
            return new Result(process.exitValue(), output, Files.readString(errors, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** Exit code, standard output and standard error of one command. */
    private record Result(int exitCode, String output, String errors) {
        String all() {
            return output + errors;
        }

        List<String> lines() {
            return output.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        }
    }
}
