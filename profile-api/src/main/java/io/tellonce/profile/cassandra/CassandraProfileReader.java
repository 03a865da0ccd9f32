package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.Survivorship;
import io.tellonce.identity.Survivorship.Candidate;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileReader;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.app.ProfileView.ListedIdentifier;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Reads a profile: any of its ids (current or absorbed) leads to its root, whose members' partitions
 * are read in parallel and combined; per attribute, the most recently observed value wins.
 */
@Singleton
final class CassandraProfileReader implements ProfileReader {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final ExecutorService clusterThreads;
    private final Survivorship survivorship;

    CassandraProfileReader(CqlSession session, GraphStatements cql, ClusterOperations clusters,
                           @Named(ClusterThreads.NAME) ExecutorService clusterThreads, Survivorship survivorship) {
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.clusterThreads = clusterThreads;
        this.survivorship = survivorship;
    }

    @Override
    public CompletionStage<Optional<ProfileView>> profile(TenantId tenant, ProfileId profile) {
        return session.executeAsync(cql.selectNodeHead.bind(tenant.value(), profile.value())).thenCompose(head -> {
            Row row = head.one();
            if (row == null || row.getUuid("root_id") == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            ProfileId root = new ProfileId(row.getUuid("root_id"));
            return session.executeAsync(cql.selectCluster.bind(tenant.value(), root.value()))
                    .thenCompose(cluster -> read(tenant, profile, root, cluster));
        });
    }

    private CompletionStage<Optional<ProfileView>> read(TenantId tenant, ProfileId asked, ProfileId root,
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
                    .thenCompose(settled -> profile(tenant, asked));
        }
        List<CompletableFuture<AsyncResultSet>> reads = members.stream()
                .map(member -> session.executeAsync(cql.selectNode.bind(tenant.value(), member.value())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Combined combined = new Combined();
            reads.forEach(read -> read.join().currentPage().forEach(combined::add));
            return Optional.of(combined.view(root, survivorship));
        });
    }

    /** The members' rows folded into one profile. */
    private static final class Combined {
        private final List<ListedIdentifier> identifiers = new ArrayList<>();
        private final Map<String, Map<String, Candidate>> candidates = new HashMap<>();
        private Instant createdAt;
        private Instant updatedAt;

        void add(Row row) {
            createdAt = earliest(createdAt, row.getInstant("created_at"));
            updatedAt = latest(updatedAt, row.getInstant("updated_at"));
            Map<String, String> values = row.getMap("attributes", String.class, String.class);
            Map<String, Instant> times = row.getMap("attribute_observed", String.class, Instant.class);
            values.forEach((key, value) -> {
                AttributeKey attribute = AttributeKey.parse(key);
                Candidate candidate = new Candidate(value, times.getOrDefault(key, Instant.EPOCH), attribute.sourceSystem());
                // Nodes of one profile may each hold the same source's value: keep that source's latest.
                candidates.computeIfAbsent(attribute.name(), name -> new HashMap<>())
                        .merge(attribute.sourceSystem(), candidate,
                                (a, b) -> a.observedAt().isAfter(b.observedAt()) ? a : b);
            });
            String kind = row.getString("kind");
            if (kind != null) {
                IdentifierKind.fromStorageName(kind).ifPresent(k -> identifiers.add(new ListedIdentifier(
                        new Identifier(k, row.getString("namespace"), row.getString("value")),
                        row.getString("source_system"), row.getInstant("first_seen_at"),
                        row.getString("evidence") == null ? "" : row.getString("evidence"))));
            }
        }

        ProfileView view(ProfileId root, Survivorship survivorship) {
            Map<String, String> attributes = new HashMap<>();
            candidates.forEach((name, bySource) -> survivorship.choose(name, bySource.values())
                    .ifPresent(chosen -> attributes.put(name, chosen.value())));
            return new ProfileView(root, identifiers.stream().distinct().toList(), attributes, createdAt, updatedAt);
        }

        private static Instant earliest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isBefore(b) ? a : b;
        }

        private static Instant latest(Instant a, Instant b) {
            return a == null ? b : b == null || a.isAfter(b) ? a : b;
        }
    }
}
