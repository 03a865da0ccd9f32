package io.tellonce.devstack;

import static io.tellonce.devstack.StoreChecks.assertAllDead;
import static io.tellonce.devstack.StoreChecks.assertPortsFree;
import static io.tellonce.devstack.StoreChecks.http;
import static io.tellonce.devstack.StoreChecks.session;
import static io.tellonce.devstack.StoreChecks.tree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real Cassandra and Elasticsearch processes: start, talk to them, stop, restart on the same data. */
class LocalStoresTest {

    private final StoreDistributions distributions = StoreDistributions.locate().verified();

    @Test
    void startStopAndRestartOnTheSameData() throws Exception {
        Path runFolder = StoreChecks.runFolder("devstack-test");
        LocalCassandra cassandra = new LocalCassandra(distributions, runFolder, CassandraOptions.defaults(), LaunchMode.ATTACHED);
        LocalElasticsearch elasticsearch = new LocalElasticsearch(distributions, runFolder, ElasticsearchOptions.defaults(),
                LaunchMode.ATTACHED);
        try {
            long begin = System.nanoTime();
            cassandra.launch();
            elasticsearch.launch();
            CassandraAddress cql = cassandra.awaitReady();
            long cassandraReady = StoreChecks.secondsSince(begin);
            ElasticsearchAddress rest = elasticsearch.awaitReady();
            System.out.printf("first start: Cassandra ready after %d ms, Elasticsearch after %d ms (started together)%n",
                    cassandraReady, StoreChecks.secondsSince(begin));

            try (CqlSession session = session(cql)) {
                assertEquals("5.0.9", session.execute("SELECT release_version FROM system.local").one().getString(0));
                session.execute("CREATE KEYSPACE devstack_test WITH replication = {'class': 'SimpleStrategy', 'replication_factor': 1}");
                session.execute("CREATE TABLE devstack_test.notes (id int PRIMARY KEY, text text)");
                session.execute("INSERT INTO devstack_test.notes (id, text) VALUES (1, 'kept across restarts')");
            }
            assertEquals(201, http("PUT", rest.url() + "/devstack-test/_doc/1?refresh=true", "{\"name\":\"Ada\"}").statusCode());
            assertTrue(HttpProbe.elasticsearchHealthy(rest, java.time.Duration.ofSeconds(5)));
            assertTrue(Files.exists(cassandra.folder().resolve("cassandra.pid")));

            List<ProcessHandle> processes = new ArrayList<>(tree(cassandra.processHandle()));
            List<ProcessHandle> elasticsearchTree = tree(elasticsearch.processHandle());
            assertTrue(elasticsearchTree.size() >= 2, "launcher and server JVM: " + elasticsearchTree);
            processes.addAll(elasticsearchTree);
            cassandra.stop();
            elasticsearch.stop();
            assertAllDead(processes);
            assertFalse(cassandra.isRunning() || elasticsearch.isRunning());
            assertFalse(Files.exists(cassandra.folder().resolve("cassandra.pid")));
            assertPortsFree(cql.port(), cassandra.storagePort(), URI.create(rest.url()).getPort(), elasticsearch.transportPort());

            begin = System.nanoTime();
            cassandra.launch();
            elasticsearch.launch();
            assertEquals(cql, cassandra.awaitReady());
            cassandraReady = StoreChecks.secondsSince(begin);
            assertEquals(rest, elasticsearch.awaitReady());
            System.out.printf("restart: Cassandra ready after %d ms, Elasticsearch after %d ms (started together)%n",
                    cassandraReady, StoreChecks.secondsSince(begin));
            try (CqlSession session = session(cql)) {
                Row row = session.execute("SELECT text FROM devstack_test.notes WHERE id = 1").one();
                assertEquals("kept across restarts", row.getString("text"));
            }
            String document = http("GET", rest.url() + "/devstack-test/_doc/1", null).body();
            assertTrue(document.contains("\"found\":true") && document.contains("Ada"), document);
        } finally {
            cassandra.stop();
            elasticsearch.stop();
        }
        assertFalse(cassandra.isRunning() || elasticsearch.isRunning());
    }

    /** A store that dies at once is reported with its exit code and the end of its output. */
    @Test
    void failureNamesExitCodeAndLog() {
        Path runFolder = StoreChecks.runFolder("devstack-fail");
        LocalCassandra cassandra = new LocalCassandra(distributions, runFolder,
                CassandraOptions.defaults().withHeap("lots"), LaunchMode.ATTACHED);
        StoreStartFailure failure = assertThrows(StoreStartFailure.class, cassandra::start);
        assertTrue(failure.getMessage().contains("exited during startup (exit code 1)"), failure.getMessage());
        assertTrue(failure.getMessage().contains(cassandra.logFile().toString()), failure.getMessage());
        assertTrue(failure.getMessage().contains("Invalid initial heap size"), failure.getMessage());
        assertFalse(cassandra.isRunning());
    }
}
