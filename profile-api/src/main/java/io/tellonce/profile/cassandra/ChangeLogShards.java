package io.tellonce.profile.cassandra;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * How the change log is cut into partitions. The shard count is part of the stored layout: changing
 * it would strand the rows already written under the old count, so it is a constant, not a setting.
 */
public final class ChangeLogShards {
    public static final int COUNT = 16;

    private ChangeLogShards() {
    }

    static int shardOf(String tenant, UUID profile) {
        return Math.floorMod(31 * tenant.hashCode() + profile.hashCode(), COUNT);
    }

    /** The minute a change falls in: with the shard, the change's partition. */
    public static Instant bucket(Instant at) {
        return at.truncatedTo(ChronoUnit.MINUTES);
    }
}
