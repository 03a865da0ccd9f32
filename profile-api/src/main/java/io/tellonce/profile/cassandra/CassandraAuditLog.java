package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.AuditEntry;
import io.tellonce.profile.app.AuditLog;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.config.AuditSettings;
import io.tellonce.profile.consent.Purpose;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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

/** The audit log (V003): one partition per node and UTC day, newest first, expiring after the retention. */
@Singleton
final class CassandraAuditLog implements AuditLog {
    private static final String COLUMNS = "audit_id, action, rpc, actor, role, purpose, profile_ids, detail";

    private final CqlSession session;
    private final int retentionSeconds;
    private final PreparedStatement insert;
    private final PreparedStatement select;

    CassandraAuditLog(CqlSession session, AuditSettings settings) {
        this.session = session;
        this.retentionSeconds = Math.toIntExact(settings.retention().toSeconds());
        insert = session.prepare(SimpleStatement.builder("INSERT INTO audit_log (tenant, node_id, day, " + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?").setIdempotence(true).build());
        select = session.prepare(SimpleStatement.builder("SELECT " + COLUMNS + " FROM audit_log WHERE tenant = ?"
                + " AND node_id = ? AND day = ? AND audit_id < ? AND audit_id >= ? LIMIT ?").setIdempotence(true).build());
    }

    /** The insert of one entry, also for the logged batches of changes that carry their own audit. */
    BoundStatement insert(AuditEntry entry) {
        // A time-based id at the entry's time, its other half from the entry's own id: unique, and a
        // retry of the same entry rewrites the same row.
        UUID id = new UUID(Uuids.startOf(entry.at().toEpochMilli()).getMostSignificantBits(),
                (entry.id().getLeastSignificantBits() & 0x3FFF_FFFF_FFFF_FFFFL) | Long.MIN_VALUE);
        return insert.bind(entry.caller().tenant().value(), entry.node().value(), day(entry.at()), id,
                entry.action().name().toLowerCase(), entry.rpc(), entry.caller().actor(), entry.caller().role(),
                entry.purpose().map(Purpose::storageName).orElse(""),
                entry.profiles().stream().map(ProfileId::value).toList(), entry.detail(), retentionSeconds);
    }

    @Override
    public CompletionStage<Void> append(List<AuditEntry> entries) {
        List<CompletableFuture<AsyncResultSet>> writes = entries.stream()
                .map(entry -> session.executeAsync(insert(entry)).toCompletableFuture()).toList();
        return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new));
    }

    @Override
    public CompletionStage<Page> query(TenantId tenant, List<ProfileId> nodes, Instant from, Instant to, int pageSize,
                                       Optional<String> pageToken) {
        LocalDate day = day(to.minusMillis(1));
        Map<UUID, String> positions = Map.of();
        if (pageToken.isPresent()) {
            MergedPages.Token token = MergedPages.parse(pageToken.get());
            try {
                day = LocalDate.parse(token.header());
            } catch (RuntimeException e) {
                throw MergedPages.badToken();
            }
            positions = token.positions();
        }
        return page(tenant, nodes, from, to, day, positions, pageSize, new ArrayList<>());
    }

    /** Reads day by day, newest first, until the page is full or the range is done. */
    private CompletionStage<Page> page(TenantId tenant, List<ProfileId> nodes, Instant from, Instant to, LocalDate day,
                                       Map<UUID, String> after, int pageSize, List<Stored> collected) {
        if (day.isBefore(day(from)) || collected.size() >= pageSize) {
            Optional<String> next = day.isBefore(day(from)) ? Optional.empty()
                    : Optional.of(MergedPages.token(day.toString(), after));
            return CompletableFuture.completedFuture(new Page(collected, next));
        }
        int wanted = pageSize - collected.size();
        Map<UUID, CompletableFuture<List<Stored>>> reads = new LinkedHashMap<>();
        for (ProfileId node : nodes) {
            UUID upper = Optional.ofNullable(after.get(node.value())).map(CassandraAuditLog::position)
                    .orElse(Uuids.startOf(to.toEpochMilli()));
            reads.put(node.value(), session.executeAsync(select.bind(tenant.value(), node.value(), day, upper,
                            Uuids.startOf(from.toEpochMilli()), wanted + 1))
                    .thenApply(rows -> stored(tenant, node, rows)).toCompletableFuture());
        }
        LocalDate reading = day;
        return CompletableFuture.allOf(reads.values().toArray(CompletableFuture[]::new)).thenCompose(done -> {
            Map<UUID, List<Stored>> perNode = new LinkedHashMap<>();
            reads.forEach((node, read) -> perNode.put(node, read.join()));
            Map<UUID, Stored> last = new HashMap<>();
            MergedPages.Page<Stored> taken = MergedPages.take(perNode, NEWEST_FIRST, wanted, last);
            collected.addAll(taken.rows());
            if (taken.more()) {
                Map<UUID, String> next = new LinkedHashMap<>(after);
                last.forEach((node, entry) -> next.put(node, entry.id().toString()));
                return CompletableFuture.completedFuture(new Page(collected,
                        Optional.of(MergedPages.token(reading.toString(), next))));
            }
            return page(tenant, nodes, from, to, reading.minusDays(1), Map.of(), pageSize, collected);
        });
    }

    private static final Comparator<Stored> NEWEST_FIRST = Comparator
            .comparing((Stored stored) -> stored.entry().at()).reversed().thenComparing(Stored::id);

    /** An audit id from a page token: time-based (version 1), as the driver binds nothing else to a timeuuid. */
    private static UUID position(String text) {
        UUID position;
        try {
            position = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw MergedPages.badToken();
        }
        if (position.version() != 1) {
            throw MergedPages.badToken();
        }
        return position;
    }

    private static List<Stored> stored(TenantId tenant, ProfileId node, AsyncResultSet rows) {
        List<Stored> entries = new ArrayList<>();
        for (Row row : rows.currentPage()) {
            UUID id = row.getUuid("audit_id");
            String purpose = row.getString("purpose");
            Optional<Purpose> declared;
            try {
                declared = purpose == null || purpose.isEmpty() ? Optional.empty() : Optional.of(new Purpose(purpose));
            } catch (IllegalArgumentException e) {
                declared = Optional.empty();
            }
            entries.add(new Stored(id, new AuditEntry(id, new Caller(tenant, row.getString("actor"), row.getString("role")),
                    node, Instant.ofEpochMilli(Uuids.unixTimestamp(id)),
                    "change".equals(row.getString("action")) ? AuditEntry.Action.CHANGE : AuditEntry.Action.READ,
                    row.getString("rpc"), declared,
                    row.get("profile_ids", CqlTypes.UUIDS).stream().map(ProfileId::new).toList(),
                    row.getString("detail"))));
        }
        return entries;
    }

    private static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }
}
