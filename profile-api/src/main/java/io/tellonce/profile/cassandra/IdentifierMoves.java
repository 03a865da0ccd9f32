package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.ProfileNotFound;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Moves identifiers between profiles (a recycled phone number), as blocking steps under both
 * profiles' locks, marked on both before the claim moves (ADR 21).
 */
@Singleton
final class IdentifierMoves {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final ProfileLocks locks;
    private final ClusterPlans plans;
    private final ClusterSteps steps;
    private final Clock clock;

    IdentifierMoves(CqlSession session, GraphStatements cql, ClusterOperations clusters, ProfileLocks locks,
                    ClusterPlans plans, ClusterSteps steps, Clock clock) {
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.locks = locks;
        this.plans = plans;
        this.steps = steps;
        this.clock = clock;
    }

    /**
     * Moves an identifier to another profile's root node, or to a new node of its own, under both
     * profiles' locks. Idempotent: the claim remembers the node it came from, so repeating a move
     * whose listing changes were interrupted completes them.
     *
     * @return the profile it came from and the profile it belongs to now
     */
    List<ProfileId> move(TenantId tenant, Identifier id, Optional<ProfileId> target, String actor,
                                   String reason, MergePolicy policy) {
        Row claim = session.execute(cql.selectMovedClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                id.value())).one();
        if (claim == null) {
            throw new ProfileNotFound("identifier " + id);
        }
        ProfileId fromNode = new ProfileId(claim.getUuid("node_id"));
        ProfileId fromRoot = clusters.currentRoots(tenant, Set.of(fromNode)).get(fromNode);
        if (target.isPresent()) {
            ProfileId toRoot = clusters.currentRoot(tenant, target.get())
                    .orElseThrow(() -> new ProfileNotFound("profile id " + target.get()));
            if (toRoot.equals(fromRoot)) {
                UUID previous = claim.getUuid("previous_node_id");
                if (previous != null && fromNode.equals(toRoot)) {
                    clusters.relist(tenant, id, new ProfileId(previous), fromNode, claim);
                    return List.of(clusters.currentRoots(tenant, Set.of(new ProfileId(previous))).get(new ProfileId(previous)),
                            toRoot);
                }
                throw new PreconditionFailed(id + " already belongs to profile " + toRoot);
            }
            return moveUnderLocks(tenant, id, fromNode, fromRoot, toRoot, actor, reason, policy);
        }
        ProfileId fresh = new ProfileId(UUID.randomUUID());
        Instant now = clock.instant();
        session.execute(BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.createNode.bind(tenant.value(), fresh.value(), fresh.value(), "move", now, now))
                .addStatement(cql.createCluster.bind(tenant.value(), fresh.value(), fresh.value()))
                .setIdempotence(true).build());
        return moveUnderLocks(tenant, id, fromNode, fromRoot, fresh, actor, reason, policy);
    }

    private List<ProfileId> moveUnderLocks(TenantId tenant, Identifier id, ProfileId fromNode, ProfileId fromRoot,
                                           ProfileId toRoot, String actor, String reason, MergePolicy policy) {
        List<ProfileId> ordered = Stream.of(fromRoot, toRoot).sorted(Comparator.comparing(ProfileId::value)).toList();
        UUID holder = UUID.randomUUID();
        locks.lockAllWaiting(tenant, ordered, holder);
        try {
            for (ProfileId root : ordered) {
                locks.verifySettled(tenant, root);
            }
            List<Identifier> held = new ArrayList<>(clusters.profileIdentifiers(tenant, toRoot));
            held.add(id);
            policy.violation(held).ifPresent(violation -> {
                throw new PreconditionFailed("profile " + toRoot + " cannot take " + id + ": " + violation);
            });
            Row claim = session.execute(cql.selectMovedClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                    id.value())).one();
            if (claim == null || !fromNode.value().equals(claim.getUuid("node_id"))) {
                throw new ClusterChangedException(id + " changed owner meanwhile");
            }
            Instant now = ClusterPlan.now(clock);
            String evidence = "moved from profile " + fromRoot + " by " + actor + " at " + now + ": " + reason;
            ClusterPlan.Move plan = new ClusterPlan.Move(Uuids.random(), ordered, now, id, fromNode, toRoot,
                    claim.getInstant("claimed_at"), evidence);
            steps.reached(ClusterSteps.MOVE_PLANNED);
            locks.mark(tenant, ClusterStatics.Marker.MOVE, plan, plans.encode(plan), holder);
            if (!clusters.finishMove(tenant, plan)) {
                throw new ClusterChangedException(id + " changed owner meanwhile");
            }
            return List.of(fromRoot, toRoot);
        } finally {
            ordered.forEach(lock -> locks.unlock(tenant, lock, holder));
        }
    }
}
