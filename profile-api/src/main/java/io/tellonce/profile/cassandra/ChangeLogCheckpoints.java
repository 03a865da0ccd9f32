package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * How far each shard of the change log has been indexed. Only a shard's lease holder moves its
 * checkpoint, and only forwards: every write is conditional on the lease, which lives in the same
 * row ({@link ChangeLogLeases}), and on neither position going back. A holder that lost its lease
 * without knowing (a pause longer than the lease) has its write refused, and learns so (ADR 21).
 */
@Singleton
public final class ChangeLogCheckpoints {
    /** Covers clock skew between the instance that starts the log and the first writers. */
    private static final Duration START_MARGIN = Duration.ofMinutes(1);

    private final CqlSession session;
    private final Clock clock;
    private final PreparedStatement start;
    private final PreparedStatement save;
    private final PreparedStatement selectAll;

    ChangeLogCheckpoints(CqlSession session, Clock clock) {
        this.session = session;
        this.clock = clock;
        this.start = session.prepare("INSERT INTO change_log_checkpoint (shard, indexed_to, verified_to, updated_at)"
                + " VALUES (?, ?, ?, ?) IF NOT EXISTS");
        this.save = session.prepare("UPDATE change_log_checkpoint SET indexed_to = ?, verified_to = ?, updated_at = ?"
                + " WHERE shard = ? IF owner = ? AND indexed_to <= ? AND verified_to <= ?");
        this.selectAll = session.prepare("SELECT shard, indexed_to, verified_to FROM change_log_checkpoint");
    }

    /**
     * Gives every shard a checkpoint if it has none, at about now: a new log has nothing older to
     * index, and without a start the indexer would walk fourteen days of empty minutes.
     */
    public void startAll() {
        Instant at = clock.instant().minus(START_MARGIN);
        for (int shard = 0; shard < ChangeLogShards.COUNT; shard++) {
            session.execute(start.bind(shard, at, at, clock.instant()));
        }
    }

    public Map<Integer, Checkpoint> all() {
        Map<Integer, Checkpoint> checkpoints = new HashMap<>();
        for (Row row : session.execute(selectAll.bind())) {
            checkpoints.put(row.getInt("shard"), new Checkpoint(row.getInstant("indexed_to"), row.getInstant("verified_to")));
        }
        return checkpoints;
    }

    /**
     * Moves the shard's checkpoint to {@code checkpoint} while {@code holder} holds the shard's lease.
     *
     * @return false when the write was refused: the lease is someone else's (or nobody's), or the
     *         checkpoint is already further; either way the holder no longer drains the shard
     */
    public boolean save(int shard, UUID holder, Checkpoint checkpoint) {
        return session.execute(save.bind(checkpoint.indexedTo(), checkpoint.verifiedTo(), clock.instant(), shard, holder,
                checkpoint.indexedTo(), checkpoint.verifiedTo())).wasApplied();
    }

    /**
     * @param indexedTo  every change up to this time is in the index
     * @param verifiedTo every change up to this time is in the index and was checked again for changes
     *                   that reached Cassandra late (a batch replayed from the batchlog keeps its time)
     */
    public record Checkpoint(Instant indexedTo, Instant verifiedTo) {
    }
}
