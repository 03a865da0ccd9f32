package io.tellonce.devstack;

import static io.tellonce.devstack.StoreChecks.assertAllDead;
import static io.tellonce.devstack.StoreChecks.assertPortsFree;
import static io.tellonce.devstack.StoreChecks.session;
import static io.tellonce.devstack.StoreChecks.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The developer command, as ./tellonce up and down use it. */
class DevStackCommandTest {

    /** Output of one in-process run of the command. */
    private record Result(int exitCode, String out, String err) {
    }

    @Test
    void detachedStoresOutliveTheCommandAndStopCleanly() throws Exception {
        Path home = StoreChecks.runFolder("devstack-home");
        // A separate JVM, like the script's: the stores must keep running after it exits.
        Path classes = Path.of(DevStackCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process launcher = new ProcessBuilder(Executables.java().toString(), "-cp", classes.toString(),
                DevStackCommand.class.getName(), "start", "--home", home.toString(),
                "--cassandra-port", "0", "--elasticsearch-port", "0")
                .redirectErrorStream(true).start();
        String output = new String(launcher.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(launcher.waitFor(3, TimeUnit.MINUTES));
        assertEquals(0, launcher.exitValue(), output);
        assertTrue(output.contains("Ready in"), output);
        List<ProcessHandle> processes = new ArrayList<>();
        try {
            Settings stores = Settings.of(readEnv(home.resolve("stores.env")));
            CassandraAddress cql = EnvironmentStores.cassandra(stores).orElseThrow();
            ElasticsearchAddress rest = EnvironmentStores.elasticsearch(stores).orElseThrow();
            try (CqlSession session = session(cql)) {
                assertEquals("datacenter1", session.execute("SELECT data_center FROM system.local").one().getString(0));
            }
            assertTrue(HttpProbe.elasticsearchHealthy(rest, java.time.Duration.ofSeconds(5)));
            processes.addAll(tree(new PidFile(home.resolve("cassandra/cassandra.pid")).liveProcess()));
            processes.addAll(tree(new PidFile(home.resolve("elasticsearch/elasticsearch.pid")).liveProcess()));
            assertEquals(3, processes.size(), "Cassandra, Elasticsearch launcher and server: " + processes);
            // They run from a copy in the home, safe from a `./mvnw clean` of devstack/target.
            String distributions = home.resolve("distributions").toString();
            assertTrue(processes.stream().allMatch(p -> p.info().commandLine().orElse("").contains(distributions)),
                    () -> processes.stream().map(p -> p.info().commandLine().orElse("?")).toList().toString());

            Result again = run("start", "--home", home.toString(), "--cassandra-port", "0", "--elasticsearch-port", "0");
            assertEquals(0, again.exitCode(), again.err());
            assertTrue(again.out().contains("already running"), again.out());
            Result status = run("status", "--home", home.toString());
            assertEquals(0, status.exitCode(), status.out());
            assertTrue(status.out().contains("Cassandra: running") && status.out().contains("answering"), status.out());

            Result healthy = run("wait-http", rest.url() + "/_cluster/health", "10");
            assertEquals(0, healthy.exitCode(), healthy.err());
        } finally {
            Result stopped = run("stop", "--home", home.toString());
            assertEquals(0, stopped.exitCode(), stopped.err());
            assertTrue(stopped.out().contains("Stopped cassandra") && stopped.out().contains("Stopped elasticsearch"), stopped.out());
        }
        assertAllDead(processes);
        Properties cassandraPorts = load(home.resolve("cassandra/ports.properties"));
        Properties elasticsearchPorts = load(home.resolve("elasticsearch/ports.properties"));
        assertPortsFree(Integer.parseInt(cassandraPorts.getProperty("native_port")),
                Integer.parseInt(cassandraPorts.getProperty("storage_port")),
                Integer.parseInt(elasticsearchPorts.getProperty("http_port")),
                Integer.parseInt(elasticsearchPorts.getProperty("transport_port")));
        assertFalse(Files.exists(home.resolve("stores.env")));

        Result stoppedAgain = run("stop", "--home", home.toString());
        assertEquals(0, stoppedAgain.exitCode());
        assertTrue(stoppedAgain.out().contains("Nothing recorded as running"), stoppedAgain.out());
        assertEquals(1, run("status", "--home", home.toString()).exitCode());
    }

    @Test
    void portTakenBySomethingElseIsAClearError() throws Exception {
        Path home = StoreChecks.runFolder("devstack-taken");
        try (ServerSocket squatter = new ServerSocket()) {
            squatter.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Result result = run("start", "--home", home.toString(),
                    "--cassandra-port", Integer.toString(squatter.getLocalPort()), "--elasticsearch-port", "0");
            assertEquals(1, result.exitCode());
            assertTrue(result.err().contains("port " + squatter.getLocalPort()) && result.err().contains("already in use"),
                    result.err());
        }
        assertTrue(new PidFile(home.resolve("cassandra/cassandra.pid")).liveProcess().isEmpty());
        assertTrue(new PidFile(home.resolve("elasticsearch/elasticsearch.pid")).liveProcess().isEmpty());
    }

    @Test
    void waitHttpGivesUpWithAMessage() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        Result result = run("wait-http", "http://127.0.0.1:" + closed + "/health", "1");
        assertEquals(1, result.exitCode());
        assertTrue(result.err().contains("Timed out after 1 s"), result.err());
    }

    @Test
    void usageErrors() {
        assertEquals(2, run().exitCode());
        assertEquals(2, run("start").exitCode());
        assertEquals(2, run("start", "--home", "x", "--cassandra-port", "ninety").exitCode());
        assertEquals(2, run("launch", "--home", "x").exitCode());
        Result help = run("help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("wait-http URL TIMEOUT_SECONDS"));
    }

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = new DevStackCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Settings.of(Map.of())).run(args);
        return new Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Map<String, String> readEnv(Path file) throws Exception {
        Map<String, String> variables = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            variables.put(line.substring(0, equals), line.substring(equals + 1));
        }
        assertEquals(3, variables.size(), variables.toString());
        return variables;
    }

    private static Properties load(Path file) throws Exception {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        return properties;
    }
}
