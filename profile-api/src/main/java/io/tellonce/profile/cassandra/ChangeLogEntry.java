package io.tellonce.profile.cassandra;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One row of the change log: which profiles of which tenant changed, and how. */
public record ChangeLogEntry(UUID changeId, Instant at, String tenant, String change, List<UUID> profileIds,
                             String detail) {
    public ChangeLogEntry {
        profileIds = List.copyOf(profileIds);
    }
}
