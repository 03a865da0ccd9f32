package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * Rows of the change log, to be added to the logged batch of the change they describe, so that a
 * change is published if and only if it happened.
 */
@Singleton
public final class ChangeFeed {
    public static final String PROFILE_CHANGED = "profile changed";
    public static final String PROFILE_REMOVED = "profile removed";
    /** An interaction was recorded; detail = the interaction id. */
    public static final String INTERACTION_RECORDED = "interaction recorded";
    /** A case was opened or changed (status, or an interaction moved into it); detail = the case id. */
    public static final String CASE_CHANGED = "case changed";
    static final String PROFILES_MERGED = "profiles merged";
    static final String PROFILE_UNMERGED = "profile unmerged";
    static final String IDENTIFIER_MOVED = "identifier moved";

    private final PreparedStatement insert;

    ChangeFeed(CqlSession session) {
        this.insert = session.prepare("INSERT INTO change_log (shard, bucket, change_id, tenant, change, profile_ids,"
                + " detail) VALUES (?, ?, ?, ?, ?, ?, ?)");
    }

    /**
     * @param profiles every profile or node whose profile changed; readers resolve them to current
     *                 roots. Must not be empty: the first one decides the shard.
     * @param detail   what happened, in words; ids only, never personal data (the log outlives erasure)
     */
    public BoundStatement change(TenantId tenant, String change, Collection<ProfileId> profiles, String detail) {
        List<UUID> ids = profiles.stream().map(ProfileId::value).toList();
        UUID changeId = Uuids.timeBased();
        Instant at = Instant.ofEpochMilli(Uuids.unixTimestamp(changeId));
        return insert.bind(ChangeLogShards.shardOf(tenant.value(), ids.get(0)), ChangeLogShards.bucket(at), changeId,
                tenant.value(), change, ids, detail).setIdempotent(true);
    }
}
