package io.tellonce.profile;

import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.devstack.SharedStores;
import io.tellonce.devstack.StoreSet;
import io.tellonce.profile.support.TcpProxy;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A store going away and coming back: health follows it both ways, calls that need the store fail
 * UNAVAILABLE (never INTERNAL) meanwhile, and the service recovers without a restart. The stores sit
 * behind TCP relays that the test cuts, because the real stores are shared with other test classes.
 */
@MicronautTest
class StoreOutageTest extends ServiceTest {
    private static final Duration HEALTH_CHANGE = Duration.ofSeconds(30);

    private TcpProxy cassandra;
    private TcpProxy elasticsearch;

    StoreOutageTest() {
        super("it_outage");
    }

    @Override
    public Map<String, String> getProperties() {
        StoreSet stores = SharedStores.get();
        try {
            cassandra = new TcpProxy(stores.cassandra().host(), stores.cassandra().port());
            URI es = URI.create(stores.elasticsearch().url());
            elasticsearch = new TcpProxy(es.getHost(), es.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return service.properties("127.0.0.1:" + cassandra.port(), "http://127.0.0.1:" + elasticsearch.port());
    }

    @AfterAll
    void closeProxies() throws Exception {
        cassandra.close();
        elasticsearch.close();
    }

    private ServingStatus health() {
        return HealthGrpc.newBlockingStub(service.channel()).withDeadlineAfter(5, java.util.concurrent.TimeUnit.SECONDS)
                .check(HealthCheckRequest.getDefaultInstance()).getStatus();
    }

    private void awaitHealth(ServingStatus expected) {
        Eventually.await("health " + expected, HEALTH_CHANGE, this::health, status -> status == expected);
    }

    private ResolveResponse resolveSomeone() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .withDeadlineAfter(10, java.util.concurrent.TimeUnit.SECONDS)
                .resolve(ResolveRequest.newBuilder().addIdentifiers(Identifier.newBuilder()
                        .setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL)
                        .setValue(UUID.randomUUID() + "@example.com")).build());
    }

    @Test
    void withCassandraGoneHealthIsNotServingAndCallsAreUnavailableUntilItReturns() throws IOException {
        awaitHealth(ServingStatus.SERVING);

        cassandra.cut();
        try {
            awaitHealth(ServingStatus.NOT_SERVING);
            assertThat(Failures.code(this::resolveSomeone)).isEqualTo(Status.Code.UNAVAILABLE);
        } finally {
            cassandra.restore();
        }

        awaitHealth(ServingStatus.SERVING);
        ResolveResponse afterwards = Eventually.await("a Resolve after Cassandra returned", HEALTH_CHANGE,
                this::resolveSomeone, response -> true);
        assertThat(afterwards.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
    }

    @Test
    void withElasticsearchGoneHealthIsNotServingButResolveStillRecordsInCassandra() throws IOException {
        awaitHealth(ServingStatus.SERVING);

        elasticsearch.cut();
        try {
            awaitHealth(ServingStatus.NOT_SERVING);
            // Cassandra is the source of truth; the search index is derived and catches up later.
            assertThat(resolveSomeone().getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        } finally {
            elasticsearch.restore();
        }

        awaitHealth(ServingStatus.SERVING);
    }
}
