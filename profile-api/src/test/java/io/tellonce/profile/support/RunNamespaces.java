package io.tellonce.profile.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.devstack.SharedStores;
import io.tellonce.devstack.StoreSet;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Removes this run's keyspaces and indexes, when the JVM exits, from stores that outlive the run
 * (given by {@code TELLONCE_CASSANDRA_CONTACT_POINTS} and {@code TELLONCE_ELASTICSEARCH_URL}, e.g. the
 * stack of {@code ./tellonce up}). Every run names its own, so without this a long-lived stack collects
 * every run's schema: after four runs, about 70 keyspaces of 20 tables filled Cassandra's 1 GiB heap
 * and it spent its time in full garbage collections. Stores the run started itself go with it, and
 * nothing is done for them.
 */
final class RunNamespaces {
    /** The JVM's one list: every test class's service adds its namespace; the exit hook reads it. */
    private static final Set<String> USED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RunNamespaces::removeAll, "remove-test-namespaces"));
    }

    private RunNamespaces() {
    }

    static void used(String namespace) {
        USED.add(namespace);
    }

    private static void removeAll() {
        if (USED.isEmpty()) {
            return;
        }
        StoreSet stores = SharedStores.get();
        if (stores.cassandraOutlivesRun()) {
            dropKeyspaces(stores);
        }
        if (stores.elasticsearchOutlivesRun()) {
            deleteIndexes(stores.elasticsearch().url());
        }
    }

    private static void dropKeyspaces(StoreSet stores) {
        try (CqlSession session = CqlSession.builder()
                .addContactPoint(new InetSocketAddress(stores.cassandra().host(), stores.cassandra().port()))
                .withLocalDatacenter(stores.cassandra().localDatacenter()).build()) {
            for (String namespace : USED) {
                session.execute(SimpleStatement.newInstance("DROP KEYSPACE IF EXISTS " + namespace)
                        .setTimeout(Duration.ofSeconds(60)));
            }
        } catch (RuntimeException e) {
            System.err.println("could not drop this run's test keyspaces " + USED + ": " + e);
        }
    }

    private static void deleteIndexes(String url) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String namespace : USED) {
            try {
                // By name: Elasticsearch refuses wildcard deletes by default (action.destructive_requires_name).
                String names = http.send(HttpRequest.newBuilder(URI.create(url + "/_cat/indices/" + namespace
                        + "_*?h=index")).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
                for (String index : names.strip().split("\\s+")) {
                    if (index.startsWith(namespace + "_")) {
                        http.send(HttpRequest.newBuilder(URI.create(url + "/" + index)).DELETE()
                                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
                    }
                }
            } catch (java.io.IOException | InterruptedException | RuntimeException e) {
                System.err.println("could not delete the test indexes of " + namespace + ": " + e);
            }
        }
    }
}
