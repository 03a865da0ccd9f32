package io.tellonce.profile;

import io.micronaut.context.annotation.Factory;
import io.tellonce.identity.IdentifierNormaliser;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.IdentityResolver;
import io.tellonce.identity.ProfileId;
import io.tellonce.profile.config.IdentitySettings;
import io.tellonce.profile.config.MergePolicies;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.UUID;

/** Builds the framework-free identity logic from configuration. */
@Factory
final class IdentityWiring {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    IdentifierNormaliser identifierNormaliser(IdentitySettings settings) {
        return new IdentifierNormaliser(settings.defaultRegion());
    }

    @Singleton
    IdentityResolver identityResolver(IdentityGraph graph, MergePolicies policies) {
        return new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()), policies);
    }
}
