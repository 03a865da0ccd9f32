package io.tellonce.bench.report;

import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Waits, before each scenario, until the service and Cassandra have finished their own work
 * (indexing the change feed, compactions): figures taken while they catch up after seeding, or after
 * the previous scenario's writes, measure the catching up. An idle Cassandra uses about 16% of a core
 * here (measured); one compacting or serving the indexer uses a whole core or more. Quiet means
 * {@link #QUIET_INTERVALS} consecutive intervals with every watched process below {@link #MAX_CORES}
 * of a core and the index at most {@link #MAX_LAG} behind.
 */
public final class Settling {
    static final double MAX_CORES = 0.3;
    static final Duration MAX_LAG = Duration.ofSeconds(10);
    static final int QUIET_INTERVALS = 2;
    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final List<ProcessCpu> processes;
    private final Supplier<Optional<Duration>> indexLag;
    private final PrintStream out;

    public Settling(List<ProcessCpu> processes, Supplier<Optional<Duration>> indexLag, PrintStream out) {
        this.processes = List.copyOf(processes);
        this.indexLag = indexLag;
        this.out = out;
    }

    /** How long it took; the limit when the stack was still busy then (the run goes on, and says so). */
    public Duration await(Duration limit) throws InterruptedException {
        if (limit.isZero() || processes.isEmpty()) {
            return Duration.ZERO;
        }
        long started = System.nanoTime();
        int quietInRow = 0;
        while (true) {
            BackgroundWork work = sample();
            quietInRow = work.quiet(MAX_CORES, MAX_LAG) ? quietInRow + 1 : 0;
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (quietInRow >= QUIET_INTERVALS) {
                out.printf(Locale.ROOT, "stack settled after %d s (%s)%n", waited.toSeconds(), work.describe());
                return waited;
            }
            if (waited.compareTo(limit) >= 0) {
                out.printf(Locale.ROOT, "warning: stack still busy after %d s (%s); measuring anyway%n",
                        waited.toSeconds(), work.describe());
                return waited;
            }
            if (quietInRow == 0) {
                out.printf(Locale.ROOT, "waiting for the stack to settle: %s%n", work.describe());
            }
        }
    }

    private BackgroundWork sample() throws InterruptedException {
        Map<String, Long> before = used();
        long start = System.nanoTime();
        Thread.sleep(INTERVAL.toMillis());
        Map<String, Long> after = used();
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Double> cores = new HashMap<>();
        after.forEach((name, millis) -> {
            Long was = before.get(name);
            if (was != null) {
                cores.put(name, (millis - was) / 1000.0 / seconds);
            }
        });
        return new BackgroundWork(cores, indexLag.get());
    }

    private Map<String, Long> used() {
        Map<String, Long> used = new HashMap<>();
        processes.forEach(process -> process.usedMillis().ifPresent(millis -> used.put(process.name(), millis)));
        return used;
    }
}
