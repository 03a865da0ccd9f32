package io.tellonce.profile.app;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes, in the background, the merges, unmerges and identifier moves that a crash interrupted
 * on profiles nobody has read since (issue 17): the next read of such a profile would finish them
 * (ADR 21), but a profile may not be read for months, and until then its graph is half changed.
 * Every instance sweeps; finishing is idempotent. The grace leaves running operations alone: it is
 * longer than a profile lock lives.
 */
@Singleton
final class ProfileOperationSweep {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileOperationSweep.class);

    private final ProfileClusters clusters;
    private final Clock clock;
    private final Duration grace;

    ProfileOperationSweep(ProfileClusters clusters, Clock clock,
                          @Value("${tellonce.identity.operation-sweep-grace:2m}") Duration grace) {
        this.clusters = clusters;
        this.clock = clock;
        this.grace = grace;
    }

    @Scheduled(fixedDelay = "${tellonce.identity.operation-sweep-interval:1m}",
            initialDelay = "${tellonce.identity.operation-sweep-interval:1m}")
    void sweep() {
        try {
            int settled = clusters.finishInterrupted(clock.instant().minus(grace));
            if (settled > 0) {
                LOG.info("finished or took back {} interrupted profile operation(s)", settled);
            }
        } catch (RuntimeException e) {
            // The stores may be away: the next sweep tries again.
            LOG.warn("the profile operation sweep could not run: {}", e.toString());
        }
    }
}
