package io.tellonce.devstack;

import java.util.Map;

/**
 * A Cassandra and an Elasticsearch to run against, and where they came from. Closing it stops what was
 * started for it (local processes, containers); stores given in the environment are left alone.
 */
public final class StoreSet implements AutoCloseable {

    /**
     * One store: its address, a description of its origin, how to release it, and whether it outlives
     * the run (given by the environment: what a run writes there stays unless the run removes it).
     */
    record Part<A>(A address, String origin, AutoCloseable release, boolean outlivesRun) {
        Part(A address, String origin, AutoCloseable release) {
            this(address, origin, release, false);
        }
    }

    private final Part<CassandraAddress> cassandra;
    private final Part<ElasticsearchAddress> elasticsearch;
    private boolean closed;

    StoreSet(Part<CassandraAddress> cassandra, Part<ElasticsearchAddress> elasticsearch) {
        this.cassandra = cassandra;
        this.elasticsearch = elasticsearch;
    }

    public CassandraAddress cassandra() {
        return cassandra.address();
    }

    public ElasticsearchAddress elasticsearch() {
        return elasticsearch.address();
    }

    /** Whether Cassandra was given by the environment and keeps what the run wrote after it ends. */
    public boolean cassandraOutlivesRun() {
        return cassandra.outlivesRun();
    }

    /** Whether Elasticsearch was given by the environment and keeps what the run wrote after it ends. */
    public boolean elasticsearchOutlivesRun() {
        return elasticsearch.outlivesRun();
    }

    /** For logs and error messages, e.g. "Cassandra 127.0.0.1:24007 (...): local process, pid 123, log ...". */
    public String origin() {
        return "Cassandra " + cassandra.address() + ": " + cassandra.origin()
                + "; Elasticsearch " + elasticsearch.address() + ": " + elasticsearch.origin();
    }

    /** The addresses as the variables the service reads ({@code TELLONCE_CASSANDRA_CONTACT_POINTS}, ...). */
    public Map<String, String> environment() {
        return EnvironmentStores.variables(cassandra.address(), elasticsearch.address());
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        RuntimeException failure = null;
        for (AutoCloseable release : new AutoCloseable[] {elasticsearch.release(), cassandra.release()}) {
            try {
                release.close();
            } catch (Exception e) {
                failure = failure == null ? new IllegalStateException("Could not stop all stores", e) : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public String toString() {
        return origin();
    }
}
