package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;

/**
 * Rows of the change feed, to be added to the logged batch of the change they describe, so that a
 * change is published if and only if it happened.
 */
@Singleton
final class ChangeFeed {
    static final String PROFILES_MERGED = "profiles merged";
    static final String PROFILE_UNMERGED = "profile unmerged";
    static final String IDENTIFIER_MOVED = "identifier moved";

    private final GraphStatements cql;
    private final Clock clock;

    ChangeFeed(GraphStatements cql, Clock clock) {
        this.cql = cql;
        this.clock = clock;
    }

    /** @param profiles every profile or node whose profile changed; readers resolve them to current roots */
    BoundStatement change(TenantId tenant, String change, Collection<ProfileId> profiles, String detail) {
        Instant now = clock.instant();
        return cql.insertChange.bind(tenant.value(), bucket(now), Uuids.timeBased(), change,
                profiles.stream().map(ProfileId::value).toList(), detail);
    }

    /** The hour a change falls in: the feed's partition per tenant. */
    static Instant bucket(Instant at) {
        return at.truncatedTo(ChronoUnit.HOURS);
    }
}
