package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A profile as read: what it owns and what is known about the person. */
public record ProfileView(ProfileId profileId, List<ListedIdentifier> identifiers, Map<String, String> attributes,
                          Instant createdAt, Instant updatedAt) {
    public ProfileView {
        identifiers = List.copyOf(identifiers);
        attributes = Map.copyOf(attributes);
    }

    public record ListedIdentifier(Identifier identifier, String sourceSystem, Instant firstSeenAt, String evidence) {
    }
}
