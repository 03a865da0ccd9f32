package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PagingState;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ClusterChangedException;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.ProfileClusters;
import io.tellonce.profile.app.ReviewItemNotFound;
import io.tellonce.profile.app.ReviewItemView;
import io.tellonce.profile.app.ReviewItemView.Decision;
import io.tellonce.profile.app.ReviewItemView.Verdict;
import io.tellonce.profile.app.ReviewItems;
import io.tellonce.profile.config.IdentitySettings;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.stream.StreamSupport;

/**
 * The review queue in Cassandra: one partition per tenant and status, newest first. Deciding claims
 * the item by lightweight transaction, naming the merge it is about to make, performs the decision,
 * then moves the item from the open partition to the decided one in a logged batch. The claim is the
 * decision's durable intent: the next attempt to decide the item finishes a decision whose merge took
 * place (the merge ledger has the named id), and takes back one whose process died before its merge
 * committed (a claim older than twice a profile lock's lifetime, with no such merge).
 */
@Singleton
final class CassandraReviewItems implements ReviewItems {
    private static final String OPEN = "open";
    private static final String DECIDED = "decided";

    private final CqlSession session;
    private final ProfileClusters clusters;
    private final ExecutorService clusterThreads;
    private final Clock clock;
    private final ClusterOperations operations;
    private final GraphStatements cql;
    private final java.time.Duration abandonedAfter;
    private final PreparedStatement list;
    private final PreparedStatement select;
    private final PreparedStatement claim;
    private final PreparedStatement release;
    private final PreparedStatement recordMerge;
    private final PreparedStatement selectDecision;
    private final PreparedStatement insertDecided;
    private final PreparedStatement deleteOpen;

