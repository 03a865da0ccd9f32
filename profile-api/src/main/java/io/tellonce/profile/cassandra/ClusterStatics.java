package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;

/** What a row of {@code profile_cluster} says about the profile's state. */
final class ClusterStatics {
    private ClusterStatics() {
    }

    /** Whether a merge or unmerge of the profile is half done (the next reader of its root finishes it). */
    static boolean unfinished(Row row) {
        return row.getUuid("pending_merge") != null || row.getUuid("pending_unmerge") != null;
    }
}
