package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Where audit entries are kept: per node and day, newest first. */
public interface AuditLog {

    CompletionStage<Void> append(List<AuditEntry> entries);

    /**
     * The entries kept against any of the nodes in {@code [from, to)}, newest first.
     *
     * @param pageToken from a previous page's {@link Page#nextPageToken()}
     */
    CompletionStage<Page> query(TenantId tenant, List<ProfileId> nodes, Instant from, Instant to, int pageSize,
                                Optional<String> pageToken);

    record Stored(UUID id, AuditEntry entry) {
    }

    record Page(List<Stored> entries, Optional<String> nextPageToken) {
        public Page {
            entries = List.copyOf(entries);
        }
    }
}
