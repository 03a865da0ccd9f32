package io.tellonce.profile.support;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.tellonce.profile.cassandra.ChangeLogShards;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Reads the change log directly, to check what a change published. */
public final class ChangeLogRows {
    private ChangeLogRows() {
    }

    /** The kinds of the changes of the last minutes, in any shard, that name the profile. */
    public static List<String> naming(CqlSession session, String tenant, UUID profile, Duration within) {
        return rows(session, tenant, profile, within).stream().map(row -> row.getString("change")).toList();
    }

    /** What the changes of the last minutes that name the profile say, in words. */
    public static List<String> detailsNaming(CqlSession session, String tenant, UUID profile, Duration within) {
        return rows(session, tenant, profile, within).stream().map(row -> row.getString("detail")).toList();
    }

    private static List<Row> rows(CqlSession session, String tenant, UUID profile, Duration within) {
        List<Row> changes = new ArrayList<>();
        Instant now = Instant.now();
        for (Instant bucket = ChangeLogShards.bucket(now.minus(within)); !bucket.isAfter(now);
             bucket = bucket.plus(Duration.ofMinutes(1))) {
            for (int shard = 0; shard < ChangeLogShards.COUNT; shard++) {
                for (Row row : session.execute(SimpleStatement.newInstance("SELECT tenant, change, profile_ids, detail"
                        + " FROM change_log WHERE shard = ? AND bucket = ?", shard, bucket))) {
                    if (row.getString("tenant").equals(tenant) && row.getList("profile_ids", UUID.class).contains(profile)) {
                        changes.add(row);
                    }
                }
            }
        }
        return changes;
    }
}
