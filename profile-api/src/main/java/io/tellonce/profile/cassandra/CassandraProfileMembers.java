package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileMembers;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * A profile's member nodes: any of its ids leads to its root (two reads, asynchronous). A cluster
 * that a crashed merge or unmerge left pending is settled first, on the cluster threads.
 */
@Singleton
final class CassandraProfileMembers implements ProfileMembers {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final ExecutorService clusterThreads;

    CassandraProfileMembers(CqlSession session, GraphStatements cql, ClusterOperations clusters,
                            @Named(ClusterThreads.NAME) ExecutorService clusterThreads) {
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.clusterThreads = clusterThreads;
    }

    @Override
    public CompletionStage<Optional<Members>> of(TenantId tenant, ProfileId anyId) {
        return session.executeAsync(cql.selectNodeHead.bind(tenant.value(), anyId.value())).thenCompose(head -> {
            Row row = head.one();
            if (row == null || row.getUuid("root_id") == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ProfileId root = new ProfileId(row.getUuid("root_id"));
            return session.executeAsync(cql.selectCluster.bind(tenant.value(), root.value()))
                    .thenCompose(cluster -> members(tenant, anyId, root, cluster));
        });
    }

    private CompletionStage<Optional<Members>> members(TenantId tenant, ProfileId asked, ProfileId root,
                                                       AsyncResultSet cluster) {
        List<ProfileId> members = new ArrayList<>();
        boolean pending = false;
        for (Row row : cluster.currentPage()) {
            pending |= row.getUuid("pending_merge") != null || row.getUuid("pending_unmerge") != null;
            if (row.getUuid("member_id") != null) {
                members.add(new ProfileId(row.getUuid("member_id")));
            }
        }
        if (pending || members.isEmpty()) {
            // A merge or unmerge is unfinished (or just finished under us): settle it, then read again.
            return CompletableFuture.supplyAsync(() -> clusters.currentRoots(tenant, Set.of(asked)), clusterThreads)
                    .thenCompose(settled -> of(tenant, asked));
        }
        return CompletableFuture.completedFuture(Optional.of(new Members(root, members)));
    }
}
