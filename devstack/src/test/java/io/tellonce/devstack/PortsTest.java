package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortsTest {

    @Test
    void requestedPortIsKeptEvenWhenTaken(@TempDir Path folder) {
        Ports ports = new Ports(folder.resolve("ports.properties"), port -> false, RandomGenerator.getDefault());
        assertEquals(9042, ports.resolve("native_port", 9042));
    }

    @Test
    void zeroChoosesAFreePortInTheRangeAndRecordedOneIsReused(@TempDir Path folder) {
        Set<Integer> taken = Set.of(20001, 20002);
        RandomGenerator fixed = new java.util.Random(7);
        Ports ports = new Ports(folder.resolve("ports.properties"), port -> !taken.contains(port), fixed);
        int chosen = ports.resolve("native_port", 0);
        assertTrue(chosen >= Ports.RANDOM_LOW && chosen < Ports.RANDOM_HIGH);
        ports.record("native_port", chosen);

        Ports again = new Ports(folder.resolve("ports.properties"), port -> !taken.contains(port), new java.util.Random(99));
        assertEquals(chosen, again.resolve("native_port", 0));
        assertEquals(chosen, again.recordedOnly("native_port").orElseThrow());
    }

    @Test
    void recordedPortIsNotReusedWhenTakenMeanwhile(@TempDir Path folder) {
        Ports first = new Ports(folder.resolve("ports.properties"), port -> true, RandomGenerator.getDefault());
        first.record("http_port", 25000);
        Ports later = new Ports(folder.resolve("ports.properties"), port -> port != 25000, RandomGenerator.getDefault());
        assertNotEquals(25000, later.resolve("http_port", 0));
    }

    @Test
    void portsOfTheSameStoreDiffer(@TempDir Path folder) {
        // A generator that repeats itself would hand out the same port twice without the exclusion.
        int[] sequence = {21000, 21000, 21000, 22000};
        int[] next = {0};
        RandomGenerator repeating = new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public int nextInt(int origin, int bound) {
                return sequence[next[0]++ % sequence.length];
            }
        };
        Ports ports = new Ports(folder.resolve("ports.properties"), port -> true, repeating);
        int first = ports.resolve("http_port", 0);
        assertEquals(22000, ports.resolve("transport_port", 0, first));
    }

    @Test
    void noFreePortIsAnError(@TempDir Path folder) {
        Ports ports = new Ports(folder.resolve("ports.properties"), port -> false, RandomGenerator.getDefault());
        assertThrows(StoreStartFailure.class, () -> ports.resolve("native_port", 0));
    }

    @Test
    void listeningPortIsNotFree() throws Exception {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertFalse(Ports.isFree(socket.getLocalPort()));
            var error = assertThrows(StoreStartFailure.class,
                    () -> Ports.requireFree("Cassandra", "native_transport_port", socket.getLocalPort()));
            assertTrue(error.getMessage().contains("already in use"));
        }
    }
}
