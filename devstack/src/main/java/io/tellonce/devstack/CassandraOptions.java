package io.tellonce.devstack;

import java.time.Duration;

/**
 * How to run a local Cassandra. A port of 0 means: the port recorded by an earlier run in the same folder
 * if it is still free, otherwise a free port chosen at random.
 *
 * @param nativePort   CQL port
 * @param storagePort  internode port (nothing connects to it on a single node, but it must be free)
 * @param heap         value for -Xms and -Xmx, e.g. {@code 1g}
 * @param startTimeout how long to wait for CQL to answer
 */
public record CassandraOptions(int nativePort, int storagePort, String heap, Duration startTimeout) {

    public static CassandraOptions defaults() {
        return new CassandraOptions(0, 0, "1g", Duration.ofSeconds(120));
    }

    public CassandraOptions withNativePort(int port) {
        return new CassandraOptions(port, storagePort, heap, startTimeout);
    }

    public CassandraOptions withStoragePort(int port) {
        return new CassandraOptions(nativePort, port, heap, startTimeout);
    }

    public CassandraOptions withHeap(String size) {
        return new CassandraOptions(nativePort, storagePort, size, startTimeout);
    }

    public CassandraOptions withStartTimeout(Duration timeout) {
        return new CassandraOptions(nativePort, storagePort, heap, timeout);
    }
}
