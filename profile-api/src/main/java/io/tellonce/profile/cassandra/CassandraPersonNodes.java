package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.Person;
import io.tellonce.profile.history.PersonNodes;
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
 * Any id of a profile (current or absorbed: both are node ids) leads to its root, whose cluster lists
 * the members. A merge or unmerge left half-done is finished first, then read again, so the answer is
 * always a settled profile.
 */
@Singleton
final class CassandraPersonNodes implements PersonNodes {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final ExecutorService clusterThreads;

    CassandraPersonNodes(CqlSession session, GraphStatements cql, ClusterOperations clusters,
                         @Named(ClusterThreads.NAME) ExecutorService clusterThreads) {
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.clusterThreads = clusterThreads;
    }

    @Override
    public CompletionStage<Optional<Person>> of(TenantId tenant, ProfileId anyId) {
        return session.executeAsync(cql.selectNodeHead.bind(tenant.value(), anyId.value())).thenCompose(head -> {
            Row row = head.one();
            if (row == null || row.getUuid("root_id") == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ProfileId root = new ProfileId(row.getUuid("root_id"));
            return session.executeAsync(cql.selectCluster.bind(tenant.value(), root.value())).thenCompose(cluster -> {
                List<ProfileId> members = new ArrayList<>();
                boolean pending = false;
                for (Row member : cluster.currentPage()) {
                    pending |= member.getUuid("pending_merge") != null || member.getUuid("pending_unmerge") != null;
                    if (member.getUuid("member_id") != null) {
                        members.add(new ProfileId(member.getUuid("member_id")));
                    }
                }
                if (pending || members.isEmpty()) {
                    // A merge or unmerge is unfinished (or just finished under us): settle it, then read again.
                    return CompletableFuture.supplyAsync(() -> clusters.currentRoots(tenant, Set.of(anyId)), clusterThreads)
                            .thenCompose(settled -> of(tenant, anyId));
                }
                return CompletableFuture.completedFuture(Optional.of(new Person(root, members)));
            });
        });
    }
}
