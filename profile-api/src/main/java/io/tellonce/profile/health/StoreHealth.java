package io.tellonce.profile.health;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.HealthStatus;
import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micronaut.context.annotation.Context;
import io.micronaut.scheduling.annotation.Scheduled;
import io.tellonce.profile.cassandra.CqlMigrations;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.search.IndexBootstrap;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches both stores and publishes one verdict: SERVING only while Cassandra answers with the
 * schema in place and Elasticsearch answers with its indexes in place. The gRPC health service and
 * the HTTP readiness endpoint both report it, so load balancers stop routing to an instance that
 * cannot serve, and start again when the stores come back, without a restart.
 */
@Context
public final class StoreHealth {
    private static final Logger LOG = LoggerFactory.getLogger(StoreHealth.class);
    private static final List<String> SERVICES = List.of("",
            IdentityServiceGrpc.SERVICE_NAME, ProfileServiceGrpc.SERVICE_NAME);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    private final CqlSession session;
    private final ElasticsearchClient elasticsearch;
    private final IndexBootstrap indexes;
    private final HealthStatusManager grpcHealth;
    private final PreparedStatement schemaProbe;
    private volatile StoreStatus status = new StoreStatus(false, "not checked yet", false, "not checked yet");

    StoreHealth(CqlSession session, ElasticsearchClient elasticsearch, IndexBootstrap indexes,
                HealthStatusManager grpcHealth) {
        this.session = session;
        this.elasticsearch = elasticsearch;
        this.indexes = indexes;
        this.grpcHealth = grpcHealth;
        this.schemaProbe = session.prepare(SimpleStatement.builder("SELECT version FROM schema_migrations WHERE version = ?")
                .setIdempotence(true).setTimeout(PROBE_TIMEOUT).build());
        publish();
    }

    public StoreStatus status() {
        return status;
    }

    @Scheduled(fixedDelay = "${tellonce.health.check-interval:2s}")
    void check() {
        StoreStatus checked = checkCassandra().combine(checkElasticsearch());
        if (checked.serving() != status.serving()) {
            LOG.info("stores {}: {}", checked.serving() ? "ready" : "NOT ready", checked.describe());
        }
        status = checked;
        publish();
    }

    private StoreStatus checkCassandra() {
        try {
            boolean schema = session.execute(schemaProbe.bind(CqlMigrations.LATEST_VERSION)).one() != null;
            return StoreStatus.cassandra(schema, schema ? "up, schema version " + CqlMigrations.LATEST_VERSION
                    : "up, but schema version " + CqlMigrations.LATEST_VERSION + " is missing");
        } catch (RuntimeException e) {
            return StoreStatus.cassandra(false, "unreachable: " + e.getMessage());
        }
    }

    private StoreStatus checkElasticsearch() {
        try {
            HealthStatus health = elasticsearch.cluster().health(h -> h.timeout(t -> t.time("2s"))).status();
            if (health == HealthStatus.Red) {
                return StoreStatus.elasticsearch(false, "cluster status red");
            }
            boolean ready = indexes.indexesReady() || indexes.ensureIndexes();
            return StoreStatus.elasticsearch(ready, ready ? "up, cluster " + health.jsonValue() : "up, indexes missing");
        } catch (Exception e) {
            return StoreStatus.elasticsearch(false, "unreachable: " + e.getMessage());
        }
    }

    private void publish() {
        ServingStatus serving = status.serving() ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
        SERVICES.forEach(service -> grpcHealth.setStatus(service, serving));
    }
}
