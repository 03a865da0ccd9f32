package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Optional;
import java.util.UUID;

/** What a row of {@code profile_cluster} says about the profile's state. */
final class ClusterStatics {
    private ClusterStatics() {
    }

    /**
     * Whether a merge, unmerge or identifier move has marked the profile and not finished (the next
     * reader of its root finishes it, or gives it up when it never committed: ADR 21).
     */
    static boolean unfinished(Row row) {
        return marker(row).isPresent();
    }

    /** The operation that marked the profile, if any. */
    static Optional<Marked> marker(Row row) {
        for (Marker marker : Marker.values()) {
            UUID operation = row.getUuid(marker.column);
            if (operation != null) {
                return Optional.of(new Marked(marker, operation));
            }
        }
        return Optional.empty();
    }

    /** The kinds of operation that mark the profiles they change, each in its own static column. */
    enum Marker {
        MERGE("pending_merge"), UNMERGE("pending_unmerge"), MOVE("pending_move");

        final String column;

        Marker(String column) {
            this.column = column;
        }
    }

    /** A profile's marker: which kind of operation, and its id (a merge's id for merges and unmerges). */
    record Marked(Marker marker, UUID operation) {
    }
}
