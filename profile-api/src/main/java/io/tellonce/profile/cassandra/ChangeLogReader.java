package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the change log of one shard, minute bucket by minute bucket. */
@Singleton
public final class ChangeLogReader {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final CqlSession session;
    private final PreparedStatement selectRange;
    private final PreparedStatement selectBucket;

    ChangeLogReader(CqlSession session) {
        this.session = session;
        this.selectRange = session.prepare("SELECT change_id, tenant, change, profile_ids, detail FROM change_log"
                + " WHERE shard = ? AND bucket = ? AND change_id > maxTimeuuid(?) AND change_id <= maxTimeuuid(?)");
        this.selectBucket = session.prepare("SELECT change_id, tenant, change, profile_ids, detail FROM change_log"
                + " WHERE shard = ? AND bucket = ?");
    }

    /** The changes of the shard after {@code from} up to and including {@code to}, oldest first. */
    public List<ChangeLogEntry> between(int shard, Instant from, Instant to) {
        List<ChangeLogEntry> entries = new ArrayList<>();
        for (Instant bucket = ChangeLogShards.bucket(from.plusMillis(1)); !bucket.isAfter(to); bucket = bucket.plus(MINUTE)) {
            session.execute(selectRange.bind(shard, bucket, from, to)).forEach(row -> entries.add(entry(row)));
        }
        return entries;
    }

    /** Every change of one minute bucket of the shard, oldest first. */
    public List<ChangeLogEntry> bucket(int shard, Instant bucket) {
        List<ChangeLogEntry> entries = new ArrayList<>();
        session.execute(selectBucket.bind(shard, bucket)).forEach(row -> entries.add(entry(row)));
        return entries;
    }

    private static ChangeLogEntry entry(Row row) {
        UUID id = row.getUuid("change_id");
        return new ChangeLogEntry(id, Instant.ofEpochMilli(Uuids.unixTimestamp(id)), row.getString("tenant"),
                row.getString("change"), row.get("profile_ids", CqlTypes.UUIDS), row.getString("detail"));
    }
}
