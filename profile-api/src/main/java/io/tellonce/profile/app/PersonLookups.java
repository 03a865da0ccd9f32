package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** The node a lookup names: the profile id given, or the node that owns the identifier. */
@Singleton
public final class PersonLookups {
    private final ProfileQueries profiles;

    public PersonLookups(ProfileQueries profiles) {
        this.profiles = profiles;
    }

    /** @throws ProfileNotFound (in the stage) when no node owns the identifier */
    public CompletionStage<ProfileId> node(TenantId tenant, PersonLookup lookup) {
        return lookup.profileId().<CompletionStage<ProfileId>>map(CompletableFuture::completedFuture)
                .orElseGet(() -> profiles.ownerOf(tenant, lookup.identifier().orElseThrow()));
    }
}
