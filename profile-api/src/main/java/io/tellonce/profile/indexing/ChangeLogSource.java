package io.tellonce.profile.indexing;

import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.cassandra.ChangeLogReader;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;

/** The change log in Cassandra as the indexer's source. */
@Singleton
final class ChangeLogSource implements ChangeSource {
    private final ChangeLogReader reader;

    ChangeLogSource(ChangeLogReader reader) {
        this.reader = reader;
    }

    @Override
    public List<ChangeLogEntry> between(int shard, Instant from, Instant to) {
        return reader.between(shard, from, to);
    }

    @Override
    public List<ChangeLogEntry> minute(int shard, Instant minute) {
        return reader.bucket(shard, minute);
    }
}
