package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.Sighting;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Counts the distinct profiles each claimed value was seen on and marks it shared at the threshold.
 * The count is a set of rows (adding a profile twice is one row), so instances counting at once never
 * lose one; the first instance to mark the value decides since when it is shared, by lightweight
 * transaction on {@code shared_identifier}; every marker then copies that time onto the claim. A
 * marker that dies between the two is finished by the next sighting, which finds the count still high.
 */
@Singleton
final class SharedValueCounts {
    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement addSighting;
    private final PreparedStatement selectSightings;
    private final PreparedStatement insertShared;
    private final PreparedStatement markClaim;

    SharedValueCounts(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        addSighting = idempotent("INSERT INTO identifier_sighting (tenant, kind, namespace, value, seen_on, seen_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)");
        selectSightings = idempotent("SELECT seen_on FROM identifier_sighting"
                + " WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ? LIMIT ?");
        insertShared = idempotent("INSERT INTO shared_identifier (tenant, kind, namespace, value, shared_since, profiles)"
                + " VALUES (?, ?, ?, ?, ?, ?) IF NOT EXISTS");
        // IF EXISTS: a claim erased meanwhile must not come back as a row without an owner.
        markClaim = idempotent("UPDATE identifier_owner SET shared_since = ?"
                + " WHERE tenant = ? AND kind = ? AND namespace = ? AND value = ? IF EXISTS");
    }

    private PreparedStatement idempotent(String cql) {
        return session.prepare(SimpleStatement.builder(cql).setIdempotence(true).build());
    }

    /** @return since when the value is shared, once its distinct profiles reach {@code threshold} */
    CompletionStage<Optional<Instant>> sighted(TenantId tenant, Sighting sighting, int threshold) {
        Identifier id = sighting.identifier();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Object[] key = {tenant.value(), id.kind().storageName(), id.namespace(), id.value()};
        return session.executeAsync(BatchStatement.builder(DefaultBatchType.UNLOGGED)
                        .addStatement(addSighting.bind(key[0], key[1], key[2], key[3], Sighting.onProfile(sighting.owner()), now))
                        .addStatement(addSighting.bind(key[0], key[1], key[2], key[3], sighting.seenOn(), now))
                        .setIdempotence(true).build())
                .thenCompose(added -> session.executeAsync(selectSightings.bind(key[0], key[1], key[2], key[3], threshold)))
                .thenCompose(seen -> seen.remaining() < threshold
                        ? CompletableFuture.completedFuture(Optional.<Instant>empty())
                        : mark(key, now, seen.remaining()));
    }

    private CompletionStage<Optional<Instant>> mark(Object[] key, Instant now, int profiles) {
        return session.executeAsync(insertShared.bind(key[0], key[1], key[2], key[3], now, profiles))
                .thenCompose(inserted -> {
                    Instant since = inserted.wasApplied() ? now : inserted.one().getInstant("shared_since");
                    return session.executeAsync(markClaim.bind(since, key[0], key[1], key[2], key[3]))
                            .thenApply(marked -> marked.wasApplied() ? Optional.of(since) : Optional.<Instant>empty());
                });
    }
}
