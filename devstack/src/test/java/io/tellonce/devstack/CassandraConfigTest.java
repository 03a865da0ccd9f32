package io.tellonce.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.cassandra.config.Config;
import org.apache.cassandra.config.YamlConfigurationLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CassandraConfigTest {

    /** Cassandra's own loader (it rejects unknown or misspelt settings) reads what we write. */
    @Test
    void cassandraAcceptsTheYaml(@TempDir Path folder) throws Exception {
        CassandraConfig config = new CassandraConfig(folder.resolve("it's here"), "tellonce-dev", 19042, 17000);
        Files.createDirectories(config.yamlFile().getParent());
        Files.writeString(config.yamlFile(), config.yaml());

        Config loaded = new YamlConfigurationLoader().loadConfig(config.yamlFile().toUri().toURL());

        assertEquals("tellonce-dev", loaded.cluster_name);
        assertEquals(19042, loaded.native_transport_port);
        assertEquals(17000, loaded.storage_port);
        assertEquals("127.0.0.1", loaded.listen_address);
        assertEquals("127.0.0.1", loaded.broadcast_address);
        assertEquals("127.0.0.1", loaded.rpc_address);
        assertEquals("127.0.0.1", loaded.broadcast_rpc_address);
        assertTrue(loaded.start_native_transport);
        assertFalse(loaded.auto_snapshot);
        assertEquals(folder.resolve("it's here").resolve("data").toString(), loaded.data_file_directories[0]);
        assertEquals(folder.resolve("it's here").resolve("commitlog").toString(), loaded.commitlog_directory);
        assertEquals("127.0.0.1:17000", loaded.seed_provider.parameters.get("seeds"));
    }

    @Test
    void logbackWritesToTheNodeLogFolder(@TempDir Path folder) {
        CassandraConfig config = new CassandraConfig(folder, "tellonce-dev", 1, 2);
        assertTrue(config.logback().contains("<file>" + folder.resolve("logs/system.log") + "</file>"));
        assertTrue(config.logback().contains("<root level=\"INFO\">"));
    }
}
