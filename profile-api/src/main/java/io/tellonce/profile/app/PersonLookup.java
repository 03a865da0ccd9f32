package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import java.util.Optional;

/** A person named by a profile id (current or absorbed) or by an identifier they own: exactly one of the two. */
public record PersonLookup(Optional<ProfileId> profileId, Optional<Identifier> identifier) {
    public PersonLookup {
        if (profileId.isPresent() == identifier.isPresent()) {
            throw new IllegalArgumentException("a lookup names a profile id or an identifier");
        }
    }

    public static PersonLookup of(ProfileId profileId) {
        return new PersonLookup(Optional.of(profileId), Optional.empty());
    }

    public static PersonLookup of(Identifier identifier) {
        return new PersonLookup(Optional.empty(), Optional.of(identifier));
    }

    @Override
    public String toString() {
        return profileId.map(id -> "profile id " + id).orElseGet(() -> "identifier " + identifier.orElseThrow());
    }
}
