package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentifierKind;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.ConsentLedger;
import io.tellonce.profile.consent.ConsentChannel;
import io.tellonce.profile.consent.ConsentRecord;
import io.tellonce.profile.consent.ConsentStatus;
import io.tellonce.profile.consent.Purpose;
import jakarta.inject.Singleton;
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

/** The consent ledger and each node's current answers (V003), written together in one logged batch. */
@Singleton
final class CassandraConsentLedger implements ConsentLedger {
    private static final String COLUMNS = "purpose, channel, scope_kind, scope_namespace, scope_value, record_id,"
            + " status, legal_basis, source_system, actor, captured_at, expires_at, policy_version, evidence, recorded_at";
    private static final String VALUES = "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?";

    private final CqlSession session;
    private final CassandraAuditLog audit;
    private final PreparedStatement insertLedger;
    private final PreparedStatement upsertCurrent;
    private final PreparedStatement selectCurrent;
    private final PreparedStatement selectLedger;
    private final PreparedStatement selectLedgerAfter;

    CassandraConsentLedger(CqlSession session, CassandraAuditLog audit) {
        this.session = session;
        this.audit = audit;
        insertLedger = prepare("INSERT INTO consent_ledger (tenant, node_id, " + COLUMNS + ") VALUES (?, ?, " + VALUES + ")");
        // The capture time is the write timestamp: per purpose x channel x scope the newest answer wins,
        // however late it arrives (ADR 10).
        upsertCurrent = prepare("INSERT INTO consent_current (tenant, node_id, " + COLUMNS + ") VALUES (?, ?, "
                + VALUES + ") USING TIMESTAMP ?");
        selectCurrent = prepare("SELECT " + COLUMNS + " FROM consent_current WHERE tenant = ? AND node_id = ?");
        selectLedger = prepare("SELECT " + COLUMNS + " FROM consent_ledger WHERE tenant = ? AND node_id = ? LIMIT ?");
        selectLedgerAfter = prepare("SELECT " + COLUMNS + " FROM consent_ledger WHERE tenant = ? AND node_id = ?"
                + " AND (captured_at, record_id) < (?, ?) LIMIT ?");
    }

