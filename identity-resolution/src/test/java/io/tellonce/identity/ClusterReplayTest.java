package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.ClusterReplay.Cluster;
import io.tellonce.identity.ClusterReplay.Link;
import io.tellonce.identity.ClusterReplay.Node;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ClusterReplayTest {
    private static Node node(int second) {
        return new Node(new ProfileId(new UUID(0, second)), Instant.ofEpochSecond(second));
    }

    @Test
    void linkedNodesAreOneProfileNamedAfterItsOldestNode() {
        Node a = node(1), b = node(2), c = node(3), d = node(4);

        List<Cluster> clusters = ClusterReplay.clusters(List.of(d, c, b, a),
                List.of(new Link(d.id(), b.id()), new Link(b.id(), a.id())));

        assertThat(clusters).containsExactlyInAnyOrder(new Cluster(a.id(), Set.of(a.id(), b.id(), d.id())),
                new Cluster(c.id(), Set.of(c.id())));
    }

    @Test
    void cuttingTheLinkOfAMergeGivesEachSideItsOwnIdBack() {
        Node a = node(1), b = node(2);
        assertThat(ClusterReplay.clusters(List.of(a, b), List.of(new Link(a.id(), b.id()))))
                .extracting(Cluster::root).containsExactly(a.id());

        assertThat(ClusterReplay.clusters(List.of(a, b), List.of()))
                .extracting(Cluster::root).containsExactly(a.id(), b.id());
    }
}
