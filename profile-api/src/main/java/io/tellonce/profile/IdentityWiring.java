package io.tellonce.profile;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import io.tellonce.identity.IdentifierNormaliser;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.IdentityResolver;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.Survivorship;
import io.tellonce.profile.config.IdentitySettings;
import io.tellonce.profile.config.MergePolicies;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
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

    /** Most recent value per attribute, unless configured to prefer some sources for some attributes. */
    @Singleton
    Survivorship survivorship(@Value("${tellonce.identity.survivorship.source-priority:}") String sourcePriority,
                              @Value("${tellonce.identity.survivorship.by-source:}") String bySource) {
        return new Survivorship(csv(sourcePriority), Set.copyOf(csv(bySource)));
    }

    private static List<String> csv(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    @Singleton
    IdentityResolver identityResolver(IdentityGraph graph, MergePolicies policies) {
        return new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()), policies);
    }
}
