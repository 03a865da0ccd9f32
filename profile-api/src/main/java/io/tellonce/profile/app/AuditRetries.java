package io.tellonce.profile.app;

import io.micronaut.context.annotation.Bean;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audit entries of changes that could not be stored when the change was made: retried with back-off
 * (1 s doubling to 64 s, about two minutes in all), then written to the service log at ERROR in full,
 * never dropped silently (ADR 11). Entries still waiting at shutdown are logged the same way.
 */
@Singleton
@Bean(preDestroy = "close")
public final class AuditRetries implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AuditRetries.class);
    private static final int ATTEMPTS = 7;

    private final AuditLog log;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-retries");
        thread.setDaemon(true);
        return thread;
    });

    public AuditRetries(AuditLog log) {
        this.log = log;
    }

    void retry(List<AuditEntry> entries, Throwable firstFailure) {
        LOG.warn("could not store {} audit entries ({}); retrying", entries.size(), firstFailure.toString());
        schedule(entries, 1);
    }

    private void schedule(List<AuditEntry> entries, int attempt) {
        if (attempt > ATTEMPTS) {
            lost(entries, "gave up after " + ATTEMPTS + " retries");
            return;
        }
        Duration delay = Duration.ofSeconds(1L << (attempt - 1));
        try {
            timer.schedule(() -> log.append(entries).whenComplete((done, failure) -> {
                if (failure != null) {
                    schedule(entries, attempt + 1);
                }
            }), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            lost(entries, "the service is shutting down");
        }
    }

    private static void lost(List<AuditEntry> entries, String why) {
        entries.forEach(entry -> LOG.error("AUDIT ENTRY NOT STORED ({}): {}", why, entry));
    }

    @Override
    public void close() {
        timer.shutdownNow().forEach(pending -> LOG.error("AUDIT ENTRIES NOT STORED: a retry was pending at shutdown"));
    }
}
