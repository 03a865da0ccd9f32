package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ClusterReplay;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergeRefused;
import io.tellonce.identity.MergeRequest;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.MergeNotFound;
import io.tellonce.profile.app.PreconditionFailed;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Merges and unmerges of profiles in Cassandra. Each runs under a lock on every profile it changes,
 * records itself (ledger entries, the merge, and a pending marker on each profile) in one logged
 * batch, and only then moves members; every step after the batch is idempotent. A crash after the
 * batch leaves the pending marker, and whoever next reads the profile's root finishes the work
 * ({@link #currentRoots}). Merges are rare, so these run as plain blocking steps on their own threads.
 */
@Singleton
final class ClusterOperations {
    private static final TupleType LINK = DataTypes.tupleOf(DataTypes.UUID, DataTypes.UUID, DataTypes.TIMEUUID);

    private final CqlSession session;
    private final GraphStatements cql;
    private final Clock clock;
    private final ClusterSteps steps;
    private final ProfileLocks locks;
    private final ChangeFeed feed;

    ClusterOperations(CqlSession session, GraphStatements cql, Clock clock, ClusterSteps steps, ProfileLocks locks,
                      ChangeFeed feed) {
        this.session = session;
        this.cql = cql;
        this.clock = clock;
        this.steps = steps;
        this.locks = locks;
        this.feed = feed;
    }

    /** The current root of each node, after finishing whatever a crash left half-done on their profiles. */
    Map<ProfileId, ProfileId> currentRoots(TenantId tenant, Set<ProfileId> nodes) {
        Map<ProfileId, ProfileId> roots = new HashMap<>();
        for (ProfileId node : nodes) {
            roots.put(node, currentRoot(tenant, node).orElseThrow(
                    () -> new ClusterChangedException("node " + node + " has no profile yet")));
        }
        return roots;
    }

    /** The node's current root, as {@link #currentRoots}; empty when no node has this id. */
    Optional<ProfileId> currentRoot(TenantId tenant, ProfileId node) {
        Optional<ProfileId> root = rootOf(tenant, node);
        if (root.isPresent() && finishPending(tenant, root.get())) {
            root = rootOf(tenant, node);
        }
        return root;
    }

    Optional<ProfileId> rootOf(TenantId tenant, ProfileId node) {
        Row head = session.execute(cql.selectNodeHead.bind(tenant.value(), node.value())).one();
        return head == null || head.getUuid("root_id") == null ? Optional.empty()
                : Optional.of(new ProfileId(head.getUuid("root_id")));
    }

    List<ProfileId> members(TenantId tenant, ProfileId root) {
        List<ProfileId> members = new ArrayList<>();
        for (Row row : session.execute(cql.selectCluster.bind(tenant.value(), root.value()))) {
            if (row.getUuid("member_id") != null) {
                members.add(new ProfileId(row.getUuid("member_id")));
            }
        }
        return members;
    }

    MergeResult merge(TenantId tenant, MergeRequest request) {
        Set<ProfileId> nodes = new LinkedHashSet<>();
        request.links().forEach(pair -> {
            nodes.add(pair.node());
            nodes.add(pair.otherNode());
        });
        List<ProfileId> involved = currentRoots(tenant, nodes).values().stream().distinct()
                .sorted(Comparator.comparing(ProfileId::value)).toList();
        UUID holder = UUID.randomUUID();
        List<ProfileId> locked = new ArrayList<>();
        try {
            for (ProfileId root : involved) {
                locks.lock(tenant, root, holder);
                locked.add(root);
            }
            for (ProfileId root : involved) {
                locks.verifySettled(tenant, root);
            }
            List<Identifier> combined = new ArrayList<>();
            involved.forEach(root -> combined.addAll(profileIdentifiers(tenant, root)));
            request.policy().violation(combined).ifPresent(violation -> {
                throw new MergeRefused(violation);
            });
            Map<ProfileId, Instant> created = new HashMap<>();
            involved.forEach(root -> created.put(root, createdAt(tenant, root)));
            ProfileId survivor = involved.stream().min(Comparator.comparing((ProfileId root) -> created.get(root))
                    .thenComparing(ProfileId::value)).orElseThrow();
            List<ProfileId> absorbed = involved.stream().filter(root -> !root.equals(survivor)).toList();
            UUID mergeId = Uuids.random();
            record(tenant, request, mergeId, survivor, absorbed, involved);
            steps.reached(ClusterSteps.MERGE_RECORDED);
            finishMerge(tenant, mergeId);
            return new MergeResult(survivor, absorbed, mergeId);
        } finally {
            locked.forEach(root -> locks.unlock(tenant, root, holder));
        }
    }

    private void record(TenantId tenant, MergeRequest request, UUID mergeId, ProfileId survivor,
                        List<ProfileId> absorbed, List<ProfileId> involved) {
        Instant now = clock.instant();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        List<TupleValue> links = new ArrayList<>();
        for (MergeRequest.NodePair pair : request.links()) {
            UUID linkId = Uuids.timeBased();
            links.add(LINK.newValue(pair.node().value(), pair.otherNode().value(), linkId));
            for (ProfileId[] ends : new ProfileId[][] {{pair.node(), pair.otherNode()}, {pair.otherNode(), pair.node()}}) {
                batch.addStatement(cql.insertLink.bind(tenant.value(), ends[0].value(), linkId, "linked",
                        ends[1].value(), mergeId, request.rule(), pair.evidence(), request.actor(), request.reason(), now));
            }
        }
        batch.addStatement(cql.insertMerge.bind(tenant.value(), mergeId, survivor.value(),
                absorbed.stream().map(ProfileId::value).toList(), links, request.rule(), request.actor(),
                request.reason(), now));
        involved.forEach(root -> batch.addStatement(cql.markPendingMerge.bind(mergeId, tenant.value(), root.value())));
        batch.addStatement(feed.change(tenant, ChangeFeed.PROFILES_MERGED, involved,
                "merge " + mergeId + ": " + absorbed + " into " + survivor));
        session.execute(batch.setIdempotence(true).build());
    }

    /** Moves the members of each absorbed profile under the survivor. Idempotent. */
    private void finishMerge(TenantId tenant, UUID mergeId) {
        Row merge = session.execute(cql.selectMerge.bind(tenant.value(), mergeId)).one();
        if (merge == null) {
            return;
        }
        ProfileId survivor = new ProfileId(merge.getUuid("profile_id"));
        for (UUID absorbedId : merge.get("absorbed", CqlTypes.UUIDS)) {
            ProfileId absorbed = new ProfileId(absorbedId);
            for (ProfileId member : members(tenant, absorbed)) {
                session.execute(cql.setRoot.bind(survivor.value(), tenant.value(), member.value()));
                steps.reached(ClusterSteps.MERGE_MEMBER_MOVED);
                session.execute(cql.addMember.bind(tenant.value(), survivor.value(), member.value()));
            }
            session.execute(cql.deleteCluster.bind(tenant.value(), absorbed.value()));
            steps.reached(ClusterSteps.MERGE_PROFILE_ABSORBED);
        }
        session.execute(cql.clearPendingMerge.bind(tenant.value(), survivor.value()));
    }

    /**
     * Undoes one merge: cuts its links and replays the ledger of the profile it is in now, so that each
     * side becomes the profile it would be had the merge not happened, under its own earlier id.
     *
     * @return the profiles afterwards
     */
    List<ProfileId> unmerge(TenantId tenant, UUID mergeId, String actor, String reason) {
        Row merge = session.execute(cql.selectMerge.bind(tenant.value(), mergeId)).one();
        if (merge == null) {
            throw new MergeNotFound(mergeId, "no such merge in this tenant");
        }
        if (merge.getInstant("undone_at") != null) {
            throw new PreconditionFailed("merge " + mergeId + " was already undone at " + merge.getInstant("undone_at"));
        }
        List<TupleValue> links = merge.get("links", CqlTypes.TUPLES);
        ProfileId anyNode = new ProfileId(links.get(0).getUuid(0));
        ProfileId root = currentRoots(tenant, Set.of(anyNode)).get(anyNode);
        UUID holder = UUID.randomUUID();
        locks.lock(tenant, root, holder);
        try {
            locks.verifySettled(tenant, root);
            Instant now = clock.instant();
            BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
            for (TupleValue link : links) {
                UUID a = link.getUuid(0);
                UUID b = link.getUuid(1);
                UUID linkId = link.getUuid(2);
                batch.addStatement(cql.insertLink.bind(tenant.value(), a, linkId, "unlinked", b, mergeId, "unmerge",
                        "", actor, reason, now));
                batch.addStatement(cql.insertLink.bind(tenant.value(), b, linkId, "unlinked", a, mergeId, "unmerge",
                        "", actor, reason, now));
            }
            batch.addStatement(cql.undoMerge.bind(now, actor, reason, tenant.value(), mergeId));
            batch.addStatement(cql.markPendingUnmerge.bind(mergeId, tenant.value(), root.value()));
            Set<ProfileId> affected = new LinkedHashSet<>(List.of(root));
            links.forEach(link -> {
                affected.add(new ProfileId(link.getUuid(0)));
                affected.add(new ProfileId(link.getUuid(1)));
            });
            batch.addStatement(feed.change(tenant, ChangeFeed.PROFILE_UNMERGED, affected,
                    "merge " + mergeId + " undone by " + actor + ": " + reason));
            session.execute(batch.setIdempotence(true).build());
            steps.reached(ClusterSteps.UNMERGE_RECORDED);
            return finishUnmerge(tenant, root);
        } finally {
            locks.unlock(tenant, root, holder);
        }
    }

    /** Replays the active links among the profile's members and regroups them. Idempotent. */
    private List<ProfileId> finishUnmerge(TenantId tenant, ProfileId root) {
        List<ProfileId> members = members(tenant, root);
        Set<ProfileId> memberSet = new HashSet<>(members);
        List<ClusterReplay.Node> nodes = new ArrayList<>();
        List<ClusterReplay.Link> active = new ArrayList<>();
        for (ProfileId member : members) {
            nodes.add(new ClusterReplay.Node(member, createdAt(tenant, member)));
            activeLinks(tenant, member).stream()
                    .filter(memberSet::contains)
                    .forEach(other -> active.add(new ClusterReplay.Link(member, other)));
        }
        List<ProfileId> profiles = new ArrayList<>();
        for (ClusterReplay.Cluster cluster : ClusterReplay.clusters(nodes, active)) {
            profiles.add(cluster.root());
            for (ProfileId member : cluster.members()) {
                session.execute(cql.setRoot.bind(cluster.root().value(), tenant.value(), member.value()));
                steps.reached(ClusterSteps.UNMERGE_MEMBER_MOVED);
                session.execute(cql.addMember.bind(tenant.value(), cluster.root().value(), member.value()));
                if (!cluster.root().equals(root)) {
                    session.execute(cql.removeMember.bind(tenant.value(), root.value(), member.value()));
                }
            }
        }
        session.execute(cql.clearPendingUnmerge.bind(tenant.value(), root.value()));
        return profiles;
    }

    /** The other ends of the node's links that were made and not undone. */
    private List<ProfileId> activeLinks(TenantId tenant, ProfileId node) {
        Map<UUID, UUID> linked = new HashMap<>();
        Set<UUID> unlinked = new HashSet<>();
        for (Row row : session.execute(cql.selectLinks.bind(tenant.value(), node.value()))) {
            if ("linked".equals(row.getString("event"))) {
                linked.put(row.getUuid("link_id"), row.getUuid("other_node_id"));
            } else {
                unlinked.add(row.getUuid("link_id"));
            }
        }
        unlinked.forEach(linked::remove);
        return linked.values().stream().map(ProfileId::new).toList();
    }

    /**
     * Finishes a merge or unmerge left pending on this profile (its operation crashed, or is finishing
     * right now), holding the same locks the operation held, so that two finishers never interleave
     * with each other or with a later operation. True when there was one.
     */
    private boolean finishPending(TenantId tenant, ProfileId root) {
        Row head = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
        if (head == null || (head.getUuid("pending_merge") == null && head.getUuid("pending_unmerge") == null)) {
            return false;
        }
        UUID mergeId = head.getUuid("pending_merge");
        List<ProfileId> involved = new ArrayList<>(List.of(root));
        if (mergeId != null) {
            Row merge = session.execute(cql.selectMerge.bind(tenant.value(), mergeId)).one();
            if (merge != null) {
                involved.add(new ProfileId(merge.getUuid("profile_id")));
                merge.get("absorbed", CqlTypes.UUIDS).forEach(id -> involved.add(new ProfileId(id)));
            }
        }
        List<ProfileId> ordered = involved.stream().distinct().sorted(Comparator.comparing(ProfileId::value)).toList();
        UUID holder = UUID.randomUUID();
        locks.lockAllWaiting(tenant, ordered, holder);
        try {
            Row now = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
            if (now != null && now.getUuid("pending_merge") != null) {
                finishMerge(tenant, now.getUuid("pending_merge"));
            }
            if (now != null && now.getUuid("pending_unmerge") != null) {
                finishUnmerge(tenant, root);
            }
        } finally {
            ordered.forEach(lock -> locks.unlock(tenant, lock, holder));
        }
        return true;
    }

    List<Identifier> profileIdentifiers(TenantId tenant, ProfileId root) {
        List<Identifier> identifiers = new ArrayList<>();
        for (ProfileId member : members(tenant, root)) {
            for (Row row : session.execute(cql.selectNode.bind(tenant.value(), member.value()))) {
                if (row.getString("kind") != null && row.getBoolean("linkable")) {
                    IdentifierKind.fromStorageName(row.getString("kind")).ifPresent(kind -> identifiers.add(
                            new Identifier(kind, row.getString("namespace"), row.getString("value"))));
                }
            }
        }
        return identifiers;
    }

    private Instant createdAt(TenantId tenant, ProfileId node) {
        Row head = session.execute(cql.selectNodeHead.bind(tenant.value(), node.value())).one();
        return head == null || head.getInstant("created_at") == null ? Instant.MAX : head.getInstant("created_at");
    }
}
