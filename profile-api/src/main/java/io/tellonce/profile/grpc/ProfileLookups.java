package io.tellonce.profile.grpc;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.PersonLookup;
import io.tellonce.profile.app.ProfileQueries;
import io.tellonce.proto.v1.ProfileLookup;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Turns a ProfileLookup into an id that leads to the profile: the id given, or the owner of the identifier. */
@Singleton
final class ProfileLookups {
    private final IdentifierMessages identifiers;
    private final ProfileQueries profiles;

    ProfileLookups(IdentifierMessages identifiers, ProfileQueries profiles) {
        this.identifiers = identifiers;
        this.profiles = profiles;
    }

    /**
     * Checks a lookup without reading anything, so a request with many can be refused as a whole.
     *
     * @param field the lookup's path in the request, e.g. {@code checks[3].lookup}
     */
    Optional<PersonLookup> read(ProfileLookup lookup, String field, List<FieldViolation> problems) {
        return switch (lookup.getTargetCase()) {
            case PROFILE_ID -> {
                try {
                    yield Optional.of(PersonLookup.of(ProfileId.parse(lookup.getProfileId())));
                } catch (IllegalArgumentException e) {
                    problems.add(new FieldViolation(field + ".profile_id", "must be a profile id as returned by Resolve (a UUID)"));
                    yield Optional.empty();
                }
            }
            case IDENTIFIER -> identifiers.read(lookup.getIdentifier(), field + ".identifier", problems)
                    .map(PersonLookup::of);
            case TARGET_NOT_SET -> {
                problems.add(new FieldViolation(field, "must name a profile_id or an identifier"));
                yield Optional.empty();
            }
        };
    }

    CompletionStage<ProfileId> find(TenantId tenant, ProfileLookup lookup) {
        return switch (lookup.getTargetCase()) {
            case PROFILE_ID -> CompletableFuture.completedFuture(profileId(lookup.getProfileId(), "lookup.profile_id"));
            case IDENTIFIER -> {
                List<FieldViolation> problems = new ArrayList<>();
                Identifier identifier = identifiers.read(lookup.getIdentifier(), "lookup.identifier", problems)
                        .orElseThrow(() -> new InvalidRequest(problems));
                yield profiles.ownerOf(tenant, identifier);
            }
            case TARGET_NOT_SET -> throw new InvalidRequest("lookup", "must name a profile_id or an identifier");
        };
    }

    private static ProfileId profileId(String text, String field) {
        try {
            return ProfileId.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(field, "must be a profile id as returned by Resolve (a UUID)");
        }
    }
}
