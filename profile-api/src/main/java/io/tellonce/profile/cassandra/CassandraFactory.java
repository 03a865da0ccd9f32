package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.tellonce.profile.config.CassandraSettings;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one shared {@link CqlSession}, opened on the tellonce keyspace after the schema migrations ran.
 * Built eagerly so that a misconfigured or unreachable Cassandra stops the service at start with a
 * clear message instead of at the first request. Once running, the driver reconnects by itself.
 */
@Factory
final class CassandraFactory {
    private static final Logger LOG = LoggerFactory.getLogger(CassandraFactory.class);
    private static final Pattern KEYSPACE = Pattern.compile("^[a-z][a-z0-9_]{0,47}$");

    @Context
    @Bean(preDestroy = "close")
    CqlSession cqlSession(CassandraSettings settings) {
        if (!KEYSPACE.matcher(settings.keyspace()).matches()) {
            throw new IllegalArgumentException("tellonce.cassandra.keyspace must be 1-48 lower-case letters, digits"
                    + " or '_', starting with a letter; got " + settings.keyspace());
        }
        KeyspaceReplication replication = KeyspaceReplication.parse(settings.replicationStrategy(),
                settings.replicationFactor(), settings.replicationDatacenters());
        DriverConfigLoader config = driverConfig(settings);
        try (CqlSession bootstrap = open(settings, config, null)) {
            CqlMigrations.createKeyspace(bootstrap, settings.keyspace(), replication);
        }
        CqlSession session = open(settings, config, settings.keyspace());
        try {
            new CqlMigrations(session).apply();
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        return session;
    }

    private static CqlSession open(CassandraSettings settings, DriverConfigLoader config, String keyspace) {
        var builder = CqlSession.builder()
                .withConfigLoader(config)
                .withLocalDatacenter(settings.localDatacenter())
                .addContactPoints(contactPoints(settings.contactPoints()));
        if (keyspace != null) {
            builder.withKeyspace(keyspace);
        }
        Duration timeout = settings.startupTimeout();
        var connecting = builder.buildAsync().toCompletableFuture();
        try {
            return connecting.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            connecting.cancel(true);
            throw new IllegalStateException("Cassandra at " + settings.contactPoints() + " did not answer within "
                    + timeout.toSeconds() + " s (tellonce.cassandra.startup-timeout); is it running?", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot connect to Cassandra at " + settings.contactPoints() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to Cassandra", e);
        }
    }

    private static DriverConfigLoader driverConfig(CassandraSettings settings) {
        LOG.info("Cassandra: contact points {}, data centre {}, keyspace {}", settings.contactPoints(),
                settings.localDatacenter(), settings.keyspace());
        return DriverConfigLoader.programmaticBuilder()
                .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, settings.requestTimeout())
                .withString(DefaultDriverOption.REQUEST_CONSISTENCY, settings.consistency())
                .withString(DefaultDriverOption.REQUEST_SERIAL_CONSISTENCY, settings.serialConsistency())
                // Keep trying at start (bounded by startup-timeout) instead of failing on the first refusal.
                .withBoolean(DefaultDriverOption.RECONNECT_ON_INIT, true)
                // A store that comes back is found within seconds, not the default minute.
                .withDuration(DefaultDriverOption.RECONNECTION_BASE_DELAY, Duration.ofMillis(250))
                .withDuration(DefaultDriverOption.RECONNECTION_MAX_DELAY, Duration.ofSeconds(2))
                .withDuration(DefaultDriverOption.CONTROL_CONNECTION_AGREEMENT_TIMEOUT, Duration.ofSeconds(30))
                .withDuration(DefaultDriverOption.CONNECTION_INIT_QUERY_TIMEOUT, Duration.ofSeconds(5))
                // Each DDL statement waits for the schema refresh it triggers, and the default 1 s
                // debounce made the migrations take 40 s; they come one at a time, so a short window is enough.
                .withDuration(DefaultDriverOption.METADATA_SCHEMA_WINDOW, Duration.ofMillis(50))
                .build();
    }

    static List<InetSocketAddress> contactPoints(List<String> hostPorts) {
        return hostPorts.stream().map(String::trim).filter(s -> !s.isEmpty()).map(hostPort -> {
            int colon = hostPort.lastIndexOf(':');
            if (colon < 0) {
                return new InetSocketAddress(hostPort, 9042);
            }
            return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
        }).toList();
    }
}
