package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ErasureLedger;
import io.tellonce.profile.app.ErasureReceipt;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The erasure receipts, suppression hashes and reappearance flags of V005. */
@Singleton
final class CassandraErasureLedger implements ErasureLedger {
    static final String ERASING = "erasing";
    static final String ERASED = "erased";
    private static final int SWEEP_PAGE = 500;

    private final CqlSession session;
    private final ChangeFeed feed;
    private final Clock clock;
    private final PreparedStatement selectReceipt;
    private final PreparedStatement insertReceipt;
    private final PreparedStatement completeReceipt;
    private final PreparedStatement selectSuppression;
    private final PreparedStatement insertSuppression;
    private final PreparedStatement insertFlag;
    private final PreparedStatement selectAllReceipts;

    CassandraErasureLedger(CqlSession session, ChangeFeed feed, Clock clock) {
        this.session = session;
        this.feed = feed;
        this.clock = clock;
        selectReceipt = prepare("SELECT erasure_id, profile_id, node_ids, status, removed, suppressed, actor, reason,"
                + " requested_at, completed_at FROM erasure WHERE tenant = ? AND node_id = ?");
        insertReceipt = prepare("INSERT INTO erasure (tenant, node_id, erasure_id, profile_id, node_ids, status, removed,"
                + " suppressed, actor, reason, requested_at) VALUES (?, ?, ?, ?, ?, '" + ERASING + "', ?, ?, ?, ?, ?)");
        completeReceipt = prepare("UPDATE erasure SET status = '" + ERASED + "', completed_at = ?, removed = ?"
                + " WHERE tenant = ? AND node_id = ?");
        selectSuppression = prepare("SELECT erasure_id, profile_id, erased_at FROM identifier_suppression"
                + " WHERE tenant = ? AND identifier_hash = ?");
        insertSuppression = prepare("INSERT INTO identifier_suppression (tenant, identifier_hash, erasure_id, profile_id,"
                + " erased_at) VALUES (?, ?, ?, ?, ?)");
        insertFlag = prepare("INSERT INTO profile_after_erasure (tenant, node_id, erasure_id, flagged_at)"
                + " VALUES (?, ?, ?, ?)");
        selectAllReceipts = prepare("SELECT tenant, node_id, erasure_id, status, requested_at FROM erasure");
    }

    private PreparedStatement prepare(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Optional<ErasureReceipt>> ofNode(TenantId tenant, ProfileId node) {
        return session.executeAsync(selectReceipt.bind(tenant.value(), node.value()))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(CassandraErasureLedger::receipt));
    }

    @Override
    public CompletionStage<Map<String, Suppression>> suppressed(TenantId tenant, Collection<String> hashes) {
        List<String> all = List.copyOf(hashes);
        List<CompletableFuture<AsyncResultSet>> reads = all.stream()
                .map(hash -> session.executeAsync(selectSuppression.bind(tenant.value(), hash)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Suppression> found = new HashMap<>();
            for (int i = 0; i < all.size(); i++) {
                Row row = reads.get(i).join().one();
                if (row != null) {
                    found.put(all.get(i), new Suppression(row.getUuid("erasure_id"),
                            new ProfileId(row.getUuid("profile_id")), row.getInstant("erased_at")));
                }
            }
            return found;
        });
    }

    @Override
    public CompletionStage<Void> begin(TenantId tenant, ErasureReceipt receipt, List<String> hashes) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        List<UUID> nodes = receipt.nodes().stream().map(ProfileId::value).toList();
        receipt.nodes().forEach(node -> batch.addStatement(insertReceipt.bind(tenant.value(), node.value(),
                receipt.erasureId(), receipt.profile().value(), nodes, receipt.removed(), receipt.suppressed(),
                receipt.actor(), receipt.reason(), receipt.requestedAt())));
        hashes.forEach(hash -> batch.addStatement(insertSuppression.bind(tenant.value(), hash, receipt.erasureId(),
                receipt.profile().value(), receipt.requestedAt())));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(rs -> (Void) null);
    }

    @Override
    public CompletionStage<Void> complete(TenantId tenant, ErasureReceipt receipt) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED);
        receipt.nodes().forEach(node -> batch.addStatement(completeReceipt.bind(receipt.completedAt().orElseThrow(),
                receipt.removed(), tenant.value(), node.value())));
        // The indexer reads each node again, finds nothing, and removes its document: also when
        // Elasticsearch is down now, as soon as it is back (ADR 13).
        batch.addStatement(feed.change(tenant, ChangeFeed.PROFILE_REMOVED, receipt.nodes(),
                "erasure " + receipt.erasureId()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(rs -> (Void) null);
    }

    @Override
    public List<Unfinished> unfinished() {
        Map<UUID, Unfinished> found = new LinkedHashMap<>();
        for (Row row : session.execute(selectAllReceipts.bind().setPageSize(SWEEP_PAGE))) {
            if (ERASING.equals(row.getString("status"))) {
                found.putIfAbsent(row.getUuid("erasure_id"), new Unfinished(new TenantId(row.getString("tenant")),
                        new ProfileId(row.getUuid("node_id")), row.getUuid("erasure_id"), row.getInstant("requested_at")));
            }
        }
        return List.copyOf(found.values());
    }

    @Override
    public CompletionStage<Void> flagReappearance(TenantId tenant, ProfileId node, Collection<UUID> erasures) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED);
        erasures.forEach(erasure -> batch.addStatement(insertFlag.bind(tenant.value(), node.value(), erasure,
                clock.instant())));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(rs -> (Void) null);
    }

    private static ErasureReceipt receipt(Row row) {
        return new ErasureReceipt(row.getUuid("erasure_id"), new ProfileId(row.getUuid("profile_id")),
                row.get("node_ids", CqlTypes.UUIDS).stream().map(ProfileId::new).toList(),
                row.get("removed", CqlTypes.TEXT_TO_BIGINT), row.getInt("suppressed"),
                row.getString("actor"), row.getString("reason"), row.getInstant("requested_at"),
                ERASED.equals(row.getString("status")) ? Optional.ofNullable(row.getInstant("completed_at"))
                        : Optional.empty());
    }
}
