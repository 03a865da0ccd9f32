package io.tellonce.profile.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ClusterReplay;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads one tenant's whole identity graph (a scan: for tests only) and lists every invariant it
 * breaks: each claimed identifier owned by exactly one live node that lists it; every node's root is
 * a root whose cluster lists the node; no cluster lists a node of another root; no operation left
 * pending, no lock held for long; the ledger replays to exactly the stored profiles; every profile within policy.
 */
public final class GraphInvariants {
    private static final java.time.Duration LEFT_LOCK = java.time.Duration.ofSeconds(5);
    private final CqlSession session;
    private final String tenant;

    public GraphInvariants(CqlSession session, String tenant) {
        this.session = session;
        this.tenant = tenant;
    }

    public List<String> broken(MergePolicy policy) {
        List<String> broken = new ArrayList<>();
        Map<UUID, UUID> rootOf = new HashMap<>();
        Map<UUID, Instant> createdAt = new HashMap<>();
        Map<UUID, Set<String>> listed = new HashMap<>();
        for (Row row : scan("SELECT node_id, kind, namespace, value, linkable, root_id, created_at FROM identity_node")) {
            UUID node = row.getUuid("node_id");
            rootOf.put(node, row.getUuid("root_id"));
            createdAt.put(node, row.getInstant("created_at"));
            if (row.getString("kind") != null && row.getBoolean("linkable")) {
                listed.computeIfAbsent(node, k -> new HashSet<>())
                        .add(row.getString("kind") + "|" + row.getString("namespace") + "|" + row.getString("value"));
            }
        }
        Map<String, UUID> owners = new HashMap<>();
        for (Row row : scan("SELECT kind, namespace, value, node_id FROM identifier_owner")) {
            String key = row.getString("kind") + "|" + row.getString("namespace") + "|" + row.getString("value");
            UUID node = row.getUuid("node_id");
            owners.put(key, node);
            if (!rootOf.containsKey(node) || rootOf.get(node) == null) {
                broken.add("identifier " + key + " is owned by node " + node + ", which has no profile");
            } else if (!listed.getOrDefault(node, Set.of()).contains(key)) {
                broken.add("identifier " + key + " is owned by node " + node + ", which does not list it");
            }
        }
        listed.forEach((node, keys) -> keys.forEach(key -> {
            if (!node.equals(owners.get(key))) {
                broken.add("node " + node + " lists " + key + ", owned by " + owners.get(key));
            }
        }));
        Map<UUID, Set<UUID>> clusters = new HashMap<>();
        for (Row row : scan("SELECT root_id, member_id, lock_holder, TTL(lock_holder) AS lock_ttl,"
                + " WRITETIME(lock_holder) AS locked_at, pending_merge, pending_unmerge, pending_move,"
                + " pending_plan FROM profile_cluster")) {
            UUID root = row.getUuid("root_id");
            // A lock is work in progress (the indexer or a test's read finishing what it found may hold
            // one for a few milliseconds), and every lock expires by itself: only one held far longer
            // than any operation takes is left behind.
            if (row.getUuid("lock_holder") != null) {
                Instant lockedAt = Instant.EPOCH.plus(row.getLong("locked_at"), java.time.temporal.ChronoUnit.MICROS);
                if (lockedAt.isBefore(Instant.now().minus(LEFT_LOCK))) {
                    broken.add("a lock taken at " + lockedAt + " (" + row.getInt("lock_ttl") + " s to live) is left on"
                            + " profile " + root);
                }
            }
            if (row.getUuid("pending_merge") != null || row.getUuid("pending_unmerge") != null
                    || row.getUuid("pending_move") != null || row.getUdtValue("pending_plan") != null) {
                broken.add("an operation's mark is left on profile " + root);
            }
            if (row.getUuid("member_id") != null) {
                clusters.computeIfAbsent(root, k -> new HashSet<>()).add(row.getUuid("member_id"));
            }
        }
        rootOf.forEach((node, root) -> {
            if (root == null) {
                broken.add("node " + node + " has no root");
            } else if (!root.equals(rootOf.get(root))) {
                broken.add("node " + node + " has root " + root + ", which is not a root");
            } else if (!clusters.getOrDefault(root, Set.of()).contains(node)) {
                broken.add("node " + node + " is missing from the members of its root " + root);
            }
        });
        clusters.forEach((root, members) -> members.forEach(member -> {
            if (!root.equals(rootOf.get(member))) {
                broken.add("profile " + root + " lists member " + member + " whose root is " + rootOf.get(member));
            }
        }));
        List<ClusterReplay.Node> nodes = createdAt.entrySet().stream()
                .map(e -> new ClusterReplay.Node(new ProfileId(e.getKey()), e.getValue())).toList();
        Set<ClusterReplay.Cluster> replayed = new HashSet<>(ClusterReplay.clusters(nodes, activeLinks()));
        Set<ClusterReplay.Cluster> stored = new HashSet<>();
        clusters.forEach((root, members) -> stored.add(new ClusterReplay.Cluster(new ProfileId(root),
                members.stream().map(ProfileId::new).collect(java.util.stream.Collectors.toSet()))));
        if (!replayed.equals(stored)) {
            broken.add("the ledger replays to " + replayed.size() + " profiles but " + stored.size() + " are stored");
        }
        clusters.forEach((root, members) -> {
            List<Identifier> held = new ArrayList<>();
            members.forEach(member -> listed.getOrDefault(member, Set.of()).forEach(key -> {
                String[] parts = key.split("\\|", 3);
                held.add(new Identifier(IdentifierKind.fromStorageName(parts[0]).orElseThrow(), parts[1], parts[2]));
            }));
            policy.violation(held).ifPresent(violation -> broken.add("profile " + root + ": " + violation));
        });
        broken.addAll(brokenSharedValues(policy));
        return broken;
    }

