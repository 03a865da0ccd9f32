package io.tellonce.profile.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Access tokens that already passed verification, remembered until they expire but never longer
 * than a short maximum age. A caller sends the same token with every call, and checking it again
 * each time cost about 0.8 ms of service CPU per call, half of a GetProfile's (docs/benchmarks.md).
 *
 * <p>Only verified tokens are remembered, keyed by the whole token, so a token that differs in a
 * single character is verified afresh. The maximum age bounds how long a token signed by a key the
 * identity provider has since withdrawn from its JWKS keeps working: no longer than the JWKS source
 * itself keeps the withdrawn key.
 */
final class VerifiedTokens {
    private final Cache<String, Remembered> remembered;
    private final Duration maxAge;
    private final Clock clock;

    VerifiedTokens(long maxEntries, Duration maxAge, Clock clock, Ticker ticker, Executor maintenance) {
        this.maxAge = maxAge;
        this.clock = clock;
        this.remembered = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .expireAfter(Expiry.creating((String token, Remembered entry) -> entry.lifetime()))
                .ticker(ticker)
                .executor(maintenance)
                .build();
    }

    Optional<AuthenticatedCaller> lookUp(String token) {
        return Optional.ofNullable(remembered.getIfPresent(token)).map(Remembered::caller);
    }

    /** Remembers a verified token until {@code expiresAt}, or for the maximum age if that comes first. */
    void remember(String token, AuthenticatedCaller caller, Instant expiresAt) {
        Duration untilExpiry = Duration.between(clock.instant(), expiresAt);
        Duration lifetime = untilExpiry.compareTo(maxAge) < 0 ? untilExpiry : maxAge;
        if (lifetime.isNegative() || lifetime.isZero()) {
            return;
        }
        remembered.put(token, new Remembered(caller, lifetime));
    }

    long size() {
        remembered.cleanUp();
        return remembered.estimatedSize();
    }

    private record Remembered(AuthenticatedCaller caller, Duration lifetime) {
    }
}
