package io.tellonce.profile.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes, in the background, erasures that a crash interrupted and nobody repeated (issue 17): an
 * erasure is a durable intent (ADR 14), and the person asked once. Every instance sweeps; finishing
 * is idempotent.
 */
@Singleton
final class ErasureSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ErasureSweep.class);

    private final Erasures erasures;
    private final Duration grace;

    ErasureSweep(Erasures erasures, @Value("${tellonce.privacy.erasure-sweep-grace:2m}") Duration grace) {
        this.erasures = erasures;
        this.grace = grace;
    }

    @Scheduled(fixedDelay = "${tellonce.privacy.erasure-sweep-interval:5m}",
            initialDelay = "${tellonce.privacy.erasure-sweep-interval:5m}")
    void sweep() {
        try {
            int finished = erasures.sweep(grace);
            if (finished > 0) {
                LOG.info("finished {} interrupted erasure(s)", finished);
            }
        } catch (RuntimeException e) {
            // The stores may be away: the next sweep tries again.
            LOG.warn("the erasure sweep could not run: {}", e.toString());
        }
    }
}
