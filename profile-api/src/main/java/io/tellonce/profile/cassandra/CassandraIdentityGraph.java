package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.Claim;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.MergePolicy;
import io.tellonce.identity.MergeRequest;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.Observation;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.ProfileLockLost;
import io.tellonce.identity.ReviewItem;
import io.tellonce.identity.Sighting;
import io.tellonce.identity.TenantId;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;

/**
 * The identity graph in Cassandra: identifier claims by lightweight transaction, one partition per
 * node, profiles as clusters of nodes under their root. Reads and writes on the Resolve path are
 * asynchronous; merges (rare) run on their own threads through {@link ClusterOperations}.
 */
@Singleton
final class CassandraIdentityGraph implements IdentityGraph {
    private final CqlSession session;
    private final GraphStatements cql;
    private final ClusterOperations clusters;
    private final ProfileLocks locks;
    private final ExecutorService clusterThreads;
    private final ChangeFeed feed;
    private final Clock clock;
    private final SharedValueCounts sharedValues;
    private final ClusterSteps steps;

    CassandraIdentityGraph(CqlSession session, GraphStatements cql, ClusterOperations clusters, ProfileLocks locks,
                           @Named(ClusterThreads.NAME) ExecutorService clusterThreads, ChangeFeed feed, Clock clock,
                           SharedValueCounts sharedValues, ClusterSteps steps) {
        this.steps = steps;
        this.sharedValues = sharedValues;
        this.feed = feed;
        this.session = session;
        this.cql = cql;
        this.clusters = clusters;
        this.locks = locks;
        this.clusterThreads = clusterThreads;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Map<Identifier, Claim>> claims(TenantId tenant, Collection<Identifier> identifiers) {
        List<Identifier> ids = List.copyOf(identifiers);
        List<CompletableFuture<AsyncResultSet>> reads = ids.stream()
                .map(id -> session.executeAsync(cql.selectClaim.bind(tenant.value(), id.kind().storageName(),
                        id.namespace(), id.value())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<Identifier, Claim> claims = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Row row = reads.get(i).join().one();
                if (row != null) {
                    claims.put(ids.get(i), claim(row));
                }
            }
            return claims;
        });
    }

