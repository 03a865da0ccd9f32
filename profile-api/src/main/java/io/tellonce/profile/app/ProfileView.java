package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.Optional;
import java.util.List;
import java.util.Map;

/** A profile as read: what it owns and what is known about the person. */
public record ProfileView(ProfileId profileId, List<ListedIdentifier> identifiers, Map<String, String> attributes,
                          Instant createdAt, Instant updatedAt) {
    public ProfileView {
        identifiers = List.copyOf(identifiers);
        attributes = Map.copyOf(attributes);
    }

    /** @param sharedSince when the value was marked shared, as far as the reader looked (ADR 18) */
    public record ListedIdentifier(Identifier identifier, String sourceSystem, Instant firstSeenAt, String evidence,
                                   Optional<Instant> sharedSince) {
        public ListedIdentifier(Identifier identifier, String sourceSystem, Instant firstSeenAt, String evidence) {
            this(identifier, sourceSystem, firstSeenAt, evidence, Optional.empty());
        }
    }
}
