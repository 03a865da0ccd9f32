package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The merges, unmerges and moves in flight, by the minute they began ({@code cluster_operation}):
 * each is recorded before it marks its first profile and forgotten after its last mark comes off
 * (ADR 21), so that the background sweep finds the ones a crash left and nobody reads, without
 * scanning every profile.
 */
@Singleton
final class ClusterIntents {
    private static final String SWEEP = "cluster_operations";

    private final CqlSession session;
    private final PreparedStatement insert;
    private final PreparedStatement delete;
    private final PreparedStatement selectMinute;
    private final PreparedStatement selectSwept;
    private final PreparedStatement updateSwept;

    /** An operation in flight: which profiles it marks. */
    record Intent(long minute, TenantId tenant, UUID operation, ClusterStatics.Marker marker, List<ProfileId> roots) {
    }

    ClusterIntents(CqlSession session) {
        this.session = session;
        insert = idempotent("INSERT INTO cluster_operation (minute, tenant, operation, marker, roots) VALUES (?, ?, ?, ?, ?)");
        delete = idempotent("DELETE FROM cluster_operation WHERE minute = ? AND tenant = ? AND operation = ?");
        selectMinute = idempotent("SELECT tenant, operation, marker, roots FROM cluster_operation WHERE minute = ?");
        selectSwept = idempotent("SELECT swept_minute FROM cluster_operation_sweep WHERE sweep = ?");
        updateSwept = idempotent("UPDATE cluster_operation_sweep SET swept_minute = ? WHERE sweep = ?");
    }

    private PreparedStatement idempotent(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    static long minute(Instant at) {
        return Math.floorDiv(at.toEpochMilli(), 60_000L);
    }

    void begun(TenantId tenant, ClusterStatics.Marker marker, ClusterPlan plan) {
        session.execute(insert.bind(minute(plan.at()), tenant.value(), plan.operation(), marker.name(),
                plan.roots().stream().map(ProfileId::value).toList()));
    }

    void ended(TenantId tenant, ClusterPlan plan) {
        ended(minute(plan.at()), tenant, plan.operation());
    }

    void ended(Intent intent) {
        ended(intent.minute(), intent.tenant(), intent.operation());
    }

    private void ended(long minute, TenantId tenant, UUID operation) {
        session.execute(delete.bind(minute, tenant.value(), operation));
    }

    List<Intent> begunIn(long minute) {
        List<Intent> intents = new ArrayList<>();
        for (Row row : session.execute(selectMinute.bind(minute))) {
            intents.add(new Intent(minute, new TenantId(row.getString("tenant")), row.getUuid("operation"),
                    ClusterStatics.Marker.valueOf(row.getString("marker")),
                    row.getList("roots", UUID.class).stream().map(ProfileId::new).toList()));
        }
        return intents;
    }

    /** The first minute the sweep has not yet found settled. */
    Optional<Long> sweptUntil() {
        Row row = session.execute(selectSwept.bind(SWEEP)).one();
        return row == null || row.isNull("swept_minute") ? Optional.empty() : Optional.of(row.getLong("swept_minute"));
    }

    void sweptUntil(long minute) {
        session.execute(updateSwept.bind(minute, SWEEP));
    }
}