    /**
     * Each node's root, and each root's cluster statics to see that no merge or unmerge is unfinished.
     * The statics of the nodes themselves are read together with their heads, not after them: most
     * nodes are roots (CassandraPersonNodes does the same), so a known customer costs one round trip
     * here instead of two; a node that names another root has that root's statics read after.
     */
    @Override
    public CompletionStage<Map<ProfileId, ProfileId>> roots(TenantId tenant, Set<ProfileId> nodes) {
        List<ProfileId> ids = List.copyOf(nodes);
        List<CompletableFuture<AsyncResultSet>> heads = ids.stream()
                .map(node -> session.executeAsync(cql.selectNodeHead.bind(tenant.value(), node.value())).toCompletableFuture())
                .toList();
        Map<ProfileId, CompletableFuture<AsyncResultSet>> guessedStatics = new HashMap<>();
        ids.forEach(node -> guessedStatics.put(node, clusterStatics(tenant, node)));
        return CompletableFuture.allOf(heads.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            Map<ProfileId, ProfileId> roots = new HashMap<>();
            for (int i = 0; i < ids.size(); i++) {
                Row head = heads.get(i).join().one();
                if (head == null || head.getUuid("root_id") == null) {
                    // A node whose creation a crash interrupted: let the careful path decide.
                    return CompletableFuture.supplyAsync(() -> clusters.currentRoots(tenant, nodes), clusterThreads);
                }
                roots.put(ids.get(i), new ProfileId(head.getUuid("root_id")));
            }
            return settled(tenant, nodes, roots, guessedStatics);
        });
    }

    /** The roots as read, unless one of them has a merge or unmerge to finish: then the careful path. */
    private CompletionStage<Map<ProfileId, ProfileId>> settled(TenantId tenant, Set<ProfileId> nodes,
                                                               Map<ProfileId, ProfileId> roots,
                                                               Map<ProfileId, CompletableFuture<AsyncResultSet>> guessed) {
        List<CompletableFuture<AsyncResultSet>> statics = roots.values().stream().distinct()
                .map(root -> guessed.containsKey(root) ? guessed.get(root) : clusterStatics(tenant, root))
                .toList();
        return CompletableFuture.allOf(statics.toArray(CompletableFuture[]::new)).thenCompose(done -> {
            boolean pending = statics.stream().map(read -> read.join().one()).anyMatch(row -> row == null
                    || ClusterStatics.unfinished(row));
            return pending ? CompletableFuture.supplyAsync(() -> clusters.currentRoots(tenant, nodes), clusterThreads)
                    : CompletableFuture.completedFuture(roots);
        });
    }

    private CompletableFuture<AsyncResultSet> clusterStatics(TenantId tenant, ProfileId root) {
        return session.executeAsync(cql.selectCluster.bind(tenant.value(), root.value()).setPageSize(1))
                .toCompletableFuture();
    }

    @Override
    public CompletionStage<List<Identifier>> profileIdentifiers(TenantId tenant, ProfileId root) {
        return CompletableFuture.supplyAsync(() -> {
            List<Identifier> identifiers = clusters.profileIdentifiers(tenant, root);
            steps.reached(ClusterSteps.PROFILE_READ);
            return identifiers;
        }, clusterThreads);
    }

    @Override
    public CompletionStage<Void> createProfile(TenantId tenant, ProfileId node, Observation observation,
                                               List<Identifier> recordedOnly) {
        Instant now = now();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.createNode.bind(tenant.value(), node.value(), node.value(), observation.sourceSystem(),
                        now, now))
                .addStatement(cql.createCluster.bind(tenant.value(), node.value(), node.value()));
        addAttributes(batch, tenant, node, observation);
        recordedOnly.forEach(id -> batch.addStatement(recorded(tenant, node, id, observation, now)));
        return execute(batch);
    }

    @Override
    public CompletionStage<Claim> claim(TenantId tenant, Identifier id, ProfileId node, Observation observation,
                                        String evidence) {
        Claim mine = new Claim(node, observation.sourceSystem(), now(), evidence);
        return session.executeAsync(cql.insertClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                        id.value(), node.value(), mine.sourceSystem(), mine.claimedAt(), evidence))
                .thenCompose(rs -> {
                    Claim owner = rs.wasApplied() ? mine : claim(rs.one());
                    if (!owner.owner().equals(node)) {
                        return CompletableFuture.completedFuture(owner);
                    }
                    // The listing makes the identifier visible on its profile, so it is what the
                    // search index hears about.
                    return session.executeAsync(BatchStatement.builder(DefaultBatchType.LOGGED)
                                    .addStatement(listing(tenant, id, owner))
                                    .addStatement(feed.change(tenant, ChangeFeed.PROFILE_CHANGED, List.of(node),
                                            "identifier claimed"))
                                    .setIdempotence(true).build())
                            .thenApply(listed -> owner);
                });
    }

    /**
     * Writes only what the node does not list yet. A channel that sees a known customer again (the
     * common case: a call from a known number) brings nothing new, and then this is one small update:
     * re-listing every identifier on every match used to cost a logged batch, a change-feed row and a
     * re-index of the profile per call. A listing is missing only when a crash came between an
     * identifier's claim and its listing; writing it then repairs the profile, and publishes it.
     */
    @Override
    public CompletionStage<Void> attach(TenantId tenant, ProfileId node, Observation observation,
                                        Map<Identifier, Claim> ownClaims, List<Identifier> recordedOnly) {
        List<Identifier> claimed = List.copyOf(ownClaims.keySet());
        List<Identifier> recorded = List.copyOf(recordedOnly);
        return listed(tenant, node, claimed, true).thenCombine(listed(tenant, node, recorded, false),
                (claimedListed, recordedListed) -> {
                    Instant now = now();
                    List<Identifier> toList = claimed.stream().filter(id -> !claimedListed.contains(id)).toList();
                    List<Identifier> toRecord = recorded.stream().filter(id -> !recordedListed.contains(id)).toList();
                    boolean searchable = !observation.attributes().isEmpty() || !toList.isEmpty() || !toRecord.isEmpty();
                    if (!searchable) {
                        return session.executeAsync(cql.touchNode.bind(now, tenant.value(), node.value()));
                    }
                    // Only a change someone could search for is published.
                    BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                            .addStatement(cql.touchNode.bind(now, tenant.value(), node.value()))
                            .addStatement(feed.change(tenant, ChangeFeed.PROFILE_CHANGED, List.of(node),
                                    "observation attached"));
                    addAttributes(batch, tenant, node, observation);
                    toList.forEach(id -> batch.addStatement(listing(tenant, id, ownClaims.get(id))));
                    toRecord.forEach(id -> batch.addStatement(recorded(tenant, node, id, observation, now)));
                    return session.executeAsync(batch.setIdempotence(true).build());
                }).thenCompose(write -> write).thenApply(rs -> (Void) null);
    }

    /** Which of the identifiers the node already lists with this linkable flag (one row read each, in parallel). */
    private CompletionStage<Set<Identifier>> listed(TenantId tenant, ProfileId node, List<Identifier> ids,
                                                    boolean linkable) {
        List<CompletableFuture<AsyncResultSet>> reads = ids.stream()
                .map(id -> session.executeAsync(cql.selectListing.bind(tenant.value(), node.value(),
                        id.kind().storageName(), id.namespace(), id.value())).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Set<Identifier> listed = new HashSet<>();
            for (int i = 0; i < ids.size(); i++) {
                Row row = reads.get(i).join().one();
                if (row != null && !row.isNull("linkable") && row.getBoolean("linkable") == linkable) {
                    listed.add(ids.get(i));
                }
            }
            return listed;
        });
    }

    @Override
    public CompletionStage<Void> discard(TenantId tenant, ProfileId node) {
        return execute(BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.deleteNode.bind(tenant.value(), node.value()))
                .addStatement(cql.deleteCluster.bind(tenant.value(), node.value()))
                .addStatement(feed.change(tenant, ChangeFeed.PROFILE_REMOVED, List.of(node),
                        "new profile given up: another observation claimed its identifier first")));
    }

    @Override
    public CompletionStage<MergeResult> merge(TenantId tenant, MergeRequest request) {
        return CompletableFuture.supplyAsync(() -> clusters.merge(tenant, request), clusterThreads);
    }

    @Override
    public <T> CompletionStage<T> underLock(TenantId tenant, ProfileId root, Supplier<CompletionStage<T>> work) {
        return locked(tenant, root, false, work);
    }

    @Override
    public <T> CompletionStage<T> underNewProfileLock(TenantId tenant, ProfileId node, Supplier<CompletionStage<T>> work) {
        return locked(tenant, node, true, work);
    }

    /**
     * Lock, work, unlock, holding no thread while Cassandra answers: a new profile takes the lock and
     * releases it, and with a blocking pool of eight threads those round trips capped creations at
     * about 200/s (docs/benchmarks.md). The answer waits for the unlock, as before.
     */
    private <T> CompletionStage<T> locked(TenantId tenant, ProfileId root, boolean fresh,
                                          Supplier<CompletionStage<T>> work) {
        UUID holder = UUID.randomUUID();
        // The inner thenCompose makes work that throws, instead of returning a failed stage, a failed
        // stage too, so that the unlock still runs.
        return locks.lockSettled(tenant, root, holder, fresh).thenCompose(acquired -> CompletableFuture
                .completedFuture(null).thenCompose(start -> work.get())
                .handle((result, failure) -> released(tenant, root, holder, result, failure))
                .thenCompose(answer -> answer));
    }

    /**
     * Unlocks, then answers with the work's own outcome, unless the unlock found the lock no longer
     * this holder's: it expired while the work ran, so the work's claims may have been made after
     * another caller checked the profile, and the caller gives them back ({@link #giveBack}). That
     * costs nothing when the lock held: the unlock is a conditional write anyway (ADR 21). A lock
     * whose release failed (the store did not answer) is freed by its TTL, and the work's outcome
     * stands.
     */
    private <T> CompletionStage<T> released(TenantId tenant, ProfileId root, UUID holder, T result, Throwable failure) {
        return locks.unlockAsync(tenant, root, holder).handle((unlocked, unlockFailure) -> {
            // Before the work's own failure: work that failed half-way may have claimed some already.
            if (unlockFailure == null && !unlocked) {
                throw new ProfileLockLost("the lock of profile " + root + " expired while identifiers were being"
                        + " claimed for it, and another caller may have changed the profile meanwhile");
            }
            if (failure != null) {
                throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
            }
            return result;
        });
    }

    @Override
    public CompletionStage<Void> giveBack(TenantId tenant, ProfileId node, List<Identifier> claimed, MergePolicy policy) {
        return CompletableFuture.runAsync(() -> clusters.giveBack(tenant, node, claimed, policy), clusterThreads);
    }

    @Override
    public CompletionStage<Optional<Instant>> sighted(TenantId tenant, Sighting sighting, int sharedAfterProfiles) {
        return sharedValues.sighted(tenant, sighting, sharedAfterProfiles);
    }

    @Override
    public CompletionStage<UUID> openReview(TenantId tenant, ReviewItem item) {
        UUID itemId = Uuids.timeBased();
        return session.executeAsync(cql.insertReviewItem.bind(tenant.value(), itemId,
                        item.profiles().stream().map(ProfileId::value).toList(), item.reason(), item.evidence(),
                        item.sourceSystem(), item.observedAt()))
                .thenApply(rs -> itemId);
    }

    /** The row of an identifier the node owns, with the claim's own source, time and evidence. */
    private BoundStatement listing(TenantId tenant, Identifier id, Claim claim) {
        return cql.listIdentifier.bind(tenant.value(), claim.owner().value(), id.kind().storageName(), id.namespace(),
                id.value(), true, claim.sourceSystem(), claim.claimedAt(), claim.evidence(), micros(claim.claimedAt()));
    }

    /** The row of a placeholder or shared value: kept on the node, never claimed. */
    private BoundStatement recorded(TenantId tenant, ProfileId node, Identifier id, Observation observation, Instant now) {
        return cql.listIdentifier.bind(tenant.value(), node.value(), id.kind().storageName(), id.namespace(), id.value(),
                false, observation.sourceSystem(), now, "recorded only: a placeholder or shared value never links people",
                micros(now));
    }

    private void addAttributes(BatchStatementBuilder batch, TenantId tenant, ProfileId node, Observation observation) {
        if (!observation.attributes().isEmpty()) {
            long observedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, observation.observedAt());
            Map<String, String> values = new HashMap<>();
            Map<String, Instant> observed = new HashMap<>();
            observation.attributes().forEach((name, value) -> {
                String key = AttributeKey.of(observation.sourceSystem(), name);
                values.put(key, value);
                observed.put(key, observation.observedAt());
            });
            batch.addStatement(cql.mergeAttributes.bind(observedMicros, values, observed, tenant.value(), node.value()));
        }
    }

    static long micros(Instant instant) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }

    private CompletionStage<Void> execute(BatchStatementBuilder batch) {
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(rs -> (Void) null);
    }

    private static Claim claim(Row row) {
        // An LWT that lost returns every column; a plain read only those selected.
        Optional<Instant> sharedSince = row.getColumnDefinitions().contains("shared_since")
                ? Optional.ofNullable(row.getInstant("shared_since")) : Optional.empty();
        return new Claim(new ProfileId(row.getUuid("node_id")), row.getString("source_system"),
                row.getInstant("claimed_at"), row.getString("evidence") == null ? "" : row.getString("evidence"),
                sharedSince);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
