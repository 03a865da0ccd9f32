package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An issue of one person, recorded on one of its identity nodes; it spans channels.
 *
 * @param history oldest first; empty when read as part of a list
 */
public record CustomerCase(UUID id, ProfileId node, String title, String topic, CaseStatus status, String openedBy,
                           Instant openedAt, Instant updatedAt, Instant lastActivityAt,
                           Optional<UUID> lastInteractionId, List<CaseEvent> history) {
    public CustomerCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(lastInteractionId, "lastInteractionId");
        history = List.copyOf(history);
    }

    public CustomerCase withStatus(CaseStatus newStatus, Instant at) {
        return new CustomerCase(id, node, title, topic, newStatus, openedBy, openedAt, at, lastActivityAt,
                lastInteractionId, history);
    }
}
