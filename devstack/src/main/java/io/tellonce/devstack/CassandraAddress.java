package io.tellonce.devstack;

/**
 * Where a Cassandra node answers CQL, and the datacenter name the driver must treat as local.
 */
public record CassandraAddress(String host, int port, String localDatacenter) {

    /** The {@code host:port} form used by {@code TELLONCE_CASSANDRA_CONTACT_POINTS}. */
    public String contactPoint() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return contactPoint() + " (datacenter " + localDatacenter + ")";
    }
}
