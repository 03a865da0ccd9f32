package io.tellonce.profile.security;

import io.tellonce.profile.config.SecuritySettings;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller (tenant and subject): a runaway or hostile client is told
 * RESOURCE_EXHAUSTED before it can starve the others of the stores. Buckets of callers idle for a
 * minute are forgotten, so the map stays as small as the set of active callers.
 */
@Singleton
public final class CallerRateLimits {
    private static final long IDLE_NANOS = Duration.ofMinutes(1).toNanos();
    private static final int SWEEP_ABOVE = 10_000;

    private final double perNano;
    private final double burst;
    private final boolean enabled;
    private final LongSupplier nanoClock;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    public CallerRateLimits(SecuritySettings settings) {
        this(settings.callsPerSecond(), settings.burst(), System::nanoTime);
    }

    CallerRateLimits(int callsPerSecond, int burst, LongSupplier nanoClock) {
        this.enabled = callsPerSecond > 0;
        this.perNano = callsPerSecond / 1e9;
        this.burst = Math.max(burst, 1);
        this.nanoClock = nanoClock;
    }

    /** @return zero when the call may go ahead, else how long the caller should wait before retrying */
    public Duration acquire(AuthenticatedCaller caller) {
        if (!enabled) {
            return Duration.ZERO;
        }
        long now = nanoClock.getAsLong();
        if (buckets.size() > SWEEP_ABOVE) {
            buckets.values().removeIf(bucket -> bucket.idleSince(now) > IDLE_NANOS);
        }
        return buckets.computeIfAbsent(caller.tenant().value() + '\u0000' + caller.subject(), key -> new Bucket(burst, now))
                .take(now, perNano, burst);
    }

    private static final class Bucket {
        private double tokens;
        private long updated;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.updated = now;
        }

        synchronized Duration take(long now, double perNano, double burst) {
            tokens = Math.min(burst, tokens + (now - updated) * perNano);
            updated = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - tokens) / perNano));
        }

        synchronized long idleSince(long now) {
            return now - updated;
        }
    }
}
