package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What the store tests use to talk to the stores and to look at processes. */
final class StoreChecks {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private StoreChecks() {
    }

    static Path runFolder(String name) {
        return Path.of("target", name + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")))
                .toAbsolutePath();
    }

    static CqlSession session(CassandraAddress address) {
        // Schema changes on a busy 2-core machine can take longer than the driver's 2 s default.
        DriverConfigLoader config = DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(10))
                .build();
        return CqlSession.builder()
                .addContactPoint(new InetSocketAddress(address.host(), address.port()))
                .withLocalDatacenter(address.localDatacenter())
                .withConfigLoader(config)
                .build();
    }

    static HttpResponse<String> http(String method, String url, String json) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The process and everything it started, as seen now. */
    static List<ProcessHandle> tree(Optional<ProcessHandle> root) {
        List<ProcessHandle> tree = new ArrayList<>();
        root.ifPresent(handle -> {
            tree.add(handle);
            handle.descendants().forEach(tree::add);
        });
        return tree;
    }

    static void assertAllDead(List<ProcessHandle> processes) {
        List<Long> alive = processes.stream().filter(ProcessTree::running).map(ProcessHandle::pid).toList();
        assertTrue(alive.isEmpty(), "still alive: " + alive);
    }

    static void assertPortsFree(int... ports) {
        for (int port : ports) {
            assertTrue(Ports.isFree(port), "port " + port + " is still in use");
        }
    }

    static long secondsSince(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos).toMillis();
    }
}
