package io.tellonce.bench.data;

import java.time.Duration;
import java.util.Map;

/** How seeding went: the people resolved, how fast, what Resolve answered, what failed after retries. */
public record SeedingResult(int people, int concurrency, Duration elapsed, Map<String, Long> outcomes,
                            Map<String, Long> errors, long retries, boolean skipped) {
    public SeedingResult {
        outcomes = Map.copyOf(outcomes);
        errors = Map.copyOf(errors);
    }

    public static SeedingResult alreadySeeded(int people) {
        return new SeedingResult(people, 0, Duration.ZERO, Map.of(), Map.of(), 0, true);
    }

    public double peoplePerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : people / seconds;
    }
}
