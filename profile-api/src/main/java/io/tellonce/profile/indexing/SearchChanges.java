package io.tellonce.profile.indexing;

import io.tellonce.profile.cassandra.ChangeLogEntry;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * The change log's one sink: every batch of changes reaches the profile index and then the
 * interaction index. Applying is idempotent for both, so a batch retried after one of them failed is
 * harmless.
 */
@Singleton
final class SearchChanges implements ChangeSink {
    private final ChangeApplier profiles;
    private final InteractionChangeApplier interactions;

    SearchChanges(ChangeApplier profiles, InteractionChangeApplier interactions) {
        this.profiles = profiles;
        this.interactions = interactions;
    }

    @Override
    public void apply(List<ChangeLogEntry> entries) throws IOException {
        if (entries.isEmpty()) {
            return;
        }
        Set<NamedNode> gone = profiles.apply(entries);
        interactions.apply(entries, gone);
    }
}
