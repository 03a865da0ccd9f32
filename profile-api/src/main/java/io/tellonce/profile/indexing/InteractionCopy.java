package io.tellonce.profile.indexing;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tellonce.profile.cassandra.ChangeFeed;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.search.IndexDefinition;
import io.tellonce.search.SearchIndexes;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Every interaction of every tenant, by a paged scan of {@code interaction_by_id} (one small row per
 * interaction). Each is applied like an "interaction recorded" change, to the new index only, so it
 * is read again from Cassandra with its case's status.
 */
@Singleton
final class InteractionCopy implements IndexCopy {
    private final CqlSession session;
    private final InteractionChangeApplier applier;
    private final Clock clock;

    InteractionCopy(CqlSession session, InteractionChangeApplier applier, Clock clock) {
        this.session = session;
        this.applier = applier;
        this.clock = clock;
    }

    @Override
    public IndexDefinition definition() {
        return SearchIndexes.INTERACTIONS;
    }

    @Override
    public void copyInto(String index) throws IOException {
        TableScan.inBatches(session, "SELECT tenant, interaction_id FROM interaction_by_id",
                row -> new ChangeLogEntry(UUID.randomUUID(), clock.instant(), row.getString("tenant"),
                        ChangeFeed.INTERACTION_RECORDED, List.of(), row.getUuid("interaction_id").toString()),
                batch -> applier.applyTo(List.of(index), batch, Set.of()));
    }
}
