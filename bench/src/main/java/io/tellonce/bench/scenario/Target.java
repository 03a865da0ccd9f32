package io.tellonce.bench.scenario;

import io.tellonce.bench.load.Measurement;
import java.util.OptionalDouble;

/** A target from DESIGN.md: a throughput floor, and for some a p99 ceiling. */
public record Target(String statement, double minPerSecond, OptionalDouble maxP99Millis) {
    public static Target throughput(String statement, double minPerSecond) {
        return new Target(statement, minPerSecond, OptionalDouble.empty());
    }

    public static Target latency(String statement, double minPerSecond, double maxP99Millis) {
        return new Target(statement, minPerSecond, OptionalDouble.of(maxP99Millis));
    }

    public boolean metBy(Measurement measurement) {
        boolean fastEnough = maxP99Millis.isEmpty() || measurement.latency().p99() <= maxP99Millis.getAsDouble();
        // An open-loop run offers a fixed rate; it meets the floor if it served (nearly) all of it.
        return fastEnough && measurement.throughputPerSecond() >= minPerSecond * 0.98 && measurement.errorCount() == 0;
    }
}
