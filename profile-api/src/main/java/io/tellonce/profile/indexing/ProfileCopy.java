package io.tellonce.profile.indexing;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.search.IndexDefinition;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.UUID;

/**
 * Every profile root of every tenant, by a paged scan of the profile clusters. Each is applied like a
 * change, to the new index only.
 */
@Singleton
final class ProfileCopy implements IndexCopy {
    private final CqlSession session;
    private final ChangeApplier applier;
    private final Clock clock;

    ProfileCopy(CqlSession session, ChangeApplier applier, Clock clock) {
        this.session = session;
        this.applier = applier;
        this.clock = clock;
    }

    @Override
    public IndexDefinition definition() {
        return SearchIndexes.PROFILES;
    }

    @Override
    public void copyInto(String index) throws IOException {
        TableScan.inBatches(session, "SELECT DISTINCT tenant, root_id FROM profile_cluster",
                row -> new ChangeLogEntry(UUID.randomUUID(), clock.instant(), row.getString("tenant"), "reindex",
                        List.of(row.getUuid("root_id")), ""),
                batch -> applier.applyTo(List.of(index), batch));
    }
}
