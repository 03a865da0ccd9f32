package io.tellonce.profile.indexing;

import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Versions for index writes: the time the profile was read from Cassandra, in microseconds, never
 * repeating within this instance. A document written from a later read carries a higher version,
 * so Elasticsearch keeps the newest state whatever order the writes arrive in.
 */
@Singleton
final class DocumentVersions {
    private final Clock clock;
    private final AtomicLong last = new AtomicLong();

    DocumentVersions(Clock clock) {
        this.clock = clock;
    }

    /** Taken just before the read whose result the version labels. */
    long next() {
        long now = ChronoUnit.MICROS.between(Instant.EPOCH, clock.instant());
        return last.accumulateAndGet(now, (previous, candidate) -> Math.max(previous + 1, candidate));
    }
}
