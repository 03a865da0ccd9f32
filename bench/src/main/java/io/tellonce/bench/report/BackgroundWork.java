package io.tellonce.bench.report;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What the stack was doing on its own over one sampling interval, with no load applied: the share of a
 * core each watched process used, and how far the search index trails the change feed. After seeding,
 * the indexer drains hundreds of thousands of changes and Cassandra compacts what seeding flushed; a
 * scenario measured then pays for both.
 *
 * @param coresBusy per process, CPU seconds used per second of the interval (1.0 is one core)
 * @param indexLag  GetIndexStatus's lag, empty when it could not be asked
 */
public record BackgroundWork(Map<String, Double> coresBusy, Optional<Duration> indexLag) {
    public BackgroundWork {
        coresBusy = Map.copyOf(coresBusy);
    }

    /** Every process below {@code maxCores} and the index at most {@code maxLag} behind (or not known). */
    public boolean quiet(double maxCores, Duration maxLag) {
        return coresBusy.values().stream().allMatch(cores -> cores < maxCores)
                && indexLag.map(lag -> lag.compareTo(maxLag) <= 0).orElse(true);
    }

    public String describe() {
        String cpu = new TreeMap<>(coresBusy).entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.0f%%", entry.getKey(), entry.getValue() * 100))
                .collect(Collectors.joining(", "));
        return cpu + indexLag.map(lag -> String.format(Locale.ROOT, "; index lag %.1f s", lag.toMillis() / 1000.0))
                .orElse("; index lag unknown");
    }
}
