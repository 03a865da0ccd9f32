package io.tellonce.profile.history;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** One entry of a case's history. */
public record CaseEvent(UUID id, Kind kind, Optional<CaseStatus> status, Optional<UUID> interactionId, String actor,
                        String note, Instant at) {
    public enum Kind { OPENED, STATUS_CHANGED, INTERACTION_ADDED }

    public CaseEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(interactionId, "interactionId");
        Objects.requireNonNull(at, "at");
    }
}
