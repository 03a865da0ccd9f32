package io.tellonce.bench.scenario;

import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One thing the benchmark measures. A service scenario calls the public gRPC API and names the raw
 * baseline it is reported against; a baseline scenario does the matching Cassandra work straight
 * through the driver. {@code fixedRate}, when present, runs the scenario open-loop at that rate (for
 * targets stated as a p99 at a given rate) whatever mode the run uses. {@code items}, when present,
 * says that one operation is a batch (100 consent checks per call), so the report also gives items per second.
 */
public record Scenario(String name, String description, Kind kind, Optional<String> baseline, Optional<Target> target,
                       OptionalDouble fixedRate, Optional<Items> items, OperationFactory operations) {
    public enum Kind { SERVICE, BASELINE }

    /** What one operation carries many of, e.g. 100 "checks". */
    public record Items(String unit, int perOperation) {
    }

    public static Scenario service(String name, String description, String baseline, Target target,
                                   OperationFactory operations) {
        return new Scenario(name, description, Kind.SERVICE, Optional.of(baseline), Optional.of(target),
                OptionalDouble.empty(), Optional.empty(), operations);
    }

    /** A service scenario that no raw store work can stand for (the search index's lag behind a write). */
    public static Scenario withoutBaseline(String name, String description, Target target,
                                           OperationFactory operations) {
        return new Scenario(name, description, Kind.SERVICE, Optional.empty(), Optional.of(target),
                OptionalDouble.empty(), Optional.empty(), operations);
    }

    public static Scenario baseline(String name, String description, OperationFactory operations) {
        return new Scenario(name, description, Kind.BASELINE, Optional.empty(), Optional.empty(), OptionalDouble.empty(),
                Optional.empty(), operations);
    }

    /** The same scenario, one operation being a batch of this many items. */
    public Scenario inBatchesOf(int perOperation, String unit) {
        return new Scenario(name, description, kind, baseline, target, fixedRate,
                Optional.of(new Items(unit, perOperation)), operations);
    }

    /** The same scenario, always run open-loop at this rate, judged against this target. */
    public Scenario atRate(String name, double ratePerSecond, Target target) {
        return new Scenario(name, description + ", open loop at " + Math.round(ratePerSecond) + "/s", kind, baseline,
                Optional.of(target), OptionalDouble.of(ratePerSecond), items, operations);
    }
}
