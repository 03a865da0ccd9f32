package io.tellonce.profile.app;

import io.tellonce.identity.IdentityResolver;
import io.tellonce.identity.Observation;
import io.tellonce.identity.Resolution;
import io.tellonce.identity.TenantId;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletionStage;

/**
 * Resolution as every channel gets it (Resolve, RecordInteraction by identifiers): screened against
 * the suppression records of erased people first, so that a refused request writes nothing, and the
 * receiving profile flagged after.
 */
@Singleton
public final class ScreenedResolutions {
    private final Suppressions suppressions;
    private final IdentityResolver resolver;

    public ScreenedResolutions(Suppressions suppressions, IdentityResolver resolver) {
        this.suppressions = suppressions;
        this.resolver = resolver;
    }

    /** @param afterErasure whether the profile received identifiers of an erased person */
    public record Screened(Resolution resolution, boolean afterErasure) {
    }

    public CompletionStage<Screened> resolve(TenantId tenant, Observation observation) {
        return suppressions.screen(tenant, observation.identifiers()).thenCompose(screening ->
                resolver.resolve(tenant, observation).thenCompose(resolution ->
                        suppressions.flag(tenant, resolution.profileId(), screening)
                                .thenApply(flagged -> new Screened(resolution, screening.afterErasure()))));
    }
}