    CassandraReviewItems(CqlSession session, ProfileClusters clusters,
                         @Named(ClusterThreads.NAME) ExecutorService clusterThreads, Clock clock,
                         ClusterOperations operations, GraphStatements cql, IdentitySettings settings) {
        this.session = session;
        this.clusters = clusters;
        this.clusterThreads = clusterThreads;
        this.clock = clock;
        this.operations = operations;
        this.cql = cql;
        // A holder alive after this long has lost its profile locks and can no longer commit its merge (ADR 21).
        this.abandonedAfter = settings.profileLockTtl().multipliedBy(2);
        String columns = "item_id, profile_ids, reason, evidence, source_system, observed_at, decision, decided_by,"
                + " decision_reason, decided_at, merge_id";
        list = idempotent("SELECT " + columns + " FROM review_item WHERE tenant = ? AND status = ?");
        select = idempotent("SELECT " + columns + " FROM review_item WHERE tenant = ? AND status = ? AND item_id = ?");
        claim = session.prepare("INSERT INTO review_decision (tenant, item_id, claim_id, decision, decided_by, reason,"
                + " decided_at, planned_merge_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        release = session.prepare("DELETE FROM review_decision WHERE tenant = ? AND item_id = ? IF claim_id = ?");
        recordMerge = idempotent("UPDATE review_decision SET merge_id = ? WHERE tenant = ? AND item_id = ?");
        selectDecision = idempotent("SELECT decision, decided_by, reason, decided_at, merge_id FROM review_decision"
                + " WHERE tenant = ? AND item_id = ?");
        insertDecided = idempotent("INSERT INTO review_item (tenant, status, item_id, profile_ids, reason, evidence,"
                + " source_system, observed_at, decision, decided_by, decision_reason, decided_at, merge_id)"
                + " VALUES (?, 'decided', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        deleteOpen = idempotent("DELETE FROM review_item WHERE tenant = ? AND status = 'open' AND item_id = ?");
    }

    private PreparedStatement idempotent(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Page> list(TenantId tenant, boolean open, int pageSize, Optional<String> pageToken) {
        BoundStatement statement = list.bind(tenant.value(), open ? OPEN : DECIDED).setPageSize(pageSize);
        if (pageToken.isPresent()) {
            try {
                statement = statement.setPagingState(PagingState.fromString(pageToken.get()), session);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest("page_token", "is not a page token of this listing");
            }
        }
        return session.executeAsync(statement).thenApply(rs -> {
            List<ReviewItemView> items = StreamSupport.stream(rs.currentPage().spliterator(), false)
                    .map(CassandraReviewItems::item).toList();
            PagingState next = rs.hasMorePages() ? rs.getExecutionInfo().getSafePagingState() : null;
            return new Page(items, Optional.ofNullable(next).map(PagingState::toString));
        });
    }

    @Override
    public CompletionStage<ReviewItemView> decide(TenantId tenant, UUID itemId, Verdict verdict, String actor,
                                                  String reason) {
        return CompletableFuture.supplyAsync(() -> decideNow(tenant, itemId, verdict, actor, reason), clusterThreads);
    }

    private ReviewItemView decideNow(TenantId tenant, UUID itemId, Verdict verdict, String actor, String reason) {
        return decideNow(tenant, itemId, verdict, actor, reason, true);
    }

    private ReviewItemView decideNow(TenantId tenant, UUID itemId, Verdict verdict, String actor, String reason,
                                     boolean mayTakeBack) {
        Row open = session.execute(select.bind(tenant.value(), OPEN, itemId)).one();
        if (open == null) {
            Row decided = session.execute(select.bind(tenant.value(), DECIDED, itemId)).one();
            if (decided == null) {
                throw new ReviewItemNotFound(itemId);
            }
            throw new PreconditionFailed("review item " + itemId + " was already decided by "
                    + decided.getString("decided_by"));
        }
        UUID claimId = UUID.randomUUID();
        UUID mergeId = UUID.randomUUID();
        Instant now = clock.instant();
        var claimed = session.execute(claim.bind(tenant.value(), itemId, claimId, verdict.name(), actor, reason, now,
                verdict == Verdict.MERGE ? mergeId : null));
        if (!claimed.wasApplied()) {
            Row earlier = claimed.one();
            Optional<UUID> merged = mergeOf(tenant, open, earlier);
            if (Verdict.KEEP_APART.name().equals(earlier.getString("decision")) || merged.isPresent()) {
                // Someone decided and was interrupted before moving the item: finish that first.
                if (merged.isPresent() && earlier.getUuid("merge_id") == null) {
                    session.execute(recordMerge.bind(merged.get(), tenant.value(), itemId));
                }
                move(tenant, open, session.execute(selectDecision.bind(tenant.value(), itemId)).one());
                throw new PreconditionFailed("review item " + itemId + " was already decided by "
                        + earlier.getString("decided_by"));
            }
            if (!mayTakeBack || earlier.getInstant("decided_at").isAfter(now.minus(abandonedAfter))) {
                throw new ClusterChangedException("review item " + itemId + " is being decided by "
                        + earlier.getString("decided_by"));
            }
            // Its decider stopped before its merge committed, and can no longer commit it: taken back.
            session.execute(release.bind(tenant.value(), itemId, earlier.getUuid("claim_id")));
            return decideNow(tenant, itemId, verdict, actor, reason, false);
        }
        if (verdict == Verdict.MERGE) {
            List<ProfileId> profiles = open.get("profile_ids", CqlTypes.UUIDS).stream().map(ProfileId::new).toList();
            try {
                MergeResult merged = clusters.merge(tenant, mergeId, profiles, actor, "review item " + itemId + ": "
                        + reason).toCompletableFuture().join();
                session.execute(recordMerge.bind(merged.mergeId(), tenant.value(), itemId));
            } catch (RuntimeException e) {
                // The item stays open for another decision.
                session.execute(release.bind(tenant.value(), itemId, claimId));
                throw e;
            }
        }
        Row decision = session.execute(selectDecision.bind(tenant.value(), itemId)).one();
        move(tenant, open, decision);
        return item(session.execute(select.bind(tenant.value(), DECIDED, itemId)).one());
    }

    /**
     * The merge a decision made: the one it recorded, or the one it named before merging when the
     * merge ledger has it (after the item's profiles are read, which finishes a merge that committed
     * and was interrupted).
     */
    private Optional<UUID> mergeOf(TenantId tenant, Row open, Row decision) {
        if (decision.getUuid("merge_id") != null) {
            return Optional.of(decision.getUuid("merge_id"));
        }
        UUID planned = decision.getUuid("planned_merge_id");
        if (planned == null) {
            return Optional.empty();
        }
        operations.currentRoots(tenant, open.get("profile_ids", CqlTypes.UUIDS).stream().map(ProfileId::new)
                .collect(java.util.stream.Collectors.toSet()));
        return Optional.ofNullable(session.execute(cql.selectMerge.bind(tenant.value(), planned)).one())
                .map(merge -> planned);
    }

    /** Moves the item from the open partition to the decided one, with its decision. Idempotent. */
    private void move(TenantId tenant, Row open, Row decision) {
        UUID itemId = open.getUuid("item_id");
        session.execute(BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(insertDecided.bind(tenant.value(), itemId, open.get("profile_ids", CqlTypes.UUIDS),
                        open.getString("reason"), open.getString("evidence"), open.getString("source_system"),
                        open.getInstant("observed_at"), decision.getString("decision"), decision.getString("decided_by"),
                        decision.getString("reason"), decision.getInstant("decided_at"), decision.getUuid("merge_id")))
                .addStatement(deleteOpen.bind(tenant.value(), itemId))
                .setIdempotence(true)
                .build());
    }

    private static ReviewItemView item(Row row) {
        Optional<Decision> decision = Optional.ofNullable(row.getString("decision")).map(verdict -> new Decision(
                Verdict.valueOf(verdict), row.getString("decided_by"), row.getString("decision_reason"),
                row.getInstant("decided_at"), Optional.ofNullable(row.getUuid("merge_id"))));
        return new ReviewItemView(row.getUuid("item_id"),
                row.get("profile_ids", CqlTypes.UUIDS).stream().map(ProfileId::new).toList(),
                row.getString("reason"), row.getString("evidence"), row.getString("source_system"),
                row.getInstant("observed_at"), decision);
    }
}
