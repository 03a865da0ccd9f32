package io.tellonce.profile.matching;

import io.micronaut.context.annotation.Factory;
import io.tellonce.matching.BlockingKeys;
import io.tellonce.matching.Comparisons;
import io.tellonce.matching.ModelJson;
import io.tellonce.matching.RecordPreparation;
import jakarta.inject.Singleton;

/** The framework-free matching logic, built once: the same comparisons and keys as the matching report. */
@Factory
final class MatchingWiring {

    @Singleton
    Comparisons comparisons() {
        return Comparisons.forPeople();
    }

    @Singleton
    BlockingKeys blockingKeys() {
        return new BlockingKeys();
    }

    @Singleton
    RecordPreparation recordPreparation() {
        return new RecordPreparation();
    }

    @Singleton
    ModelJson modelJson(Comparisons comparisons) {
        return new ModelJson(comparisons);
    }
}
