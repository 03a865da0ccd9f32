package io.tellonce.profile.support;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.tellonce.devstack.SharedStores;
import io.tellonce.devstack.StoreSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What each test class needs to run the real service on the shared stores: its own keyspace and
 * index prefix (so classes never see each other's data), free ports, and a channel to call it.
 */
public final class ServiceUnderTest implements AutoCloseable {
    /**
     * Tells this test run's keyspaces and indexes from an earlier run's on stores that outlive a run
     * (TELLONCE_CASSANDRA_CONTACT_POINTS): tests use fixed phone numbers and would find the last run's
     * people. One value per JVM, so that two instances of one class share their namespace.
     */
    private static final String RUN = Long.toString(System.currentTimeMillis() / 1000 % 60_466_176L, 36);

    private final String namespace;
    private final int grpcPort = freePort();
    private final int httpPort = freePort();
    private ManagedChannel channel;

    /** @param namespace lower-case letters, digits and '_': becomes the keyspace and the index prefix */
    public ServiceUnderTest(String namespace) {
        this.namespace = namespace + "_" + RUN;
        RunNamespaces.used(this.namespace);
    }

    /** Micronaut properties for the service, on the shared stores. */
    public Map<String, String> properties() {
        StoreSet stores = SharedStores.get();
        return properties(stores.cassandra().contactPoint(), stores.elasticsearch().url());
    }

    /** Micronaut properties for the service, on the given store addresses (e.g. through a proxy). */
    public Map<String, String> properties(String cassandraContactPoint, String elasticsearchUrl) {
        Map<String, String> properties = new HashMap<>();
        properties.put("tellonce.cassandra.contact-points", cassandraContactPoint);
        properties.put("tellonce.cassandra.local-datacenter", SharedStores.get().cassandra().localDatacenter());
        properties.put("tellonce.cassandra.keyspace", namespace);
        properties.put("tellonce.cassandra.startup-timeout", "60s");
        // Tests share two cores with the stores and measure outcomes, not latency.
        properties.put("tellonce.cassandra.request-timeout", "10s");
        properties.put("tellonce.elasticsearch.url", elasticsearchUrl);
        properties.put("tellonce.elasticsearch.index-prefix", namespace + "_");
        properties.put("tellonce.health.check-interval", "300ms");
        properties.put("tellonce.security.public-key", TestTokens.publicKeyFile().toString());
        properties.put("grpc.server.port", String.valueOf(grpcPort));
        properties.put("micronaut.server.port", String.valueOf(httpPort));
        return properties;
    }

    /**
     * Micronaut properties for the service with Elasticsearch behind a proxy that a test can cut:
     * short timeouts and back-off, so that the indexer notices the outage and the return quickly.
     */
    public Map<String, String> propertiesBehind(TcpProxy elasticsearch) {
        Map<String, String> properties = properties(SharedStores.get().cassandra().contactPoint(),
                "http://127.0.0.1:" + elasticsearch.port());
        properties.put("tellonce.indexing.max-backoff", "1s");
        properties.put("tellonce.elasticsearch.request-timeout", "2s");
        return properties;
    }

    /** A proxy in front of the shared Elasticsearch. */
    public static TcpProxy elasticsearchProxy() {
        try {
            java.net.URI es = java.net.URI.create(SharedStores.get().elasticsearch().url());
            return new TcpProxy(es.getHost(), es.getPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String namespace() {
        return namespace;
    }

    /** The base URL of the service's HTTP port (health, metrics). */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public synchronized ManagedChannel channel() {
        if (channel == null) {
            channel = ManagedChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        }
        return channel;
    }

    /**
     * The stub, calling as the given tenant with every role, with a 30 s deadline from now: make one
     * per call.
     */
    public static <S extends AbstractStub<S>> S asTenant(S stub, String tenant) {
        return withToken(stub, TestTokens.forTenant(tenant));
    }

    /** The stub, calling with the given roles as the given subject of the tenant. */
    public static <S extends AbstractStub<S>> S asCaller(S stub, String tenant, String subject, String... roles) {
        return withToken(stub, TestTokens.forRoles(tenant, subject, java.util.List.of(roles)));
    }

    /** The stub, sending the given bearer token, with a 30 s deadline from now. */
    public static <S extends AbstractStub<S>> S withToken(S stub, String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @Override
    public synchronized void close() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    /** A port free now, on this machine. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
