package io.tellonce.profile.indexing;

import io.tellonce.profile.cassandra.ChangeLogCheckpoints.Checkpoint;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.cassandra.ChangeLogShards;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Drains one shard of the change log while this instance holds it. A pass applies every change up
 * to a horizon just behind now and moves {@code indexedTo}; a minute later each minute is read again
 * and, if it holds more changes than the pass saw (a batch that reached Cassandra late keeps the
 * time it was stamped with), applied again whole before {@code verifiedTo} moves past it. The lease
 * is kept before every read and every batch, so a long drain renews it and stops once it is lost.
 */
final class ShardDrain {
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int shard;
    private final ChangeSource log;
    private final ChangeSink applier;
    private final int batchSize;
    private final ShardLease lease;
    /** Changes seen per minute by the passes since this instance took the shard. */
    private final Map<Instant, Integer> seenPerMinute = new HashMap<>();
    private final Instant takenAt;
    private Checkpoint checkpoint;

    ShardDrain(int shard, Checkpoint checkpoint, ChangeSource log, ChangeSink applier, int batchSize, ShardLease lease) {
        this.lease = lease;
        this.shard = shard;
        this.checkpoint = checkpoint;
        this.takenAt = checkpoint.indexedTo();
        this.log = log;
        this.applier = applier;
        this.batchSize = batchSize;
    }

    int shard() {
        return shard;
    }

    Checkpoint checkpoint() {
        return checkpoint;
    }

    /** Applies the changes up to {@code horizon}, one minute at a time so that a long lag stays bounded. */
    void pass(Instant horizon) throws IOException {
        while (checkpoint.indexedTo().isBefore(horizon)) {
            Instant from = checkpoint.indexedTo();
            Instant endOfMinute = ChangeLogShards.bucket(from.plusMillis(1)).plus(MINUTE).minusMillis(1);
            Instant to = endOfMinute.isBefore(horizon) ? endOfMinute : horizon;
            lease.keep();
            List<ChangeLogEntry> entries = log.between(shard, from, to);
            applyInBatches(entries);
            seenPerMinute.merge(ChangeLogShards.bucket(to), entries.size(), Integer::sum);
            checkpoint = new Checkpoint(to, checkpoint.verifiedTo());
        }
    }

    /** Reads again each whole minute that ended before {@code settled} and is not verified yet. */
    void verify(Instant settled) throws IOException {
        Instant limit = settled.isBefore(checkpoint.indexedTo()) ? settled : checkpoint.indexedTo();
        while (true) {
            Instant minute = ChangeLogShards.bucket(checkpoint.verifiedTo().plusMillis(1));
            Instant endOfMinute = minute.plus(MINUTE).minusMillis(1);
            if (endOfMinute.isAfter(limit)) {
                return;
            }
            lease.keep();
            List<ChangeLogEntry> entries = log.minute(shard, minute);
            Integer seen = seenPerMinute.remove(minute);
            // Minutes passed before this instance took the shard were seen by someone else, uncounted.
            boolean uncounted = seen == null || minute.isBefore(takenAt);
            if (uncounted || entries.size() > seen) {
                applyInBatches(entries);
            }
            checkpoint = new Checkpoint(checkpoint.indexedTo(), endOfMinute);
        }
    }

    private void applyInBatches(List<ChangeLogEntry> entries) throws IOException {
        for (int start = 0; start < entries.size(); start += batchSize) {
            lease.keep();
            applier.apply(entries.subList(start, Math.min(entries.size(), start + batchSize)));
        }
    }
}