    /**
     * A resolution in flight when its value is marked may still count it, once (two rows at most); the
     * storm runs eight callers, so a value's count stops within this many rows of the threshold.
     */
    private static final int IN_FLIGHT_SIGHTINGS = 4 * 8;

    /**
     * Values marked shared (ADR 18): the claim and the tenant's list agree on since when, and counting
     * stopped at the mark, so a value's sightings stay bounded.
     */
    private List<String> brokenSharedValues(MergePolicy policy) {
        List<String> broken = new ArrayList<>();
        Map<String, Instant> claimed = new HashMap<>();
        for (Row row : scan("SELECT kind, namespace, value, shared_since FROM identifier_owner")) {
            if (row.getInstant("shared_since") != null) {
                claimed.put(row.getString("kind") + "|" + row.getString("namespace") + "|" + row.getString("value"),
                        row.getInstant("shared_since"));
            }
        }
        Map<String, Instant> listed = new HashMap<>();
        for (Row row : scan("SELECT kind, namespace, value, shared_since FROM shared_identifier")) {
            listed.put(row.getString("kind") + "|" + row.getString("namespace") + "|" + row.getString("value"),
                    row.getInstant("shared_since"));
        }
        if (!claimed.equals(listed)) {
            broken.add("values marked shared on their claims " + claimed + " differ from the tenant's list " + listed);
        }
        Map<String, Integer> sightings = new HashMap<>();
        for (Row row : scan("SELECT kind, namespace, value FROM identifier_sighting")) {
            sightings.merge(row.getString("kind") + "|" + row.getString("namespace") + "|" + row.getString("value"), 1,
                    Integer::sum);
        }
        sightings.forEach((key, count) -> {
            if (!policy.detectsSharedValues() || count > policy.sharedAfterProfiles() + IN_FLIGHT_SIGHTINGS) {
                broken.add("value " + key + " has " + count + " sightings: counting did not stop at the mark");
            }
        });
        return broken;
    }

    private List<ClusterReplay.Link> activeLinks() {
        Map<UUID, ClusterReplay.Link> linked = new HashMap<>();
        Set<UUID> unlinked = new HashSet<>();
        for (Row row : scan("SELECT node_id, link_id, event, other_node_id FROM identity_link")) {
            if ("linked".equals(row.getString("event"))) {
                linked.put(row.getUuid("link_id"), new ClusterReplay.Link(new ProfileId(row.getUuid("node_id")),
                        new ProfileId(row.getUuid("other_node_id"))));
            } else {
                unlinked.add(row.getUuid("link_id"));
            }
        }
        unlinked.forEach(linked::remove);
        return List.copyOf(linked.values());
    }

    private List<Row> scan(String cql) {
        List<Row> rows = new ArrayList<>();
        for (Row row : session.execute(SimpleStatement.newInstance(cql + " WHERE tenant = ? ALLOW FILTERING", tenant)
                .setPageSize(5000).setTimeout(java.time.Duration.ofSeconds(60)))) {
            rows.add(row);
        }
        return rows;
    }
}
