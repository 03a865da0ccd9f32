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

/** Finds a profile by its id or by any identifier it owns. */
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

    public CompletionStage<ProfileView> byIdentifier(TenantId tenant, Identifier identifier) {
        return graph.claims(tenant, List.of(identifier)).thenCompose(claims -> {
            Claim claim = claims.get(identifier);
            if (claim == null) {
                return CompletableFuture.failedFuture(new ProfileNotFound("identifier " + identifier));
            }
            return byId(tenant, claim.owner());
        });
    }
}
