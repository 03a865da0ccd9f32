package io.tellonce.profile.support;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/** Waits for a condition that a background task (a health check, a reconnection) makes true. */
public final class Eventually {
    private Eventually() {
    }

    public static <T> T await(String what, Duration timeout, Supplier<T> probe, java.util.function.Predicate<T> done) {
        Instant deadline = Instant.now().plus(timeout);
        T last = null;
        RuntimeException lastFailure = null;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = probe.get();
                lastFailure = null;
                if (done.test(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                lastFailure = e;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
        throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + "; last seen: " + (lastFailure != null ? lastFailure : last), lastFailure);
    }
}
