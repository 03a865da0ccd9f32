package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.ResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.UdtValue;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.ProfileLockLost;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.IdentitySettings;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Per-profile locks: a lightweight transaction on the profile's cluster partition with a TTL (30 s
 * by default), so that a holder that dies releases it by itself. Merges, unmerges, moves and claims
 * that add identifiers to a profile all take them, always in profile-id order.
 *
 * <p>A holder can outlive its lock (a pause longer than the TTL), so a lock alone protects nothing
 * that is written after a pause. Merges, unmerges and moves therefore {@link #mark} every profile
 * they change, each mark conditional on still holding that profile's lock, before they write
 * anything else; claims find out at the unlock (ADR 21).
 */
@Singleton
final class ProfileLocks {
    private final CqlSession session;
    private final GraphStatements cql;
    private final int ttlSeconds;
    private final ClusterSteps steps;
    private final ClusterIntents intents;

    ProfileLocks(CqlSession session, GraphStatements cql, IdentitySettings settings, ClusterSteps steps,
                 ClusterIntents intents) {
        this.session = session;
        this.cql = cql;
        this.steps = steps;
        this.intents = intents;
        this.ttlSeconds = Math.toIntExact(Math.max(1, settings.profileLockTtl().toSeconds()));
    }

    /** Takes every lock in order, waiting a little for each (the holder is usually finishing already). */
    void lockAllWaiting(TenantId tenant, List<ProfileId> roots, UUID holder) {
        List<ProfileId> taken = new ArrayList<>();
        for (ProfileId root : roots) {
            boolean locked = false;
            for (int attempt = 0; attempt < 80 && !locked; attempt++) {
                locked = session.execute(cql.lockCluster.bind(ttlSeconds, holder, tenant.value(), root.value())).wasApplied();
                if (!locked) {
                    sleep(25);
                }
            }
            if (!locked) {
                taken.forEach(lock -> unlock(tenant, lock, holder));
                throw new ClusterChangedException("profile " + root + " stayed locked; retry later");
            }
            taken.add(root);
        }
    }

    /** After taking a profile's lock: it must still be a root, with no operation left to finish. */
    void verifySettled(TenantId tenant, ProfileId root) {
        Row clusterStatics = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
        Row head = session.execute(cql.selectNodeHead.bind(tenant.value(), root.value())).one();
        if (!settled(root, clusterStatics, head)) {
            throw new ClusterChangedException("profile " + root + " changed meanwhile");
        }
    }

    /**
     * Locks a profile for work that must see it unchanged, without holding a thread while Cassandra
     * answers: fails when it is locked, no longer a root, or has an operation to finish (whoever reads
     * its root next finishes that). Its cluster statics and its node head are read together.
     *
     * @param fresh a profile the caller has just created and nobody can find yet: it is settled by
     *              construction, so its reads are skipped
     */
    CompletionStage<Void> lockSettled(TenantId tenant, ProfileId root, UUID holder, boolean fresh) {
        return session.executeAsync(cql.lockCluster.bind(ttlSeconds, holder, tenant.value(), root.value())).thenCompose(lock -> {
            if (!lock.wasApplied()) {
                // Back off a little so that racing resolvers do not retry in lockstep.
                return failedAfter(5 + ThreadLocalRandom.current().nextInt(40),
                        new ClusterChangedException("profile " + root + " is being merged or unmerged"));
            }
            if (fresh) {
                return CompletableFuture.completedFuture(null);
            }
            CompletableFuture<AsyncResultSet> cluster = session.executeAsync(
                    cql.selectCluster.bind(tenant.value(), root.value())).toCompletableFuture();
            CompletableFuture<AsyncResultSet> head = session.executeAsync(
                    cql.selectNodeHead.bind(tenant.value(), root.value())).toCompletableFuture();
            return cluster.thenCombine(head, (clusterRows, headRows) -> settled(root, clusterRows.one(), headRows.one()))
                    .thenCompose(settled -> settled ? CompletableFuture.<Void>completedFuture(null)
                            : unlockAsync(tenant, root, holder).thenCompose(unlocked -> CompletableFuture.<Void>failedFuture(
                                    new ClusterChangedException("profile " + root + " changed meanwhile"))));
        });
    }

    /** @return whether the lock was still this holder's: false when it expired under the holder */
    CompletionStage<Boolean> unlockAsync(TenantId tenant, ProfileId root, UUID holder) {
        return session.executeAsync(cql.unlockCluster.bind(tenant.value(), root.value(), holder))
                .thenApply(AsyncResultSet::wasApplied);
    }

    /**
     * Marks each root with the operation and its plan, in the given (id) order, each only while this
     * holder still holds the root's lock and no other operation has marked it. The mark on the last
     * root commits the operation: from then on it is finished by whoever finds a mark, from the plan.
     * When a lock turns out lost, the marks made are taken back and nothing else of the operation has
     * been written. A mark that times out is left to the next reader, who finishes the operation if
     * the last root carries it and gives it up otherwise.
     *
     * @throws ProfileLockLost when a lock expired under this holder
     * @throws ClusterChangedException when a root is marked by another operation after all
     */
    void mark(TenantId tenant, ClusterStatics.Marker marker, ClusterPlan plan, UdtValue encoded, UUID holder) {
        // Recorded first, so that marks a crash leaves are found by the sweep even on profiles nobody reads.
        intents.begun(tenant, marker, plan);
        List<ProfileId> marked = new ArrayList<>();
        for (ProfileId root : plan.roots()) {
            ResultSet result = session.execute(markStatement(marker).bind(plan.operation(), encoded, tenant.value(),
                    root.value(), holder));
            if (!result.wasApplied()) {
                clearMarks(tenant, marker, plan.operation(), marked);
                intents.ended(tenant, plan);
                // A profile whose partition is gone (absorbed meanwhile) answers without its columns.
                Row now = result.one();
                if (now != null && now.getColumnDefinitions().contains("lock_holder")
                        && holder.equals(now.getUuid("lock_holder"))) {
                    throw new ClusterChangedException("profile " + root + " is being changed by another operation");
                }
                throw new ProfileLockLost("the lock of profile " + root + " expired before this "
                        + marker.name().toLowerCase(java.util.Locale.ROOT) + " was recorded, and another caller may"
                        + " have changed the profile meanwhile; nothing of it was written");
            }
            marked.add(root);
            if (marked.size() < plan.roots().size()) {
                steps.reached(ClusterSteps.PARTLY_MARKED);
            }
        }
    }

    /**
     * The operation is over (finished, or given up before it committed): takes its marks off, in the
     * given order, and forgets it. A crash in between leaves a mark that is found and taken off again.
     */
    void unmark(TenantId tenant, ClusterStatics.Marker marker, ClusterPlan plan, List<ProfileId> order) {
        clearMarks(tenant, marker, plan.operation(), order);
        intents.ended(tenant, plan);
    }

    /** Takes the operation's marks off the roots, in the given order; roots it no longer marks are left alone. */
    void clearMarks(TenantId tenant, ClusterStatics.Marker marker, UUID operation, List<ProfileId> roots) {
        PreparedStatement clear = switch (marker) {
            case MERGE -> cql.clearMerge;
            case UNMERGE -> cql.clearUnmerge;
            case MOVE -> cql.clearMove;
        };
        for (int i = 0; i < roots.size(); i++) {
            session.execute(clear.bind(tenant.value(), roots.get(i).value(), operation));
            if (i < roots.size() - 1) {
                steps.reached(ClusterSteps.PARTLY_CLEARED);
            }
        }
    }

    /** Whether the root is marked with the operation now. */
    boolean marked(TenantId tenant, ProfileId root, ClusterStatics.Marked operation) {
        Row statics = session.execute(cql.selectCluster.bind(tenant.value(), root.value()).setPageSize(1)).one();
        return statics != null && ClusterStatics.marker(statics).filter(operation::equals).isPresent();
    }

    private PreparedStatement markStatement(ClusterStatics.Marker marker) {
        return switch (marker) {
            case MERGE -> cql.markMerge;
            case UNMERGE -> cql.markUnmerge;
            case MOVE -> cql.markMove;
        };
    }

    private static boolean settled(ProfileId root, Row clusterStatics, Row head) {
        boolean pending = clusterStatics == null || ClusterStatics.unfinished(clusterStatics);
        return !pending && head != null && root.value().equals(head.getUuid("root_id"));
    }

    private static <T> CompletionStage<T> failedAfter(long millis, RuntimeException failure) {
        return CompletableFuture.supplyAsync(() -> {
            throw failure;
        }, CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS));
    }

    void lock(TenantId tenant, ProfileId root, UUID holder) {
        if (!session.execute(cql.lockCluster.bind(ttlSeconds, holder, tenant.value(), root.value())).wasApplied()) {
            // Back off a little so that racing resolvers do not retry in lockstep.
            sleep(5 + ThreadLocalRandom.current().nextInt(40));
            throw new ClusterChangedException("profile " + root + " is being merged or unmerged");
        }
    }

    void unlock(TenantId tenant, ProfileId root, UUID holder) {
        session.execute(cql.unlockCluster.bind(tenant.value(), root.value(), holder));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
