package io.tellonce.bench.load;

import java.time.Duration;
import java.util.Map;

/** What one measured phase produced. Throughput counts successful requests only. */
public record Measurement(long successes, Map<String, Long> errors, Map<String, Long> outcomes, Duration elapsed,
                          LatencySummary latency) {
    public Measurement {
        errors = Map.copyOf(errors);
        outcomes = Map.copyOf(outcomes);
    }

    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }

    public double throughputPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : successes / seconds;
    }
}
