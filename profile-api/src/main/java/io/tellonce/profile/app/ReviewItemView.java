package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A review item as read: what the policy kept apart, why, and how a person decided, if they did. */
public record ReviewItemView(UUID id, List<ProfileId> profiles, String reason, String evidence, String sourceSystem,
                             Instant observedAt, Optional<Decision> decision) {
    public ReviewItemView {
        profiles = List.copyOf(profiles);
    }

    public enum Verdict { KEEP_APART, MERGE }

    public record Decision(Verdict verdict, String decidedBy, String reason, Instant decidedAt, Optional<UUID> mergeId) {
    }
}
