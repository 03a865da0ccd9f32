package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.identity.ClusterReplay.Cluster;
import io.tellonce.identity.ClusterReplay.Link;
import io.tellonce.identity.ClusterReplay.Node;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;

/**
 * Properties of the ledger replay over generated ledgers: nodes created within a few seconds of each
 * other (so that equal creation times are common) and any links between them, loops and repeats included.
 */
class ClusterReplayPropertyTest {
    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    /** The oldest first, equal times by id: written out here rather than taken from ClusterReplay.AGE. */
    private static final Comparator<Node> OLDEST_FIRST = (x, y) -> x.createdAt().equals(y.createdAt())
            ? x.id().value().compareTo(y.id().value()) : x.createdAt().compareTo(y.createdAt());

    record Ledger(List<Node> nodes, List<Link> links) {
    }

    /** A ledger and the links one merge adds to it. */
    record Merge(Ledger ledger, List<Link> links) {
    }

    /** The same ledger with its nodes and links in another order, and some links written the other way round. */
    record Reordered(Ledger ledger, List<Node> nodes, List<Link> links) {
    }

    @Property(tries = 500)
    void mergingAndThenUnmergingExactlyThoseLinksGivesBackTheSameProfiles(@ForAll("merges") Merge merge) {
        List<Node> nodes = merge.ledger().nodes();
        List<Link> before = merge.ledger().links();
        List<Cluster> profilesBefore = ClusterReplay.clusters(nodes, before);

        List<Link> merged = new ArrayList<>(before);
        merged.addAll(merge.links());
        List<Cluster> profilesMerged = ClusterReplay.clusters(nodes, merged);

        // The merge did something: the ends of each of its links are one profile, every profile from
        // before is inside one profile now, and that profile is named after the oldest of their roots.
        merge.links().forEach(link -> assertThat(profileOf(profilesMerged, link.a()))
                .isEqualTo(profileOf(profilesMerged, link.b())));
        Map<ProfileId, Node> byId = byId(nodes);
        for (Cluster after : profilesMerged) {
            List<Cluster> inside = profilesBefore.stream()
                    .filter(old -> after.members().containsAll(old.members())).toList();
            assertThat(inside.stream().flatMap(old -> old.members().stream()).collect(Collectors.toSet()))
                    .isEqualTo(after.members());
            assertThat(after.root()).isEqualTo(inside.stream().map(old -> byId.get(old.root()))
                    .min(OLDEST_FIRST).orElseThrow().id());
        }

        // The unmerge removes exactly the merge's links from the ledger, wherever equal ones stand.
        List<Link> unmerged = new ArrayList<>(merged);
        merge.links().forEach(unmerged::remove);

        assertThat(ClusterReplay.clusters(nodes, unmerged)).isEqualTo(profilesBefore);
    }

    @Property(tries = 500)
    void theProfilesPartitionTheNodes(@ForAll("ledgers") Ledger ledger) {
        List<Cluster> profiles = ClusterReplay.clusters(ledger.nodes(), ledger.links());

        Map<ProfileId, Long> profilesPerNode = profiles.stream().flatMap(profile -> profile.members().stream())
                .collect(Collectors.groupingBy(id -> id, Collectors.counting()));
        assertThat(profilesPerNode.keySet()).isEqualTo(ids(ledger.nodes()));
        assertThat(profilesPerNode.values()).containsOnly(1L);
    }

    @Property(tries = 500)
    void theProfilesAreExactlyTheGroupsOfNodesConnectedByLinks(@ForAll("ledgers") Ledger ledger) {
        List<Cluster> profiles = ClusterReplay.clusters(ledger.nodes(), ledger.links());

        assertThat(profiles.stream().map(Cluster::members).collect(Collectors.toSet()))
                .isEqualTo(connectedGroups(ledger.nodes(), ledger.links()));
    }

    @Property(tries = 500)
    void everyProfileIsNamedAfterItsOldestNode(@ForAll("ledgers") Ledger ledger) {
        Map<ProfileId, Node> byId = byId(ledger.nodes());

        for (Cluster profile : ClusterReplay.clusters(ledger.nodes(), ledger.links())) {
            assertThat(profile.members()).contains(profile.root());
            Node oldest = profile.members().stream().map(byId::get).min(OLDEST_FIRST).orElseThrow();
            assertThat(profile.root()).isEqualTo(oldest.id());
        }
    }

    @Property(tries = 500)
    void theProfilesDoNotDependOnTheOrderOfNodesAndLinksNorOnWhichWayALinkIsWritten(
            @ForAll("reorderedLedgers") Reordered reordered) {
        Ledger ledger = reordered.ledger();

        assertThat(ClusterReplay.clusters(reordered.nodes(), reordered.links()))
                .isEqualTo(ClusterReplay.clusters(ledger.nodes(), ledger.links()));
    }

