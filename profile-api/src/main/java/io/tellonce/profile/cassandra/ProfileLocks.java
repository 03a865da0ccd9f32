package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Per-profile locks: a lightweight transaction on the profile's cluster partition with a 30 s TTL,
 * so that a holder that dies releases it by itself. Merges, unmerges, moves and claims that add
 * identifiers to a profile all take them, always in profile-id order.
 */
@Singleton
final class ProfileLocks {
    private final CqlSession session;
    private final GraphStatements cql;

    ProfileLocks(CqlSession session, GraphStatements cql) {
        this.session = session;
        this.cql = cql;
    }

    /** Takes every lock in order, waiting a little for each (the holder is usually finishing already). */
    void lockAllWaiting(TenantId tenant, List<ProfileId> roots, UUID holder) {
        List<ProfileId> taken = new ArrayList<>();
        for (ProfileId root : roots) {
            boolean locked = false;
            for (int attempt = 0; attempt < 80 && !locked; attempt++) {
                locked = session.execute(cql.lockCluster.bind(holder, tenant.value(), root.value())).wasApplied();
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
        return session.executeAsync(cql.lockCluster.bind(holder, tenant.value(), root.value())).thenCompose(lock -> {
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
                            : unlockAsync(tenant, root, holder).thenCompose(unlocked -> CompletableFuture.failedFuture(
                                    new ClusterChangedException("profile " + root + " changed meanwhile"))));
        });
    }

    CompletionStage<Void> unlockAsync(TenantId tenant, ProfileId root, UUID holder) {
        return session.executeAsync(cql.unlockCluster.bind(tenant.value(), root.value(), holder)).thenApply(rs -> null);
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
        if (!session.execute(cql.lockCluster.bind(holder, tenant.value(), root.value())).wasApplied()) {
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
