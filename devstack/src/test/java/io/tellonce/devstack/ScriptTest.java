package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pieces of the ./tellonce script that need no running stack: its functions, sourced into bash, and
 * {@code status} on an empty home. The script runs devstack from devstack/target/classes, which the
 * test phase has compiled.
 */
class ScriptTest {

    private static Path script;

    /** Script output and exit code. */
    private record Run(int exitCode, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    @BeforeAll
    static void locateScript() throws Exception {
        Path classes = Path.of(DevStackCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path root = classes.getParent().getParent().getParent();
        script = root.resolve("tellonce");
        // Run from a checkout, on devstack/target/classes: anywhere else this test has nothing to test.
        Assertions.assertTrue(Files.isRegularFile(script) && Files.isDirectory(classes),
                "runs in a checkout, on devstack/target/classes");
    }

    @Test
    void statusTellsOfTheServiceOnce(@TempDir Path home) throws Exception {
        Run never = run(Map.of("TELLONCE_HOME", home.toString()), script.toString(), "status");
        assertEquals(1, never.exitCode(), never.out());
        assertEquals(List.of("Cassandra: not running", "Elasticsearch: not running", "service: not running"),
                never.lines());

        long pid = ProcessHandle.current().pid(); // alive, and started before its pid file was written
        Files.writeString(home.resolve("service.pid"), pid + "\n");
        Run running = run(Map.of("TELLONCE_HOME", home.toString()), script.toString(), "status");
        assertEquals(List.of("service: running (pid " + pid + ")"),
                running.lines().stream().filter(line -> line.startsWith("service")).toList(), running.out());

        Files.writeString(home.resolve("service.pid"), "999999999\n");
        Run stale = run(Map.of("TELLONCE_HOME", home.toString()), script.toString(), "status");
        assertEquals(List.of("service: not running"),
                stale.lines().stream().filter(line -> line.startsWith("service")).toList(), stale.out());
    }

    @Test
    void serviceLogsOfEarlierStartsAreKept(@TempDir Path folder) throws Exception {
        Path log = folder.resolve("service.log");
        rotate(log); // nothing to keep yet
        assertFalse(Files.exists(log.resolveSibling("service.log.1")));
        for (String start : List.of("one", "two", "three", "four")) {
            Files.writeString(log, start + "\n");
            rotate(log);
        }
        assertFalse(Files.exists(log), "the next start writes a fresh service.log");
        assertEquals("four\n", Files.readString(folder.resolve("service.log.1")));
        assertEquals("three\n", Files.readString(folder.resolve("service.log.2")));
        assertEquals("two\n", Files.readString(folder.resolve("service.log.3")));
        assertFalse(Files.exists(folder.resolve("service.log.4")), "three kept");

        Files.writeString(log, "");
        rotate(log); // an empty log is not worth a place
        assertEquals("four\n", Files.readString(folder.resolve("service.log.1")));
    }

    @Test
    void buildsOnlyWhenAnInputIsNewerThanWhatWasBuilt(@TempDir Path tree) throws Exception {
        Instant sourcesTime = Instant.now().minus(Duration.ofHours(2));
        Instant builtTime = sourcesTime.plus(Duration.ofHours(1));
        List<Path> inputs = new ArrayList<>(List.of(tree.resolve("pom.xml"), tree.resolve(".mvn/wrapper/maven-wrapper.properties")));
        for (String module : List.of("proto", "identity-resolution", "matching", "search", "profile-api", "devstack")) {
            inputs.add(tree.resolve(module).resolve("pom.xml"));
            inputs.add(tree.resolve(module).resolve("src/main/java/Main.java"));
            inputs.add(tree.resolve(module).resolve("src/main/resources/application.yml"));
            inputs.add(tree.resolve(module).resolve("src/test/java/MainTest.java"));
        }
        List<Path> outputs = List.of(tree.resolve("profile-api/target/service.jar"),
                tree.resolve("devstack/target/devstack.jar"),
                tree.resolve("devstack/target/classes/io/tellonce/devstack/DevStackCommand.class"));
        for (Path file : inputs) {
            create(file);
        }
        for (Path file : outputs) {
            create(file);
        }
        Files.createDirectories(tree.resolve("devstack/target/stores/cassandra/lib"));
        age(tree, sourcesTime);
        for (Path file : outputs) {
            Files.setLastModifiedTime(file, FileTime.from(builtTime));
        }

        assertEquals("", buildReason(tree), "everything built after its sources");

        Files.setLastModifiedTime(tree.resolve("profile-api/src/test/java/MainTest.java"), FileTime.from(Instant.now()));
        assertEquals("", buildReason(tree), "tests are not in the jar");

        Files.setLastModifiedTime(tree.resolve("matching/src/main/java/Main.java"), FileTime.from(Instant.now()));
        assertEquals("matching/src/main/java/Main.java changed", buildReason(tree));
        age(tree.resolve("matching"), sourcesTime);

        Files.setLastModifiedTime(tree.resolve("profile-api/src/main/resources/application.yml"), FileTime.from(Instant.now()));
        assertEquals("profile-api/src/main/resources/application.yml changed", buildReason(tree));
        age(tree.resolve("profile-api/src"), sourcesTime);

        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(Instant.now()));
        assertEquals("pom.xml changed", buildReason(tree));
        Files.setLastModifiedTime(tree.resolve("pom.xml"), FileTime.from(sourcesTime));

        Files.delete(tree.resolve("search/src/main/java/Main.java"));
        assertEquals("search/src/main/java changed", buildReason(tree), "a deleted source changes its folder");
        age(tree.resolve("search"), sourcesTime);

        Files.setLastModifiedTime(tree.resolve("devstack/src/main/java/Main.java"), FileTime.from(Instant.now()));
        assertEquals("devstack/src/main/java/Main.java changed", buildReason(tree));
        age(tree.resolve("devstack/src"), sourcesTime);

        assertEquals("", buildReason(tree), "current again");
        Files.delete(tree.resolve("profile-api/target/service.jar"));
        assertEquals("profile-api/target/service.jar is missing", buildReason(tree));
    }

    @Test
    void serviceAddressesAreReachedOnLoopbackWhenTheyListenEverywhere() throws Exception {
        assertEquals("127.0.0.1", source("reach 0.0.0.0").out().strip());
        assertEquals("127.0.0.1", source("reach ''").out().strip());
        assertEquals("127.0.0.1", source("reach ::").out().strip());
        assertEquals("[::1]", source("reach ::1").out().strip());
        assertEquals("10.1.2.3", source("reach 10.1.2.3").out().strip());
    }

    private static String buildReason(Path tree) throws Exception {
        Run run = source("ROOT=" + quoted(tree) + "; SERVICE_JAR=$ROOT/profile-api/target/service.jar;"
                + " DEVSTACK_JAR=$ROOT/devstack/target/devstack.jar; build_reason");
        assertEquals(0, run.exitCode(), run.out());
        return run.out().strip();
    }

    private static void rotate(Path log) throws Exception {
        Run run = source("rotate_log " + quoted(log) + " 3");
        assertEquals(0, run.exitCode(), run.out());
    }

    /** Sources the script (which then only defines its functions) and runs the given commands. */
    private static Run source(String commands) throws Exception {
        return run(Map.of(), "-c", "source " + quoted(script) + " && " + commands);
    }

    private static Run run(Map<String, String> environment, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("TELLONCE_HOME");
        builder.environment().putAll(environment);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), out);
        return new Run(process.exitValue(), out);
    }

    private static void create(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, file.getFileName().toString());
    }

    /** Sets every file and folder under root to the given time (folders last, deepest first). */
    private static void age(Path root, Instant time) throws IOException {
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = new ArrayList<>(walk.toList());
        }
        java.util.Collections.reverse(paths);
        for (Path path : paths) {
            if (!path.toString().contains("/target")) {
                Files.setLastModifiedTime(path, FileTime.from(time));
            }
        }
    }

    private static String quoted(Path path) {
        return "'" + path.toString().replace("'", "'\\''") + "'";
    }
}
