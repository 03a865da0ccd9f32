package io.tellonce.profile.health;

import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;
import io.micronaut.core.async.publisher.Publishers;

/** The stores' verdict on the HTTP readiness endpoint ({@code /health/readiness}). */
@Singleton
@Readiness
final class StoreReadiness implements HealthIndicator {
    private final StoreHealth health;

    StoreReadiness(StoreHealth health) {
        this.health = health;
    }

    @Override
    public Publisher<HealthResult> getResult() {
        StoreStatus status = health.status();
        return Publishers.just(HealthResult.builder("stores", status.serving() ? HealthStatus.UP : HealthStatus.DOWN)
                .details(Map.of("cassandra", status.cassandra(), "elasticsearch", status.elasticsearch()))
                .build());
    }
}