    @Property(tries = 200)
    void aLinkToANodeOutsideTheReplayIsRefused(@ForAll("ledgers") Ledger ledger, @ForAll boolean outsideFirst) {
        ProfileId inside = ledger.nodes().get(0).id();
        Set<ProfileId> known = ids(ledger.nodes());
        ProfileId outside = Stream.iterate(0L, i -> i + 1).map(i -> new ProfileId(new UUID(42, i)))
                .filter(id -> !known.contains(id)).findFirst().orElseThrow();
        List<Link> links = new ArrayList<>(ledger.links());
        links.add(outsideFirst ? new Link(outside, inside) : new Link(inside, outside));

        assertThatThrownBy(() -> ClusterReplay.clusters(ledger.nodes(), links))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the oracle and helpers -----------------------------------------------------------------

    /** The connected groups by a plain union-find, independent of ClusterReplay's search. */
    private static Set<Set<ProfileId>> connectedGroups(List<Node> nodes, List<Link> links) {
        Map<ProfileId, ProfileId> parent = new HashMap<>();
        nodes.forEach(node -> parent.put(node.id(), node.id()));
        for (Link link : links) {
            parent.put(find(parent, link.a()), find(parent, link.b()));
        }
        Map<ProfileId, Set<ProfileId>> groups = new HashMap<>();
        nodes.forEach(node -> groups.computeIfAbsent(find(parent, node.id()), k -> new HashSet<>()).add(node.id()));
        return new HashSet<>(groups.values());
    }

    private static ProfileId find(Map<ProfileId, ProfileId> parent, ProfileId id) {
        ProfileId root = id;
        while (!parent.get(root).equals(root)) {
            root = parent.get(root);
        }
        return root;
    }

    private static Cluster profileOf(List<Cluster> profiles, ProfileId node) {
        return profiles.stream().filter(profile -> profile.members().contains(node)).findFirst().orElseThrow();
    }

    private static Map<ProfileId, Node> byId(Collection<Node> nodes) {
        return nodes.stream().collect(Collectors.toMap(Node::id, node -> node));
    }

    private static Set<ProfileId> ids(Collection<Node> nodes) {
        return nodes.stream().map(Node::id).collect(Collectors.toSet());
    }

    // ---- generators -----------------------------------------------------------------------------

    /** 1 to 25 nodes with distinct ids (any UUID, so the signed order of UUIDs matters) and close creation times. */
    @Provide
    Arbitrary<List<Node>> nodes() {
        Arbitrary<UUID> ids = Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
        return Arbitraries.integers().between(1, 25).withDistribution(RandomDistribution.uniform()).flatMap(count -> Combinators.combine(
                        ids.list().ofSize(count).uniqueElements(),
                        Arbitraries.integers().between(0, 12).list().ofSize(count))
                .as((uuids, seconds) -> {
                    List<Node> nodes = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        nodes.add(new Node(new ProfileId(uuids.get(i)), EPOCH.plusSeconds(seconds.get(i))));
                    }
                    return nodes;
                }));
    }

    private static Arbitrary<Link> linksBetween(List<Node> nodes) {
        Arbitrary<ProfileId> node = Arbitraries.of(nodes).map(Node::id);
        return Combinators.combine(node, node).as(Link::new);
    }

    @Provide
    Arbitrary<Ledger> ledgers() {
        return nodes().flatMap(nodes -> linksBetween(nodes).list().ofMaxSize(nodes.size() + 3)
                .withSizeDistribution(RandomDistribution.uniform())
                .map(links -> new Ledger(nodes, links)));
    }

    @Provide
    Arbitrary<Merge> merges() {
        return ledgers().flatMap(ledger -> linksBetween(ledger.nodes()).list().ofMinSize(1).ofMaxSize(4)
                .map(links -> new Merge(ledger, links)));
    }

    @Provide
    Arbitrary<Reordered> reorderedLedgers() {
        return ledgers().flatMap(ledger -> Combinators.combine(
                        Arbitraries.shuffle(ledger.nodes()),
                        Arbitraries.shuffle(ledger.links()),
                        Arbitraries.of(true, false).list().ofSize(ledger.links().size()))
                .as((nodes, links, flips) -> {
                    List<Link> written = new ArrayList<>();
                    for (int i = 0; i < links.size(); i++) {
                        Link link = links.get(i);
                        written.add(flips.get(i) ? new Link(link.b(), link.a()) : link);
                    }
                    return new Reordered(ledger, nodes, written);
                }));
    }
}
