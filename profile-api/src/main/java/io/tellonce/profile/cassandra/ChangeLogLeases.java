package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Which instance drains which shard. Leases and memberships are cells with a TTL that their holder
 * renews, so the shards of an instance that dies pass to the others within one TTL. A shard's lease
 * lives in its checkpoint's row, so that every checkpoint write can be conditional on still holding
 * it ({@link ChangeLogCheckpoints#save}, ADR 21). Take a shard only once its checkpoint exists
 * ({@link ChangeLogCheckpoints#startAll}): a lease on a missing row would make one without a position.
 */
@Singleton
public final class ChangeLogLeases {
    private static final String RING = "indexer";

    private final CqlSession session;
    private final PreparedStatement take;
    private final PreparedStatement renew;
    private final PreparedStatement release;
    private final PreparedStatement selectOwners;
    private final PreparedStatement join;
    private final PreparedStatement leave;
    private final PreparedStatement selectMembers;

    ChangeLogLeases(CqlSession session) {
        this.session = session;
        this.take = session.prepare("UPDATE change_log_checkpoint USING TTL ? SET owner = ?, owner_name = ?"
                + " WHERE shard = ? IF owner = null");
        this.renew = session.prepare("UPDATE change_log_checkpoint USING TTL ? SET owner = ?, owner_name = ?"
                + " WHERE shard = ? IF owner = ?");
        this.release = session.prepare("UPDATE change_log_checkpoint SET owner = null, owner_name = null"
                + " WHERE shard = ? IF owner = ?");
        this.selectOwners = session.prepare("SELECT shard, owner, owner_name FROM change_log_checkpoint");
        this.join = session.prepare("INSERT INTO change_log_member (ring, instance, name) VALUES ('" + RING
                + "', ?, ?) USING TTL ?");
        this.leave = session.prepare("DELETE FROM change_log_member WHERE ring = '" + RING + "' AND instance = ?");
        this.selectMembers = session.prepare("SELECT instance FROM change_log_member WHERE ring = '" + RING + "'");
    }

    /** Takes a free shard; false when someone holds it. */
    public boolean take(int shard, UUID me, String name, Duration ttl) {
        return session.execute(take.bind(seconds(ttl), me, name, shard)).wasApplied();
    }

    /** Extends a held lease; false when it was lost (expired and taken, or never held). */
    public boolean renew(int shard, UUID me, String name, Duration ttl) {
        return session.execute(renew.bind(seconds(ttl), me, name, shard, me)).wasApplied();
    }

    public void release(int shard, UUID me) {
        session.execute(release.bind(shard, me));
    }

    /** The current holder of each held shard. */
    public Map<Integer, Holder> owners() {
        Map<Integer, Holder> owners = new HashMap<>();
        for (Row row : session.execute(selectOwners.bind())) {
            if (row.getUuid("owner") != null) {
                owners.put(row.getInt("shard"), new Holder(row.getUuid("owner"), row.getString("owner_name")));
            }
        }
        return owners;
    }

    /** An instance holding a shard, and its host name and process id. */
    public record Holder(UUID instance, String name) {
    }

    /** Announces this instance as alive for the TTL; returns how many instances are alive. */
    public int heartbeat(UUID me, String name, Duration ttl) {
        session.execute(join.bind(me, name, seconds(ttl)));
        return Math.max(1, session.execute(selectMembers.bind()).all().size());
    }

    public void leave(UUID me) {
        session.execute(leave.bind(me));
    }

    private static int seconds(Duration ttl) {
        return Math.toIntExact(Math.max(1, ttl.toSeconds()));
    }
}
