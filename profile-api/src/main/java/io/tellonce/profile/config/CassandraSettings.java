package io.tellonce.profile.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;
import java.util.List;

/**
 * Where Cassandra is and how tellonce talks to it. Every property can be set by environment
 * variable, e.g. {@code TELLONCE_CASSANDRA_CONTACT_POINTS=10.0.0.1:9042,10.0.0.2:9042}.
 *
 * @param replicationStrategy    {@code SimpleStrategy} (development) or {@code NetworkTopologyStrategy}
 * @param replicationFactor      replicas for SimpleStrategy
 * @param replicationDatacenters replicas per data centre for NetworkTopologyStrategy, e.g. {@code dc1:3,dc2:3}
 * @param startupTimeout         how long to wait for Cassandra at start before giving up
 */
@ConfigurationProperties("tellonce.cassandra")
public record CassandraSettings(
        List<String> contactPoints,
        String localDatacenter,
        String keyspace,
        String replicationStrategy,
        int replicationFactor,
        String replicationDatacenters,
        String consistency,
        String serialConsistency,
        Duration requestTimeout,
        Duration startupTimeout) {
}
