package io.tellonce.profile.app;

import io.tellonce.identity.IdentityResolver;
import io.tellonce.identity.Observation;
import io.tellonce.identity.Resolution;
import io.tellonce.identity.ResolveOutcome;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Resolution as every channel gets it (Resolve, RecordInteraction by identifiers): screened against
 * the suppression records of erased people first, so that a refused request writes nothing, and the
 * receiving profile flagged after. A resolution onto a profile that is being erased is refused after
 * the fact, as every write about a person is ({@link Erasures#refuseIfErased}): the identifiers it
 * claimed there are listed on the person's nodes, so running the removal again releases them.
 */
@Singleton
public final class ScreenedResolutions {
    private final Suppressions suppressions;
    private final IdentityResolver resolver;
    private final Erasures erasures;

    public ScreenedResolutions(Suppressions suppressions, IdentityResolver resolver, Erasures erasures) {
        this.suppressions = suppressions;
        this.resolver = resolver;
        this.erasures = erasures;
    }

    /** @param afterErasure whether the profile received identifiers of an erased person */
    public record Screened(Resolution resolution, boolean afterErasure) {
    }

    public CompletionStage<Screened> resolve(TenantId tenant, Observation observation) {
        return suppressions.screen(tenant, observation.identifiers()).thenCompose(screening ->
                resolver.resolve(tenant, observation).thenCompose(resolution -> refuseIfErased(tenant, resolution)
                        .thenCompose(kept -> suppressions.flag(tenant, resolution.profileId(), screening))
                        .thenApply(flagged -> new Screened(resolution, screening.afterErasure()))));
    }

    /** A profile just created cannot be under erasure: only resolutions onto existing ones are checked. */
    private CompletionStage<Void> refuseIfErased(TenantId tenant, Resolution resolution) {
        if (resolution.outcome() == ResolveOutcome.CREATED) {
            return CompletableFuture.completedFuture(null);
        }
        return erasures.refuseIfErased(tenant, resolution.profileId(), () -> CompletableFuture.completedFuture(null));
    }
}
