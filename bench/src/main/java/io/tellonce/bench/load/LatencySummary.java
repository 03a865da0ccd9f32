package io.tellonce.bench.load;

import org.HdrHistogram.Histogram;

/** The percentiles the report shows, in milliseconds. */
public record LatencySummary(double p50, double p90, double p99, double p999, double max, double mean) {
    private static final double NANOS_PER_MILLI = 1_000_000.0;

    public static LatencySummary of(Histogram histogram) {
        if (histogram.getTotalCount() == 0) {
            return new LatencySummary(0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(millis(histogram.getValueAtPercentile(50)), millis(histogram.getValueAtPercentile(90)),
                millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9)),
                millis(histogram.getMaxValue()), histogram.getMean() / NANOS_PER_MILLI);
    }

    private static double millis(long nanos) {
        return nanos / NANOS_PER_MILLI;
    }
}
