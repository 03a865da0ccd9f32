package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.Claim;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.Observation;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The identity graph in Cassandra: identifier claims by lightweight transaction, one partition per profile. */
@Singleton
final class CassandraIdentityGraph implements IdentityGraph {
    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement selectClaim;
    private final PreparedStatement insertClaim;
    private final PreparedStatement listIdentifier;
    private final PreparedStatement createProfile;
    private final PreparedStatement mergeAttributes;
    private final PreparedStatement touchProfile;
    private final PreparedStatement deleteProfile;

    CassandraIdentityGraph(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        selectClaim = prepare("SELECT profile_id, source_system, claimed_at FROM identifier_owner"
                + " WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ?");
        // Retrying is safe: a claim whose answer was lost reads back as already owned by the same profile.
        insertClaim = prepare("INSERT INTO identifier_owner (tenant, kind, namespace, value, profile_id, source_system,"
                + " claimed_at) VALUES (?, ?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        listIdentifier = prepare("INSERT INTO profile (tenant, profile_id, kind, namespace, value, source_system,"
                + " first_seen_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
        createProfile = prepare("INSERT INTO profile (tenant, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?)");
        // The write timestamp is the observation time, so per attribute the latest observation wins,
        // however late it arrives.
        mergeAttributes = prepare("UPDATE profile USING TIMESTAMP ? SET attributes = attributes + ?"
                + " WHERE tenant = ? AND profile_id = ?");
        touchProfile = prepare("UPDATE profile SET updated_at = ? WHERE tenant = ? AND profile_id = ?");
        deleteProfile = prepare("DELETE FROM profile WHERE tenant = ? AND profile_id = ?");
    }

    private PreparedStatement prepare(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Map<Identifier, Claim>> claims(TenantId tenant, Collection<Identifier> identifiers) {
        List<Identifier> ids = List.copyOf(identifiers);
        List<CompletableFuture<AsyncResultSet>> reads = ids.stream()
                .map(id -> session.executeAsync(selectClaim.bind(tenant.value(), id.kind().storageName(),
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

    @Override
    public CompletionStage<Void> createProfile(TenantId tenant, ProfileId profile, Observation observation) {
        Instant now = now();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
                .addStatement(createProfile.bind(tenant.value(), profile.value(), now, now));
        addAttributes(batch, tenant, profile, observation);
        return execute(batch);
    }

    @Override
    public CompletionStage<Claim> claim(TenantId tenant, Identifier id, ProfileId profile, Observation observation) {
        Claim mine = new Claim(profile, observation.sourceSystem(), now());
        return session.executeAsync(insertClaim.bind(tenant.value(), id.kind().storageName(), id.namespace(),
                        id.value(), profile.value(), mine.sourceSystem(), mine.claimedAt()))
                .thenCompose(rs -> {
                    Claim owner = rs.wasApplied() ? mine : claim(rs.one());
                    if (!owner.owner().equals(profile)) {
                        return CompletableFuture.completedFuture(owner);
                    }
                    return session.executeAsync(listing(tenant, id, owner)).thenApply(listed -> owner);
                });
    }

    @Override
    public CompletionStage<Void> attach(TenantId tenant, ProfileId profile, Observation observation,
                                        Map<Identifier, Claim> ownClaims) {
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.UNLOGGED)
                .addStatement(touchProfile.bind(now(), tenant.value(), profile.value()));
        addAttributes(batch, tenant, profile, observation);
        ownClaims.forEach((id, claim) -> batch.addStatement(listing(tenant, id, claim)));
        return execute(batch);
    }

    @Override
    public CompletionStage<Void> discard(TenantId tenant, ProfileId profile) {
        return session.executeAsync(deleteProfile.bind(tenant.value(), profile.value())).thenApply(rs -> null);
    }

    private BoundStatement listing(TenantId tenant, Identifier id, Claim claim) {
        return listIdentifier.bind(tenant.value(), claim.owner().value(), id.kind().storageName(), id.namespace(),
                id.value(), claim.sourceSystem(), claim.claimedAt());
    }

    private void addAttributes(BatchStatementBuilder batch, TenantId tenant, ProfileId profile, Observation observation) {
        if (!observation.attributes().isEmpty()) {
            long observedMicros = ChronoUnit.MICROS.between(Instant.EPOCH, observation.observedAt());
            batch.addStatement(mergeAttributes.bind(observedMicros, observation.attributes(), tenant.value(),
                    profile.value()));
        }
    }

    private CompletionStage<Void> execute(BatchStatementBuilder batch) {
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(rs -> (Void) null);
    }

    private static Claim claim(Row row) {
        return new Claim(new ProfileId(row.getUuid("profile_id")), row.getString("source_system"),
                row.getInstant("claimed_at"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
