package io.tellonce.bench.load;

import java.time.Duration;

/**
 * How load is applied: closed loop ({@code concurrency} requests always in flight: the maximum throughput
 * at that concurrency) or open loop ({@code ratePerSecond} arrivals on a fixed schedule, at most
 * {@code concurrency} in flight, latency measured from each request's intended start).
 */
public record LoadShape(Mode mode, int concurrency, double ratePerSecond, Duration warmUp, Duration duration) {
    /** Requests in flight are counted by a Phaser, which holds at most 65,535 parties. */
    public static final int MAX_IN_FLIGHT = 50_000;

    public enum Mode { CLOSED, OPEN }

    public LoadShape {
        if (concurrency < 1 || concurrency > MAX_IN_FLIGHT) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_IN_FLIGHT);
        }
        if (mode == Mode.OPEN && !(ratePerSecond > 0)) {
            throw new IllegalArgumentException("an open-loop run needs a rate above 0 per second");
        }
        if (warmUp.isNegative() || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("warm-up must be >= 0 and duration > 0");
        }
    }

    public static LoadShape closed(int concurrency, Duration warmUp, Duration duration) {
        return new LoadShape(Mode.CLOSED, concurrency, 0, warmUp, duration);
    }

    public static LoadShape open(double ratePerSecond, int maxInFlight, Duration warmUp, Duration duration) {
        return new LoadShape(Mode.OPEN, maxInFlight, ratePerSecond, warmUp, duration);
    }
}
