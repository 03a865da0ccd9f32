package io.tellonce.identity;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Profiles from the ledger: the nodes connected by active links form one profile, whose id is that
 * of its oldest node. Replaying the ledger after any sequence of merges and unmerges gives the same
 * profiles, and an unmerge gives each side back the id it had before.
 */
public final class ClusterReplay {

    /** A node as the replay needs it. */
    public record Node(ProfileId id, Instant createdAt) {
    }

    /** An active link between two nodes. */
    public record Link(ProfileId a, ProfileId b) {
    }

    /** A profile: its root (oldest node) and every node in it. */
    public record Cluster(ProfileId root, Set<ProfileId> members) {
        public Cluster {
            members = Set.copyOf(members);
        }
    }

    /** The oldest first; equal times ordered by id, so every replica picks the same root. */
    public static final Comparator<Node> AGE = Comparator.comparing(Node::createdAt)
            .thenComparing(node -> node.id().value());

    private ClusterReplay() {
    }

    public static List<Cluster> clusters(Collection<Node> nodes, Collection<Link> links) {
        Map<ProfileId, Node> byId = new HashMap<>();
        nodes.forEach(node -> byId.put(node.id(), node));
        Map<ProfileId, List<ProfileId>> neighbours = new HashMap<>();
        for (Link link : links) {
            if (!byId.containsKey(link.a()) || !byId.containsKey(link.b())) {
                throw new IllegalArgumentException("link " + link + " names a node outside the replay");
            }
            neighbours.computeIfAbsent(link.a(), k -> new ArrayList<>()).add(link.b());
            neighbours.computeIfAbsent(link.b(), k -> new ArrayList<>()).add(link.a());
        }
        Set<ProfileId> seen = new HashSet<>();
        List<Cluster> clusters = new ArrayList<>();
        for (Node start : nodes.stream().sorted(AGE).toList()) {
            if (seen.add(start.id())) {
                Set<ProfileId> members = new HashSet<>();
                Deque<ProfileId> next = new ArrayDeque<>(List.of(start.id()));
                while (!next.isEmpty()) {
                    ProfileId node = next.pop();
                    members.add(node);
                    for (ProfileId other : neighbours.getOrDefault(node, List.of())) {
                        if (seen.add(other)) {
                            next.push(other);
                        }
                    }
                }
                clusters.add(new Cluster(start.id(), members));
            }
        }
        return clusters;
    }
}
