package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

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
        Row head = session.execute(cql.selectCluster.bind(tenant.value(), root.value())).one();
        boolean pending = head == null || head.getUuid("pending_merge") != null || head.getUuid("pending_unmerge") != null;
        if (pending || !isRoot(tenant, root)) {
            throw new ClusterChangedException("profile " + root + " changed meanwhile");
        }
    }

    /**
     * Locks a profile for work that must see it unchanged: fails when it is locked, no longer a root,
     * or has an operation to finish (whoever reads its root next finishes that).
     */
    void lockSettled(TenantId tenant, ProfileId root, UUID holder) {
        lock(tenant, root, holder);
        try {
            verifySettled(tenant, root);
        } catch (ClusterChangedException e) {
            unlock(tenant, root, holder);
            throw e;
        }
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

    private boolean isRoot(TenantId tenant, ProfileId root) {
        Row head = session.execute(cql.selectNodeHead.bind(tenant.value(), root.value())).one();
        return head != null && root.value().equals(head.getUuid("root_id"));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
