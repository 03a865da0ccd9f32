package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Any id of a profile (current or absorbed: both are node ids) leads to its root, whose cluster lists
 * the members. A merge or unmerge left half-done is finished first, then read again, so the answer is
 * always a settled profile.
 *
 * <p>Most ids looked up are roots (a profile nobody merged into another), so the cluster of the id
 * itself is read together with the id's node instead of after it: one round trip instead of two. When
 * the node names another root, the guess is dropped and that root's cluster read. The answer is the
 * same as reading one after the other: a root only changes when a merge or unmerge finishes, and the
 * cluster then shows it pending or empty, which is settled and read again as before.
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
        return locate(tenant, anyId, cql.selectNodeHead).thenApply(found -> found.map(Located::person));
    }

    /**
     * The person, and the rows the id's own partition answered to {@code nodeRead} (a statement bound
     * to tenant and node id that selects at least {@code root_id}): a caller that needs the whole node
     * anyway reads it here and does not read it again.
     */
    CompletionStage<Optional<Located>> locate(TenantId tenant, ProfileId anyId, PreparedStatement nodeRead) {
        CompletionStage<AsyncResultSet> node = session.executeAsync(nodeRead.bind(tenant.value(), anyId.value()));
        CompletionStage<AsyncResultSet> guessedCluster = session.executeAsync(
                cql.selectCluster.bind(tenant.value(), anyId.value()));
        return node.thenCompose(read -> {
            List<Row> rows = rows(read);
            UUID rootId = rows.isEmpty() ? null : rows.get(0).getUuid("root_id");
            if (rootId == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ProfileId root = new ProfileId(rootId);
            CompletionStage<AsyncResultSet> cluster = root.equals(anyId) ? guessedCluster
                    : session.executeAsync(cql.selectCluster.bind(tenant.value(), root.value()));
            return cluster.thenCompose(members -> settled(root, members)
                    .<CompletionStage<Optional<Located>>>map(person ->
                            CompletableFuture.completedFuture(Optional.of(new Located(person, anyId, rows))))
                    .orElseGet(() -> CompletableFuture.supplyAsync(
                                    () -> clusters.currentRoots(tenant, Set.of(anyId)), clusterThreads)
                            .thenCompose(settledNow -> locate(tenant, anyId, nodeRead))));
        });
    }

    /** The members, or empty when a merge or unmerge is unfinished (or just finished under us). */
    private static Optional<Person> settled(ProfileId root, AsyncResultSet cluster) {
        List<ProfileId> members = new ArrayList<>();
        boolean pending = false;
        for (Row member : cluster.currentPage()) {
            pending |= ClusterStatics.unfinished(member);
            if (member.getUuid("member_id") != null) {
                members.add(new ProfileId(member.getUuid("member_id")));
            }
        }
        return pending || members.isEmpty() ? Optional.empty() : Optional.of(new Person(root, members));
    }

    /** The rows of the answer's first page (a node or a cluster fits in one), kept to be read more than once. */
    static List<Row> rows(AsyncResultSet read) {
        List<Row> rows = new ArrayList<>();
        read.currentPage().forEach(rows::add);
        return rows;
    }

    /** A person found from one of its node ids, with that node's rows as they were read. */
    record Located(Person person, ProfileId node, List<Row> nodeRows) {
        Located {
            nodeRows = List.copyOf(nodeRows);
        }
    }
}
