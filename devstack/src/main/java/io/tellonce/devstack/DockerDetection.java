package io.tellonce.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * Whether a Docker engine is there for Testcontainers. Asking Testcontainers directly when there is no
 * engine makes it try every strategy and log errors, so first look (cheaply and silently) for any sign of
 * an engine: DOCKER_HOST, a Testcontainers configuration, or one of the usual socket files.
 */
final class DockerDetection {

    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(20);

    private DockerDetection() {
    }

    static boolean available(Settings settings) {
        return signOfEngine(settings) && testcontainersSeesEngine();
    }

    static boolean signOfEngine(Settings settings) {
        if (settings.get("DOCKER_HOST").isPresent() || settings.get("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE").isPresent()) {
            return true;
        }
        Path home = Path.of(System.getProperty("user.home"));
        Stream<Path> runtimeDir = settings.get("XDG_RUNTIME_DIR").map(dir -> Path.of(dir, "docker.sock")).stream();
        List<Path> candidates = Stream.concat(runtimeDir, Stream.of(
                Path.of("/var/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock"),
                home.resolve(".testcontainers.properties"))).toList();
        return candidates.stream().anyMatch(Files::exists);
    }

    /** Asks Testcontainers, bounded in time: a half-broken engine must not hang the test run. */
    private static boolean testcontainersSeesEngine() {
        CompletableFuture<Boolean> check = CompletableFuture.supplyAsync(() -> {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false; // no Testcontainers on the classpath, or it failed: use local processes
            }
        }, runnable -> {
            Thread thread = new Thread(runnable, "devstack-docker-check");
            thread.setDaemon(true);
            thread.start();
        });
        try {
            return check.get(CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
