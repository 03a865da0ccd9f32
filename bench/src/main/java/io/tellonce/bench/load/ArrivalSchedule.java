package io.tellonce.bench.load;

/**
 * When the i-th request of an open-loop run should start. Latency is measured from this intended start,
 * not from when the driver got round to sending it: a stalled service delays the sending too, and timing
 * from the actual send would hide exactly the waits a real caller suffers (coordinated omission).
 */
public record ArrivalSchedule(long startNanos, double ratePerSecond) {
    public ArrivalSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be above 0 per second");
        }
    }

    public long intendedStart(long index) {
        return startNanos + (long) (index * (1e9 / ratePerSecond));
    }
}
