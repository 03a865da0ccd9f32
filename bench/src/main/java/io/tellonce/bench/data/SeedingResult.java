package io.tellonce.bench.data;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How seeding went: the people seeded, how fast, and per step (one pass over the population each)
 * the calls made, what they answered and what failed after retries.
 */
public record SeedingResult(int people, int concurrency, Duration elapsed, List<Step> steps, boolean skipped) {
    public SeedingResult {
        steps = List.copyOf(steps);
    }

    /** One step's pass over the population. */
    public record Step(String name, long calls, Duration elapsed, Map<String, Long> outcomes, Map<String, Long> errors,
                       long retries) {
        public Step {
            outcomes = Map.copyOf(outcomes);
            errors = Map.copyOf(errors);
        }

        public double callsPerSecond() {
            return perSecond(calls, elapsed);
        }
    }

    public static SeedingResult alreadySeeded(int people) {
        return new SeedingResult(people, 0, Duration.ZERO, List.of(), true);
    }

    public double peoplePerSecond() {
        return perSecond(people, elapsed);
    }

    private static double perSecond(long count, Duration elapsed) {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : count / seconds;
    }
}
