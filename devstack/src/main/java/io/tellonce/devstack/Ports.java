package io.tellonce.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.function.IntPredicate;
import java.util.random.RandomGenerator;

/**
 * Chooses the ports of one store and remembers them in a properties file in its folder, so that a restart
 * on the same data (also from a new JVM, as {@code ./tellonce up} does) comes back on the same ports.
 */
final class Ports {

    /**
     * Random ports come from below the Linux ephemeral range (32768+), where outgoing connections would
     * otherwise take them between our check and the store's bind.
     */
    static final int RANDOM_LOW = 20000;
    static final int RANDOM_HIGH = 32000;

    private final Path recordFile;
    private final IntPredicate isFree;
    private final RandomGenerator random;

    Ports(Path recordFile) {
        this(recordFile, Ports::isFree, RandomGenerator.getDefault());
    }

    Ports(Path recordFile, IntPredicate isFree, RandomGenerator random) {
        this.recordFile = recordFile;
        this.isFree = isFree;
        this.random = random;
    }

    /**
     * The requested port when it is not 0; else the recorded one if still free; else a random free one.
     * Ports in {@code taken} (already given to the same store) are never chosen.
     */
    int resolve(String name, int requested, int... taken) {
        if (requested != 0) {
            return requested;
        }
        IntPredicate usable = port -> java.util.Arrays.stream(taken).noneMatch(other -> other == port)
                && isFree.test(port);
        String recorded = load().getProperty(name);
        if (recorded != null && usable.test(Integer.parseInt(recorded))) {
            return Integer.parseInt(recorded);
        }
        for (int attempt = 0; attempt < 200; attempt++) {
            int candidate = random.nextInt(RANDOM_LOW, RANDOM_HIGH);
            if (usable.test(candidate)) {
                return candidate;
            }
        }
        throw new StoreStartFailure("No free port found between " + RANDOM_LOW + " and " + RANDOM_HIGH);
    }

    /** For a store that runs now: the port it was started with (it is in use, by the store itself). */
    int recorded(String name, int requested) {
        String recorded = load().getProperty(name);
        return recorded != null ? Integer.parseInt(recorded) : resolve(name, requested);
    }

    /** The port recorded for {@code name}, without choosing one. */
    java.util.OptionalInt recordedOnly(String name) {
        String recorded = load().getProperty(name);
        return recorded == null ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(Integer.parseInt(recorded));
    }

    void record(String name, int port) {
        Properties properties = load();
        properties.setProperty(name, Integer.toString(port));
        try {
            Files.createDirectories(recordFile.getParent());
            try (Writer out = Files.newBufferedWriter(recordFile)) {
                properties.store(out, "ports of the last start, reused when the caller asks for port 0");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Properties load() {
        Properties properties = new Properties();
        if (Files.isRegularFile(recordFile)) {
            try (var in = Files.newBufferedReader(recordFile)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** True when nothing listens on the port on the loopback address (where the stores bind). */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static void requireFree(String storeName, String portName, int port) {
        if (!isFree(port)) {
            throw new StoreStartFailure(storeName + " cannot start: " + portName + " " + port
                    + " on 127.0.0.1 is already in use by another process.");
        }
    }
}
