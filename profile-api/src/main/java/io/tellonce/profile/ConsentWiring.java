package io.tellonce.profile;

import io.micronaut.context.annotation.Factory;
import io.tellonce.profile.consent.ConsentRules;
import jakarta.inject.Singleton;

/** Builds the framework-free consent logic. */
@Factory
final class ConsentWiring {

    @Singleton
    ConsentRules consentRules() {
        return new ConsentRules();
    }
}
