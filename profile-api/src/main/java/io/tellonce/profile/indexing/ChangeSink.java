package io.tellonce.profile.indexing;

import io.tellonce.profile.cassandra.ChangeLogEntry;
import java.io.IOException;
import java.util.List;

/** Where changes are applied: the search index. Applying a change twice must be harmless. */
interface ChangeSink {
    void apply(List<ChangeLogEntry> entries) throws IOException;
}
