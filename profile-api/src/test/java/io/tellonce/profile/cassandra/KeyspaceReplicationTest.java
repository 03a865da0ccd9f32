package io.tellonce.profile.cassandra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KeyspaceReplicationTest {

    @Test
    void developmentUsesSimpleStrategy() {
        assertThat(KeyspaceReplication.parse("SimpleStrategy", 1, "").cql())
                .isEqualTo("{'class': 'SimpleStrategy', 'replication_factor': 1}");
    }

    @Test
    void productionNamesEachDataCentre() {
        assertThat(KeyspaceReplication.parse("NetworkTopologyStrategy", 0, "eu-west:3, us-east:3").cql())
                .isEqualTo("{'class': 'NetworkTopologyStrategy', 'eu-west': 3, 'us-east': 3}");
    }

    @Test
    void nonsenseNeverReachesCql() {
        assertThatThrownBy(() -> KeyspaceReplication.parse("EverywhereStrategy", 1, ""))
                .hasMessageContaining("SimpleStrategy or NetworkTopologyStrategy");
        assertThatThrownBy(() -> KeyspaceReplication.parse("NetworkTopologyStrategy", 1, ""))
                .hasMessageContaining("needs replication datacenters");
        assertThatThrownBy(() -> KeyspaceReplication.parse("NetworkTopologyStrategy", 1, "dc1':3"))
                .hasMessageContaining("dc1:3,dc2:3");
    }
}
