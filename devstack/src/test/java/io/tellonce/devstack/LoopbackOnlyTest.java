package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local stores listen on loopback only (their yaml is checked in CassandraConfigTest). */
class LoopbackOnlyTest {

    private static final StoreDistributions NOWHERE = new StoreDistributions(Path.of("/nonexistent/stores"),
            "5.0.9", "8.19.21");

    @Test
    void cassandraStartsNoJmxServer(@TempDir Path runFolder) {
        List<String> command = new LocalCassandra(NOWHERE, runFolder, CassandraOptions.defaults(),
                LaunchMode.DETACHED).command();
        // Cassandra opens a JMX port only when one of these is given: remote (every interface) or local.
        assertFalse(command.stream().anyMatch(argument -> argument.startsWith("-Dcom.sun.management.jmxremote")
                || argument.startsWith("-Dcassandra.jmx")), command.toString());
    }

    @Test
    void elasticsearchBindsBothPortsToLoopback(@TempDir Path runFolder) {
        List<String> command = new LocalElasticsearch(NOWHERE, runFolder, ElasticsearchOptions.defaults(),
                LaunchMode.DETACHED, Settings.of(Map.of())).command();
        for (String setting : List.of("network.host", "http.host", "transport.host")) {
            assertTrue(command.contains("-E" + setting + "=127.0.0.1"), setting + " in " + command);
        }
    }
}
