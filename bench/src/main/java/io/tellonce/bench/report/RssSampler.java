package io.tellonce.bench.report;

import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Samples the service process's resident memory (VmRSS in /proc/PID/status) four times a second and
 * keeps the highest value, for the whole run and since the last {@link #windowMaxMiB()}.
 */
public final class RssSampler implements AutoCloseable {
    private final Path status;
    private final AtomicLong runMaxKib = new AtomicLong();
    private final AtomicLong windowMaxKib = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "rss-sampler");
        thread.setDaemon(true);
        return thread;
    });

    public RssSampler(long pid) {
        this.status = Path.of("/proc", Long.toString(pid), "status");
        timer.scheduleAtFixedRate(this::sample, 0, 250, TimeUnit.MILLISECONDS);
    }

    /** The highest RSS since the previous call (or the start), in MiB. */
    public double windowMaxMiB() {
        sample();
        return windowMaxKib.getAndSet(0) / 1024.0;
    }

    public double runMaxMiB() {
        return runMaxKib.get() / 1024.0;
    }

    private void sample() {
        MachineInfo.firstLine(status, "VmRSS").ifPresent(line -> {
            String digits = line.replaceAll("[^0-9]", "");
            if (!digits.isEmpty()) {
                long kib = Long.parseLong(digits);
                runMaxKib.accumulateAndGet(kib, Math::max);
                windowMaxKib.accumulateAndGet(kib, Math::max);
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
