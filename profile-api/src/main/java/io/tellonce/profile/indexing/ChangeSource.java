package io.tellonce.profile.indexing;

import io.tellonce.profile.cassandra.ChangeLogEntry;
import java.time.Instant;
import java.util.List;

/** Where a shard's changes are read from: the change log. */
interface ChangeSource {
    /** The changes after {@code from} up to and including {@code to}, oldest first. */
    List<ChangeLogEntry> between(int shard, Instant from, Instant to);

    /** Every change of one minute, oldest first. */
    List<ChangeLogEntry> minute(int shard, Instant minute);
}
