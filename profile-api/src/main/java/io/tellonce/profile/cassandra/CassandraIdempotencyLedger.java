package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IdempotencyLedger;
import io.tellonce.profile.app.RememberedResponse;
import io.tellonce.profile.config.IdentitySettings;
import jakarta.inject.Singleton;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Idempotency keys in Cassandra, kept for the configured retention (a TTL). */
@Singleton
final class CassandraIdempotencyLedger implements IdempotencyLedger {
    private final CqlSession session;
    private final Clock clock;
    private final int retentionSeconds;
    private final PreparedStatement select;
    private final PreparedStatement insert;
    private final PreparedStatement insertSubject;

    CassandraIdempotencyLedger(CqlSession session, Clock clock, IdentitySettings settings) {
        this.session = session;
        this.clock = clock;
        this.retentionSeconds = Math.toIntExact(settings.idempotencyRetention().toSeconds());
        select = session.prepare(SimpleStatement.builder("SELECT request_fingerprint, response FROM idempotent_response"
                + " WHERE tenant = ? AND operation = ? AND idempotency_key = ?").setIdempotence(true).build());
        insert = session.prepare(SimpleStatement.builder("INSERT INTO idempotent_response (tenant, operation,"
                + " idempotency_key, request_fingerprint, response, created_at) VALUES (?, ?, ?, ?, ?, ?)"
                + " IF NOT EXISTS USING TTL ?").setIdempotence(true).build());
        insertSubject = session.prepare(SimpleStatement.builder("INSERT INTO idempotent_response_subject (tenant,"
                + " node_id, operation, idempotency_key) VALUES (?, ?, ?, ?) USING TTL ?").setIdempotence(true).build());
    }

    @Override
    public CompletionStage<Optional<RememberedResponse>> find(TenantId tenant, String operation, String key) {
        return session.executeAsync(select.bind(tenant.value(), operation, key))
                .thenApply(rs -> Optional.ofNullable(rs.one()).map(CassandraIdempotencyLedger::remembered));
    }

    @Override
    public CompletionStage<RememberedResponse> remember(TenantId tenant, String operation, String key,
                                                        RememberedResponse response, List<ProfileId> subjects) {
        // The subjects first: a crash between the two leaves a pointer to nothing, never an answer
        // that an erasure could not find.
        List<CompletableFuture<AsyncResultSet>> pointers = subjects.stream().distinct()
                .map(subject -> session.executeAsync(insertSubject.bind(tenant.value(), subject.value(), operation, key,
                        retentionSeconds)).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(pointers.toArray(CompletableFuture[]::new)).thenCompose(indexed ->
                session.executeAsync(insert.bind(tenant.value(), operation, key,
                        ByteBuffer.wrap(response.requestFingerprint()), ByteBuffer.wrap(response.response()),
                        clock.instant(), retentionSeconds)))
                .thenApply(rs -> rs.wasApplied() ? response : remembered(rs.one()));
    }

    private static RememberedResponse remembered(Row row) {
        return new RememberedResponse(bytes(row.getByteBuffer("request_fingerprint")), bytes(row.getByteBuffer("response")));
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] out = new byte[copy.remaining()];
        copy.get(out);
        return out;
    }
}
