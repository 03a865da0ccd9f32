package io.tellonce.profile.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.TenantId;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CallerRateLimitsTest {
    private final AtomicLong nanos = new AtomicLong();
    private final CallerRateLimits limits = new CallerRateLimits(10, 3, nanos::get);

    private static AuthenticatedCaller caller(String tenant, String subject) {
        return new AuthenticatedCaller(new TenantId(tenant), subject, Set.of(CallerRole.AGENT), Optional.empty());
    }

    @Test
    void aBurstPassesThenTheCallerWaitsForTheSustainedRate() {
        AuthenticatedCaller desk = caller("acme", "desk-1");
        for (int i = 0; i < 3; i++) {
            assertThat(limits.acquire(desk)).isZero();
        }
        assertThat(limits.acquire(desk)).isEqualTo(Duration.ofMillis(100));

        nanos.addAndGet(Duration.ofMillis(100).toNanos());
        assertThat(limits.acquire(desk)).isZero();
    }

    @Test
    void callersAreLimitedApartEvenWithTheSameSubjectInAnotherTenant() {
        for (int i = 0; i < 3; i++) {
            limits.acquire(caller("acme", "desk"));
        }
        assertThat(limits.acquire(caller("acme", "desk"))).isPositive();
        assertThat(limits.acquire(caller("globex", "desk"))).isZero();
        assertThat(limits.acquire(caller("acme", "other-desk"))).isZero();
    }

    @Test
    void zeroCallsPerSecondTurnsTheLimitOff() {
        CallerRateLimits off = new CallerRateLimits(0, 0, nanos::get);
        for (int i = 0; i < 1000; i++) {
            assertThat(off.acquire(caller("acme", "desk"))).isZero();
        }
    }
}
