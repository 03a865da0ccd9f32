package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.data.UdtValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ClusterReplay;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergePolicy;
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
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Merges and unmerges of profiles in Cassandra, and the finishing of identifier moves. Each runs
 * under a lock on every profile it changes and decides there, from what it reads, what it will do:
 * its plan. It then marks each of those profiles with the operation and its plan, in id order, every
 * mark conditional on still holding that profile's lock (ADR 21): a holder paused past its locks'
 * lifetime finds a mark refused, takes back the marks it made and has written nothing else. The
 * mark on the last profile commits the operation. Everything after it (the ledger, the moves of
 * members) is written from the plan alone, with the plan's time as write timestamp, and is
 * idempotent; the marks come off last, in the same order. A crash after the commit leaves the marks,
 * and whoever next reads one of the profiles finishes the work ({@link #currentRoots}); marks that
 * never reached the last profile are taken off. Merges are rare, so these run as plain blocking steps
 * on their own threads.
 */
@Singleton
final class ClusterOperations {
    /**
     * How far back the first sweep looks (the table is new then: nothing in it is older than the
     * service that created it, whose sweep runs a minute after it starts), and how many minutes one
     * run reads at most (a minute is one small partition read; the watermark keeps later runs short).
     */
    private static final long FIRST_SWEEP_MINUTES = 60;
    private static final long SWEEP_MINUTES = 24 * 60;
    private static final TupleType LINK = DataTypes.tupleOf(DataTypes.UUID, DataTypes.UUID, DataTypes.TIMEUUID);

    private final CqlSession session;
    private final GraphStatements cql;
    private final Clock clock;
    private final ClusterSteps steps;
    private final ProfileLocks locks;
    private final ChangeFeed feed;
    private final ClusterPlans plans;
    private final ClusterIntents intents;

    ClusterOperations(CqlSession session, GraphStatements cql, Clock clock, ClusterSteps steps, ProfileLocks locks,
                      ChangeFeed feed, ClusterPlans plans, ClusterIntents intents) {
        this.session = session;
        this.cql = cql;
        this.clock = clock;
        this.steps = steps;
        this.locks = locks;
        this.feed = feed;
        this.plans = plans;
        this.intents = intents;
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
            Map<ProfileId, ClusterPlan.Regroup> regroup = new LinkedHashMap<>();
            absorbed.forEach(root -> members(tenant, root).forEach(member ->
                    regroup.put(member, new ClusterPlan.Regroup(root, survivor))));
            List<ClusterPlan.PlannedLink> links = request.links().stream().map(pair -> new ClusterPlan.PlannedLink(
                    pair.node(), pair.otherNode(), Uuids.timeBased(), pair.evidence())).toList();
            ClusterPlan.Merge plan = new ClusterPlan.Merge(request.mergeId(), involved, ClusterPlan.now(clock), survivor,
                    absorbed, links, regroup, request.rule(), request.actor(), request.reason());
            steps.reached(ClusterSteps.MERGE_PLANNED);
            locks.mark(tenant, ClusterStatics.Marker.MERGE, plan, plans.encode(plan), holder);
            steps.reached(ClusterSteps.MERGE_RECORDED);
            finishMerge(tenant, plan);
            return new MergeResult(survivor, absorbed, plan.operation());
        } finally {
            locked.forEach(root -> locks.unlock(tenant, root, holder));
        }
    }

    /** Writes the merge's ledger and moves the absorbed profiles' members under the survivor. Idempotent. */
    private void finishMerge(TenantId tenant, ClusterPlan.Merge plan) {
        long at = plan.writeTime();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        List<TupleValue> ledger = new ArrayList<>();
        for (ClusterPlan.PlannedLink link : plan.links()) {
            ledger.add(LINK.newValue(link.node().value(), link.otherNode().value(), link.linkId()));
            for (ProfileId[] ends : new ProfileId[][] {{link.node(), link.otherNode()}, {link.otherNode(), link.node()}}) {
                batch.addStatement(cql.insertLinkAt.bind(tenant.value(), ends[0].value(), link.linkId(), "linked",
                        ends[1].value(), plan.operation(), plan.rule(), link.evidence(), plan.actor(), plan.reason(),
                        plan.at(), at));
            }
        }
        batch.addStatement(cql.insertMergeAt.bind(tenant.value(), plan.operation(), plan.survivor().value(),
                plan.absorbed().stream().map(ProfileId::value).toList(), ledger, plan.rule(), plan.actor(),
                plan.reason(), plan.at(), at));
        batch.addStatement(feed.change(tenant, ChangeFeed.PROFILES_MERGED, plan.roots(),
                "merge " + plan.operation() + ": " + plan.absorbed() + " into " + plan.survivor()));
        session.execute(batch.setIdempotence(true).build());
        for (ProfileId absorbed : plan.absorbed()) {
            plan.regroup().forEach((member, move) -> {
                if (move.from().equals(absorbed)) {
                    regroup(tenant, member, move, at, ClusterSteps.MERGE_MEMBER_MOVED);
                }
            });
            steps.reached(ClusterSteps.MERGE_PROFILE_ABSORBED);
        }
        // The absorbed profiles' marks come off first: once their members have moved nobody reads them
        // as roots, so a mark left on one by a crash would stay there; the survivor's mark, left last,
        // is found by every read of the profile and finished (or, its plan's last root already cleared,
        // simply taken off).
        List<ProfileId> survivorLast = new ArrayList<>(plan.absorbed());
        survivorLast.add(plan.survivor());
        locks.unmark(tenant, ClusterStatics.Marker.MERGE, plan, survivorLast);
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
            Set<UUID> cut = links.stream().map(link -> link.getUuid(2)).collect(Collectors.toSet());
            List<ClusterReplay.Cluster> profiles = replay(tenant, root, cut);
            Map<ProfileId, ClusterPlan.Regroup> regroup = new LinkedHashMap<>();
            profiles.stream().filter(cluster -> !cluster.root().equals(root)).forEach(cluster -> cluster.members()
                    .forEach(member -> regroup.put(member, new ClusterPlan.Regroup(root, cluster.root()))));
            ClusterPlan.Unmerge plan = new ClusterPlan.Unmerge(mergeId, List.of(root), ClusterPlan.now(clock),
                    links.stream().map(link -> new ClusterPlan.PlannedLink(new ProfileId(link.getUuid(0)),
                            new ProfileId(link.getUuid(1)), link.getUuid(2), "")).toList(), regroup, actor, reason);
            steps.reached(ClusterSteps.UNMERGE_PLANNED);
            locks.mark(tenant, ClusterStatics.Marker.UNMERGE, plan, plans.encode(plan), holder);
            steps.reached(ClusterSteps.UNMERGE_RECORDED);
            finishUnmerge(tenant, plan);
            return profiles.stream().map(ClusterReplay.Cluster::root).toList();
        } finally {
            locks.unlock(tenant, root, holder);
        }
    }

    /** The profiles that the active links among the root's members make, without the links being cut. */
    private List<ClusterReplay.Cluster> replay(TenantId tenant, ProfileId root, Set<UUID> cut) {
        List<ProfileId> members = members(tenant, root);
        Set<ProfileId> memberSet = new HashSet<>(members);
        List<ClusterReplay.Node> nodes = new ArrayList<>();
        List<ClusterReplay.Link> active = new ArrayList<>();
        for (ProfileId member : members) {
            nodes.add(new ClusterReplay.Node(member, createdAt(tenant, member)));
            activeLinks(tenant, member).forEach((linkId, other) -> {
                if (memberSet.contains(other) && !cut.contains(linkId)) {
                    active.add(new ClusterReplay.Link(member, other));
                }
            });
        }
        return ClusterReplay.clusters(nodes, active);
    }

    /** Writes the unmerge's ledger entries and moves the members that leave the root. Idempotent. */
    private void finishUnmerge(TenantId tenant, ClusterPlan.Unmerge plan) {
        long at = plan.writeTime();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        Set<ProfileId> affected = new LinkedHashSet<>(List.of(plan.root()));
        for (ClusterPlan.PlannedLink link : plan.links()) {
            for (ProfileId[] ends : new ProfileId[][] {{link.node(), link.otherNode()}, {link.otherNode(), link.node()}}) {
                batch.addStatement(cql.insertLinkAt.bind(tenant.value(), ends[0].value(), link.linkId(), "unlinked",
                        ends[1].value(), plan.operation(), "unmerge", "", plan.actor(), plan.reason(), plan.at(), at));
            }
            affected.add(link.node());
            affected.add(link.otherNode());
        }
        batch.addStatement(cql.undoMergeAt.bind(at, plan.at(), plan.actor(), plan.reason(), tenant.value(),
                plan.operation()));
        batch.addStatement(feed.change(tenant, ChangeFeed.PROFILE_UNMERGED, affected,
                // The reason is free text a supervisor typed and may name the person: it stays in the
                // merge ledger, which erasure removes; the change log outlives erasure.
                "merge " + plan.operation() + " undone by " + plan.actor()));
        session.execute(batch.setIdempotence(true).build());
        plan.regroup().forEach((member, move) -> regroup(tenant, member, move, at, ClusterSteps.UNMERGE_MEMBER_MOVED));
        locks.unmark(tenant, ClusterStatics.Marker.UNMERGE, plan, plan.roots());
    }

    /**
     * Moves the identifier's claim to its new node, if it is still the claim that was planned, and lists
     * it there and no longer on its old node; then takes the move's marks off. Idempotent.
     *
     * @return whether the identifier is where the plan moves it
     */
    boolean finishMove(TenantId tenant, ClusterPlan.Move plan) {
        Identifier id = plan.identifier();
        boolean moved = session.execute(cql.moveClaim.bind(plan.toNode().value(), plan.fromNode().value(), "move",
                plan.at(), plan.evidence(), tenant.value(), id.kind().storageName(), id.namespace(), id.value(),
                plan.fromNode().value(), plan.claimedAt())).wasApplied();
        Row claim = session.execute(cql.selectMovedClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                id.value())).one();
        boolean done = moved || (claim != null && plan.toNode().value().equals(claim.getUuid("node_id"))
                && plan.fromNode().value().equals(claim.getUuid("previous_node_id"))
                && plan.at().equals(claim.getInstant("claimed_at")));
        if (done) {
            relist(tenant, id, plan.fromNode(), plan.toNode(), claim);
        }
        locks.unmark(tenant, ClusterStatics.Marker.MOVE, plan, plan.roots());
        return done;
    }

    /**
     * Lists the identifier on its new node and no longer on its old one, both at the time of the claim
     * that moved it: a listing written late from a stale read stays deleted, and a late delete leaves a
     * later move back in place. Idempotent.
     */
    void relist(TenantId tenant, Identifier id, ProfileId fromNode, ProfileId toNode, Row claim) {
        long claimedAt = CassandraIdentityGraph.micros(claim.getInstant("claimed_at"));
        session.execute(BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.listIdentifier.bind(tenant.value(), toNode.value(), id.kind().storageName(),
                        id.namespace(), id.value(), true, claim.getString("source_system"), claim.getInstant("claimed_at"),
                        claim.getString("evidence"), claimedAt))
                .addStatement(cql.unlistIdentifierAt.bind(claimedAt, tenant.value(), fromNode.value(),
                        id.kind().storageName(), id.namespace(), id.value()))
                .addStatement(feed.change(tenant, ChangeFeed.IDENTIFIER_MOVED, List.of(fromNode, toNode),
                        "an identifier (" + id.kind().storageName() + ") moved from node " + fromNode + " to node "
                                + toNode))
                .setIdempotence(true).build());
    }

    /**
     * Moves a member from one root to another, at the operation's time. Idempotent. The new root lists
     * the member before the member names it: stopped in between, the member still names the marked
     * root it comes from, so whoever reads it finds the mark and finishes. The other way round, an
     * unmerge stopped there left a member naming a new root that did not list it yet and carried no
     * mark: reads of it went round in circles.
     */
    private void regroup(TenantId tenant, ProfileId member, ClusterPlan.Regroup move, long at, String step) {
        session.execute(cql.addMemberAt.bind(tenant.value(), move.to().value(), member.value(), at));
        steps.reached(step);
        session.execute(cql.setRootAt.bind(at, move.to().value(), tenant.value(), member.value()));
        if (!move.from().equals(move.to())) {
            session.execute(cql.removeMemberAt.bind(at, tenant.value(), move.from().value(), member.value()));
        }
    }

    /** The links of the node that were made and not undone: link id to the other end. */
    private Map<UUID, ProfileId> activeLinks(TenantId tenant, ProfileId node) {
        Map<UUID, ProfileId> linked = new HashMap<>();
        Set<UUID> unlinked = new HashSet<>();
        for (Row row : session.execute(cql.selectLinks.bind(tenant.value(), node.value()))) {
            if ("linked".equals(row.getString("event"))) {
                linked.put(row.getUuid("link_id"), new ProfileId(row.getUuid("other_node_id")));
            } else {
                unlinked.add(row.getUuid("link_id"));
            }
        }
        unlinked.forEach(linked::remove);
        return linked;
    }

    /**
     * Finishes the operation that marked this profile, holding the locks of every profile it marks, so
     * that two finishers never interleave with each other or with a later operation: when the last of
     * them carries the mark, the operation committed and is finished from its plan; otherwise its
     * holder lost a lock before marking them all, can no longer mark the rest (we hold them now), and
     * the marks it made are taken off. True when there was one.
     */
    private boolean finishPending(TenantId tenant, ProfileId root) {
        Row statics = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
        Optional<ClusterStatics.Marked> marked = statics == null ? Optional.empty() : ClusterStatics.marker(statics);
        if (marked.isEmpty()) {
            return false;
        }
        UdtValue encoded = statics.getUdtValue("pending_plan");
        if (encoded == null) {
            finishUnplanned(tenant, root, statics);
            return true;
        }
        ClusterPlan plan = plans.decode(marked.get().marker(), encoded);
        UUID holder = UUID.randomUUID();
        locks.lockAllWaiting(tenant, plan.roots(), holder);
        try {
            if (locks.marked(tenant, plan.roots().get(plan.roots().size() - 1), marked.get())) {
                if (plan instanceof ClusterPlan.Merge merge) {
                    finishMerge(tenant, merge);
                } else if (plan instanceof ClusterPlan.Unmerge unmerge) {
                    finishUnmerge(tenant, unmerge);
                } else {
                    finishMove(tenant, (ClusterPlan.Move) plan);
                }
            } else {
                locks.unmark(tenant, marked.get().marker(), plan, plan.roots());
            }
        } finally {
            plan.roots().forEach(lock -> locks.unlock(tenant, lock, holder));
        }
        return true;
    }

    /**
     * Finishes, or takes back when it never committed, every operation begun before {@code before}
     * that is still in flight: one a crash interrupted on profiles nobody has read since. Reads the
     * minutes from where the last sweep found everything settled (an hour back the first time), at most
     * {@link #SWEEP_MINUTES} of them per run.
     *
     * @return how many operations it settled
     */
    int finishInterrupted(Instant before) {
        long last = ClusterIntents.minute(before);
        long from = intents.sweptUntil().orElse(last - FIRST_SWEEP_MINUTES);
        long end = Math.min(last, from + SWEEP_MINUTES);
        long settledUntil = from;
        boolean allSettled = true;
        int settled = 0;
        for (long minute = from; minute <= end; minute++) {
            for (ClusterIntents.Intent intent : intents.begunIn(minute)) {
                if (settle(intent)) {
                    intents.ended(intent);
                    settled++;
                } else {
                    allSettled = false;
                }
            }
            // The minute of `before` itself may still see operations begin: the next run reads it again.
            if (allSettled && minute < last) {
                settledUntil = minute + 1;
            }
        }
        if (settledUntil != from) {
            intents.sweptUntil(settledUntil);
        }
        return settled;
    }

    /** Finishes whatever marks the operation's profiles; true when none carries its mark any more. */
    private boolean settle(ClusterIntents.Intent intent) {
        try {
            for (ProfileId root : intent.roots()) {
                finishPending(intent.tenant(), root);
            }
            ClusterStatics.Marked mark = new ClusterStatics.Marked(intent.marker(), intent.operation());
            return intent.roots().stream().noneMatch(root -> locks.marked(intent.tenant(), root, mark));
        } catch (ClusterChangedException busy) {
            // A profile stayed locked: its holder is at work, or its lock has not expired yet. Next run.
            return false;
        }
    }

    /**
     * A merge or unmerge marked before plans existed (ADR 21): it was recorded whole, ledger and marks,
     * in one logged batch, so it is finished as it was then, from fresh reads.
     */
    private void finishUnplanned(TenantId tenant, ProfileId root, Row statics) {
        UUID mergeId = statics.getUuid("pending_merge");
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
            long now = CassandraIdentityGraph.micros(clock.instant());
            Row current = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
            if (current != null && current.getUuid("pending_merge") != null) {
                UUID pending = current.getUuid("pending_merge");
                Row merge = session.execute(cql.selectMerge.bind(tenant.value(), pending)).one();
                if (merge != null) {
                    ProfileId survivor = new ProfileId(merge.getUuid("profile_id"));
                    for (UUID absorbedId : merge.get("absorbed", CqlTypes.UUIDS)) {
                        ProfileId absorbed = new ProfileId(absorbedId);
                        members(tenant, absorbed).forEach(member -> regroup(tenant, member,
                                new ClusterPlan.Regroup(absorbed, survivor), now, ClusterSteps.MERGE_MEMBER_MOVED));
                        locks.clearMarks(tenant, ClusterStatics.Marker.MERGE, pending, List.of(absorbed));
                    }
                }
                locks.clearMarks(tenant, ClusterStatics.Marker.MERGE, pending, List.of(root));
            }
            if (current != null && current.getUuid("pending_unmerge") != null) {
                for (ClusterReplay.Cluster cluster : replay(tenant, root, Set.of())) {
                    if (!cluster.root().equals(root)) {
                        cluster.members().forEach(member -> regroup(tenant, member,
                                new ClusterPlan.Regroup(root, cluster.root()), now, ClusterSteps.UNMERGE_MEMBER_MOVED));
                    }
                }
                locks.clearMarks(tenant, ClusterStatics.Marker.UNMERGE, current.getUuid("pending_unmerge"), List.of(root));
            }
            if (current != null && current.getUuid("pending_move") != null) {
                // Moves always carry a plan: a move mark without one cannot be finished, only taken off.
                locks.clearMarks(tenant, ClusterStatics.Marker.MOVE, current.getUuid("pending_move"), List.of(root));
            }
        } finally {
            ordered.forEach(lock -> locks.unlock(tenant, lock, holder));
        }
    }

    /**
     * After a claim under a lock that turned out lost ({@link io.tellonce.identity.ProfileLockLost}):
     * under a new lock of the node's profile, gives back (releases and unlists) the identifiers of
     * {@code claimed} that the node owns, last first, for as long as the profile breaks the policy.
     * The claims of whoever held the lock meanwhile were checked against the profile; those made after
     * the lock expired were not, so they are the ones given back.
     */
    void giveBack(TenantId tenant, ProfileId node, List<Identifier> claimed, MergePolicy policy) {
        Optional<ProfileId> found = currentRoot(tenant, node);
        if (found.isEmpty()) {
            return;
        }
        ProfileId root = found.get();
        UUID holder = UUID.randomUUID();
        locks.lockAllWaiting(tenant, List.of(root), holder);
        try {
            locks.verifySettled(tenant, root);
            List<Identifier> held = new ArrayList<>(profileIdentifiers(tenant, root));
            List<Identifier> lastFirst = new ArrayList<>(claimed);
            Collections.reverse(lastFirst);
            for (Identifier id : lastFirst) {
                if (policy.violation(held).isEmpty()) {
                    return;
                }
                if (session.execute(cql.releaseClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                        id.value(), node.value())).wasApplied()) {
                    session.execute(BatchStatement.builder(DefaultBatchType.LOGGED)
                            .addStatement(cql.unlistIdentifierAt.bind(CassandraIdentityGraph.micros(clock.instant()),
                                    tenant.value(), node.value(), id.kind().storageName(), id.namespace(), id.value()))
                            .addStatement(feed.change(tenant, ChangeFeed.PROFILE_CHANGED, List.of(node),
                                    "identifier given back: claimed under a profile lock that had expired"))
                            .setIdempotence(true).build());
                    held.remove(id);
                }
            }
        } finally {
            locks.unlock(tenant, root, holder);
        }
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
