package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EnvironmentStoresTest {

    @Test
    void firstContactPointWithDefaultDatacenter() {
        Settings settings = Settings.of(Map.of(EnvironmentStores.CONTACT_POINTS, " cass-1:19042 , cass-2:19042"));
        assertEquals(new CassandraAddress("cass-1", 19042, "datacenter1"), EnvironmentStores.cassandra(settings).orElseThrow());
    }

    @Test
    void givenDatacenterAndDefaultPort() {
        Settings settings = Settings.of(Map.of(EnvironmentStores.CONTACT_POINTS, "db.example",
                EnvironmentStores.LOCAL_DATACENTER, "eu-west"));
        assertEquals(new CassandraAddress("db.example", 9042, "eu-west"), EnvironmentStores.cassandra(settings).orElseThrow());
    }

    @Test
    void ipv6ContactPoints() {
        assertEquals(new CassandraAddress("::1", 9142, "dc"), EnvironmentStores.parseContactPoint("[::1]:9142", "dc"));
        assertEquals(new CassandraAddress("::1", 9042, "dc"), EnvironmentStores.parseContactPoint("::1", "dc"));
        assertEquals("[::1]:9142", new CassandraAddress("::1", 9142, "dc").contactPoint());
    }

    @Test
    void badPortIsExplained() {
        var error = assertThrows(IllegalArgumentException.class,
                () -> EnvironmentStores.parseContactPoint("db:ninety", "dc"));
        assertTrue(error.getMessage().contains("host:port"));
    }

    @Test
    void blankMeansAbsent() {
        Settings settings = Settings.of(Map.of(EnvironmentStores.CONTACT_POINTS, " ", EnvironmentStores.ELASTICSEARCH_URL, ""));
        assertTrue(EnvironmentStores.cassandra(settings).isEmpty());
        assertTrue(EnvironmentStores.elasticsearch(settings).isEmpty());
    }

    @Test
    void elasticsearchUrlIsCheckedAndTrimmed() {
        Settings good = Settings.of(Map.of(EnvironmentStores.ELASTICSEARCH_URL, "http://es:9200/"));
        assertEquals("http://es:9200", EnvironmentStores.elasticsearch(good).orElseThrow().url());
        Settings bad = Settings.of(Map.of(EnvironmentStores.ELASTICSEARCH_URL, "es:9200"));
        assertThrows(IllegalArgumentException.class, () -> EnvironmentStores.elasticsearch(bad));
    }

    @Test
    void variablesRoundTrip() {
        var cassandra = new CassandraAddress("127.0.0.1", 9042, "datacenter1");
        var elasticsearch = new ElasticsearchAddress("http://127.0.0.1:9200");
        Settings settings = Settings.of(EnvironmentStores.variables(cassandra, elasticsearch));
        assertEquals(cassandra, EnvironmentStores.cassandra(settings).orElseThrow());
        assertEquals(elasticsearch, EnvironmentStores.elasticsearch(settings).orElseThrow());
    }

    /** Addresses given in the environment are used as they are: nothing starts, closing stops nothing. */
    @Test
    void provisionerUsesGivenAddresses() {
        Settings settings = Settings.of(Map.of(EnvironmentStores.CONTACT_POINTS, "10.0.0.1:9042",
                EnvironmentStores.ELASTICSEARCH_URL, "http://10.0.0.2:9200"));
        try (StoreSet stores = new StoreProvisioner(settings).provision(java.nio.file.Path.of("never-created"))) {
            assertEquals("10.0.0.1:9042", stores.cassandra().contactPoint());
            assertEquals("http://10.0.0.2:9200", stores.elasticsearch().url());
            assertTrue(stores.origin().contains("given by TELLONCE_CASSANDRA_CONTACT_POINTS"));
        }
        assertTrue(java.nio.file.Files.notExists(java.nio.file.Path.of("never-created")));
    }
}
