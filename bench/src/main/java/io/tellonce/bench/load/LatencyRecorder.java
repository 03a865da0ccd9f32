package io.tellonce.bench.load;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies, outcomes and failures of one phase (warm-up or measurement), recorded from many threads.
 * Failed requests count by code and stay out of the latency histogram, so a fast error cannot make the
 * service look quick; the error count is reported next to the percentiles instead.
 */
public final class LatencyRecorder {
    private final Recorder latencies = new Recorder(3);
    private final LongAdder successes = new LongAdder();
    private final LabelCounts failures = new LabelCounts();
    private final LabelCounts outcomes = new LabelCounts();

    public void success(long latencyNanos, String outcome) {
        latencies.recordValue(Math.max(0, latencyNanos));
        successes.increment();
        if (outcome != null) {
            outcomes.increment(outcome);
        }
    }

    public void failure(String code) {
        failures.increment(code);
    }

    /** What was recorded, over the given length of the phase. Call once, after the phase has drained. */
    public Measurement measurement(Duration elapsed) {
        Histogram histogram = latencies.getIntervalHistogram();
        return new Measurement(successes.sum(), failures.snapshot(), outcomes.snapshot(), elapsed,
                LatencySummary.of(histogram));
    }
}
