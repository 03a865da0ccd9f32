package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.MergeRequest;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IdentityGraphView;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.ProfileClusters;
import io.tellonce.profile.app.ProfileNotFound;
import io.tellonce.profile.app.ProfileView;
import io.tellonce.profile.config.MergePolicies;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

@Singleton
final class CassandraProfileClusters implements ProfileClusters {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final IdentifierMoves moves;
    private final ExecutorService clusterThreads;
    private final MergePolicies policies;
    private final Clock clock;

    CassandraProfileClusters(CqlSession session, GraphStatements cql, ClusterOperations clusters, IdentifierMoves moves,
                             @Named(ClusterThreads.NAME) ExecutorService clusterThreads,
                             MergePolicies policies, Clock clock) {
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.moves = moves;
        this.clusterThreads = clusterThreads;
        this.policies = policies;
        this.clock = clock;
    }

    @Override
    public CompletionStage<MergeResult> merge(TenantId tenant, List<ProfileId> profiles, String actor, String reason) {
        return merge(tenant, UUID.randomUUID(), profiles, actor, reason);
    }

    @Override
    public CompletionStage<MergeResult> merge(TenantId tenant, List<ProfileId> profiles, String rule, String evidence,
                                              String actor, String reason) {
        return merge(tenant, UUID.randomUUID(), profiles, rule, evidence, actor, reason);
    }

    @Override
    public CompletionStage<MergeResult> merge(TenantId tenant, UUID mergeId, List<ProfileId> profiles, String actor,
                                              String reason) {
        return merge(tenant, mergeId, profiles, "manual", "merged by hand by " + actor + ": " + reason, actor, reason);
    }

    private CompletionStage<MergeResult> merge(TenantId tenant, UUID mergeId, List<ProfileId> profiles, String rule,
                                               String evidence, String actor, String reason) {
        return CompletableFuture.supplyAsync(() -> {
            List<ProfileId> roots = profiles.stream().map(profile -> root(tenant, profile)).distinct().toList();
            if (roots.size() < 2) {
                throw new PreconditionFailed("the profiles " + profiles + " are already one profile, " + roots.get(0));
            }
            List<MergeRequest.NodePair> links = roots.subList(1, roots.size()).stream()
                    .map(other -> new MergeRequest.NodePair(roots.get(0), other, evidence)).toList();
            return clusters.merge(tenant, new MergeRequest(links, rule, actor, reason, clock.instant(),
                    policies.apply(tenant), mergeId));
        }, clusterThreads);
    }

    @Override
    public CompletionStage<List<ProfileId>> unmerge(TenantId tenant, UUID mergeId, String actor, String reason) {
        return CompletableFuture.supplyAsync(() -> clusters.unmerge(tenant, mergeId, actor, reason), clusterThreads);
    }

    @Override
    public CompletionStage<List<ProfileId>> moveIdentifier(TenantId tenant, Identifier identifier,
                                                           Optional<ProfileId> target, String actor, String reason) {
        return CompletableFuture.supplyAsync(() -> moves.move(tenant, identifier, target, actor, reason,
                policies.apply(tenant)), clusterThreads);
    }

    @Override
    public CompletionStage<IdentityGraphView> graph(TenantId tenant, ProfileId profile) {
        return CompletableFuture.supplyAsync(() -> {
            ProfileId root = root(tenant, profile);
            List<IdentityGraphView.Node> nodes = new ArrayList<>();
            Map<UUID, IdentityGraphView.Link> links = new LinkedHashMap<>();
            Map<UUID, IdentityGraphView.Undo> undos = new HashMap<>();
            for (ProfileId member : clusters.members(tenant, root)) {
                nodes.add(node(tenant, member));
                for (Row row : session.execute(cql.selectLinks.bind(tenant.value(), member.value()))) {
                    UUID linkId = row.getUuid("link_id");
                    if ("linked".equals(row.getString("event"))) {
                        links.putIfAbsent(linkId, new IdentityGraphView.Link(linkId, row.getUuid("merge_id"), member,
                                new ProfileId(row.getUuid("other_node_id")), row.getString("rule"),
                                row.getString("evidence"), row.getString("actor"), row.getString("reason"),
                                row.getInstant("recorded_at"), Optional.empty()));
                    } else {
                        undos.put(linkId, new IdentityGraphView.Undo(row.getInstant("recorded_at"),
                                row.getString("actor"), row.getString("reason")));
                    }
                }
            }
            List<IdentityGraphView.Link> all = links.values().stream()
                    .map(link -> new IdentityGraphView.Link(link.linkId(), link.mergeId(), link.node(), link.otherNode(),
                            link.rule(), link.evidence(), link.actor(), link.reason(), link.createdAt(),
                            Optional.ofNullable(undos.get(link.linkId()))))
                    .sorted(Comparator.comparing(IdentityGraphView.Link::createdAt))
                    .toList();
            nodes.sort(Comparator.comparing(IdentityGraphView.Node::createdAt));
            return new IdentityGraphView(root, nodes, all);
        }, clusterThreads);
    }

    private IdentityGraphView.Node node(TenantId tenant, ProfileId member) {
        List<ProfileView.ListedIdentifier> identifiers = new ArrayList<>();
        String source = null;
        Instant createdAt = null;
        for (Row row : session.execute(cql.selectNode.bind(tenant.value(), member.value()))) {
            source = row.getString("node_source");
            createdAt = row.getInstant("created_at");
            if (row.getString("kind") != null) {
                IdentifierKind.fromStorageName(row.getString("kind")).ifPresent(kind -> {
                    Identifier identifier = new Identifier(kind, row.getString("namespace"), row.getString("value"));
                    identifiers.add(new ProfileView.ListedIdentifier(identifier, row.getString("source_system"),
                            row.getInstant("first_seen_at"),
                            row.getString("evidence") == null ? "" : row.getString("evidence"),
                            sharedSince(tenant, identifier)));
                });
            }
        }
        return new IdentityGraphView.Node(member, source == null ? "" : source,
                createdAt == null ? Instant.EPOCH : createdAt, identifiers);
    }

    /** The mark lives on the claim, which both the owner and the profiles that only record the value name. */
    private Optional<Instant> sharedSince(TenantId tenant, Identifier id) {
        Row claim = session.execute(cql.selectClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                id.value())).one();
        return claim == null ? Optional.empty() : Optional.ofNullable(claim.getInstant("shared_since"));
    }

    private ProfileId root(TenantId tenant, ProfileId profile) {
        return clusters.currentRoot(tenant, profile).orElseThrow(() -> new ProfileNotFound("profile id " + profile));
    }

    @Override
    public int finishInterrupted(Instant before) {
        return clusters.finishInterrupted(before);
    }
}