    private PreparedStatement prepare(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Void> append(TenantId tenant, ConsentRecord record, AuditEntry entry) {
        BatchStatement batch = BatchStatement.newInstance(DefaultBatchType.LOGGED,
                bind(insertLedger.bind(), tenant, record),
                bind(upsertCurrent.bind(), tenant, record)
                        // Bound even when empty: a newer answer without expiry must clear an older one's.
                        .setInstant("expires_at", record.expiresAt().orElse(null))
                        .setLong(TIMESTAMP_INDEX, writeTimestamp(record)),
                audit.insert(entry)).setIdempotent(true);
        return session.executeAsync(batch).thenApply(done -> null);
    }

    /** After tenant, node_id and the 15 columns. */
    private static final int TIMESTAMP_INDEX = 17;

    /** Microseconds of the capture; a refusal sorts above a grant captured in the same millisecond. */
    static long writeTimestamp(ConsentRecord record) {
        long spread = Math.floorMod(record.recordId().getLeastSignificantBits(), 500L);
        return record.capturedAt().toEpochMilli() * 1000 + (record.status().refuses() ? 500 : 0) + spread;
    }

    private static BoundStatement bind(BoundStatement statement, TenantId tenant, ConsentRecord record) {
        BoundStatement bound = statement
                .setString("tenant", tenant.value())
                .setUuid("node_id", record.node().value())
                .setString("purpose", record.purpose().storageName())
                .setString("channel", record.channel().storageName())
                .setString("scope_kind", record.scope().map(id -> id.kind().storageName()).orElse(""))
                .setString("scope_namespace", record.scope().map(Identifier::namespace).orElse(""))
                .setString("scope_value", record.scope().map(Identifier::value).orElse(""))
                .setUuid("record_id", record.recordId())
                .setString("status", record.status().storageName())
                .setString("legal_basis", record.legalBasis())
                .setString("source_system", record.sourceSystem())
                .setString("actor", record.actor())
                .setInstant("captured_at", record.capturedAt())
                .setString("policy_version", record.policyVersion())
                .setString("evidence", record.evidence())
                .setInstant("recorded_at", record.recordedAt());
        return record.expiresAt().isPresent() ? bound.setInstant("expires_at", record.expiresAt().get()) : bound;
    }

    @Override
    public CompletionStage<List<ConsentRecord>> current(TenantId tenant, List<ProfileId> nodes) {
        List<CompletableFuture<List<ConsentRecord>>> reads = nodes.stream()
                .map(node -> session.executeAsync(selectCurrent.bind(tenant.value(), node.value()))
                        .thenApply(rows -> records(node, rows)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                .thenApply(done -> reads.stream().flatMap(read -> read.join().stream()).toList());
    }

    @Override
    public CompletionStage<Page> history(TenantId tenant, List<ProfileId> nodes, int pageSize,
                                         Optional<String> pageToken) {
        Map<UUID, String> after = pageToken.map(token -> MergedPages.parse(token).positions()).orElse(Map.of());
        Map<UUID, CompletableFuture<List<ConsentRecord>>> reads = new LinkedHashMap<>();
        for (ProfileId node : nodes) {
            String position = after.get(node.value());
            BoundStatement read = position == null
                    ? selectLedger.bind(tenant.value(), node.value(), pageSize + 1)
                    : selectLedgerAfter.bind(tenant.value(), node.value(), positionTime(position), positionId(position),
                            pageSize + 1);
            reads.put(node.value(), session.executeAsync(read).thenApply(rows -> records(node, rows)).toCompletableFuture());
        }
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<UUID, List<ConsentRecord>> perNode = new LinkedHashMap<>();
            reads.forEach((node, read) -> perNode.put(node, read.join()));
            Map<UUID, ConsentRecord> positions = new HashMap<>();
            MergedPages.Page<ConsentRecord> page = MergedPages.take(perNode, NEWEST_CAPTURE_FIRST, pageSize, positions);
            if (!page.more()) {
                return new Page(page.rows(), Optional.empty());
            }
            Map<UUID, String> next = new LinkedHashMap<>(after);
            positions.forEach((node, last) -> next.put(node, last.capturedAt().toEpochMilli() + " " + last.recordId()));
            return new Page(page.rows(), Optional.of(MergedPages.token("consent", next)));
        });
    }

    private static final Comparator<ConsentRecord> NEWEST_CAPTURE_FIRST = Comparator
            .comparing(ConsentRecord::capturedAt).reversed().thenComparing(ConsentRecord::recordId);

    private static Instant positionTime(String position) {
        try {
            return Instant.ofEpochMilli(Long.parseLong(position.substring(0, position.indexOf(' '))));
        } catch (RuntimeException e) {
            throw MergedPages.badToken();
        }
    }

    private static UUID positionId(String position) {
        try {
            return UUID.fromString(position.substring(position.indexOf(' ') + 1));
        } catch (RuntimeException e) {
            throw MergedPages.badToken();
        }
    }

    private static List<ConsentRecord> records(ProfileId node, AsyncResultSet rows) {
        List<ConsentRecord> records = new ArrayList<>();
        for (Row row : rows.currentPage()) {
            record(node, row).ifPresent(records::add);
        }
        return records;
    }

    /** Rows written by a later version with a purpose, channel or status this one does not know are skipped. */
    private static Optional<ConsentRecord> record(ProfileId node, Row row) {
        Optional<ConsentChannel> channel = ConsentChannel.fromStorageName(row.getString("channel"));
        Optional<ConsentStatus> status = ConsentStatus.fromStorageName(row.getString("status"));
        Purpose purpose;
        try {
            purpose = new Purpose(row.getString("purpose"));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (channel.isEmpty() || status.isEmpty()) {
            return Optional.empty();
        }
        Optional<Identifier> scope = row.getString("scope_kind").isEmpty() ? Optional.empty()
                : IdentifierKind.fromStorageName(row.getString("scope_kind")).map(kind ->
                        new Identifier(kind, row.getString("scope_namespace"), row.getString("scope_value")));
        return Optional.of(new ConsentRecord(row.getUuid("record_id"), node, purpose, channel.get(), scope, status.get(),
                row.getString("legal_basis"), row.getString("source_system"), row.getString("actor"),
                row.getInstant("captured_at"), Optional.ofNullable(row.getInstant("expires_at")),
                row.getString("policy_version"), row.getString("evidence"), row.getInstant("recorded_at")));
    }
}
