package io.tellonce.profile.app;

import io.tellonce.identity.Claim;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Finds a profile by any of its ids (current or absorbed by a merge) or by any identifier it owns. */
@Singleton
public final class ProfileQueries {
    private final IdentityGraph graph;
    private final ProfileReader reader;

    public ProfileQueries(IdentityGraph graph, ProfileReader reader) {
        this.graph = graph;
        this.reader = reader;
    }

    public CompletionStage<ProfileView> byId(TenantId tenant, ProfileId profile) {
        return reader.profile(tenant, profile)
                .thenApply(found -> found.orElseThrow(() -> new ProfileNotFound("profile id " + profile)));
    }

    /** The node that owns the identifier; its profile is the one the identifier belongs to. */
    public CompletionStage<ProfileId> ownerOf(TenantId tenant, Identifier identifier) {
        return graph.claims(tenant, List.of(identifier)).thenCompose(claims -> {
            Claim claim = claims.get(identifier);
            return claim == null ? CompletableFuture.failedFuture(new ProfileNotFound("identifier " + identifier))
                    : CompletableFuture.completedFuture(claim.owner());
        });
    }
}
