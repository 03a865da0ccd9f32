package io.tellonce.bench.report;

import io.tellonce.bench.load.LatencySummary;
import io.tellonce.bench.load.LoadShape;
import io.tellonce.bench.load.Measurement;
import io.tellonce.bench.scenario.Scenario;
import io.tellonce.bench.scenario.Target;
import java.util.Locale;
import java.util.Map;

/**
 * One scenario's line of the report, in plain values (the JSON file's shape). {@code baselineRatio} is
 * this scenario's throughput over its raw baseline's in the same run; null for baselines, or when the
 * baseline did not run. {@code targetMet} is null when the scenario has no target. {@code cpuMillisPerOperation}
 * is the CPU each watched process (service, cassandra, bench) spent per successful operation while measuring.
 * {@code itemUnit} and {@code itemsPerSecond} are set for batch operations (e.g. checks per second).
 */
public record ScenarioResult(String scenario, String kind, String description, String mode, int concurrency,
                             Double ratePerSecond, double warmUpSeconds, double durationSeconds, long operations,
                             double throughputPerSecond, LatencySummary latencyMillis, long errorCount,
                             Map<String, Long> errors, Map<String, Long> outcomes, String baseline, Double baselineRatio,
                             String target, Boolean targetMet, Double serviceMaxRssMiB,
                             Map<String, Double> cpuMillisPerOperation, String itemUnit, Double itemsPerSecond) {

    public static ScenarioResult of(Scenario scenario, LoadShape shape, Measurement measurement, Double serviceMaxRssMiB,
                                    Map<String, Double> cpuMillisPerOperation) {
        return new ScenarioResult(scenario.name(), scenario.kind().name().toLowerCase(Locale.ROOT),
                scenario.description(), shape.mode().name().toLowerCase(Locale.ROOT), shape.concurrency(),
                shape.mode() == LoadShape.Mode.OPEN ? shape.ratePerSecond() : null, shape.warmUp().toMillis() / 1000.0,
                shape.duration().toMillis() / 1000.0, measurement.successes(), measurement.throughputPerSecond(),
                measurement.latency(), measurement.errorCount(), measurement.errors(), measurement.outcomes(),
                scenario.baseline().orElse(null), null, scenario.target().map(Target::statement).orElse(null),
                scenario.target().map(t -> t.metBy(measurement)).orElse(null), serviceMaxRssMiB,
                Map.copyOf(cpuMillisPerOperation), scenario.items().map(Scenario.Items::unit).orElse(null),
                scenario.items().map(items -> items.perOperation() * measurement.throughputPerSecond()).orElse(null));
    }

    /** This result with its ratio to the baseline's throughput. */
    public ScenarioResult comparedWith(ScenarioResult baselineResult) {
        double ratio = baselineResult.throughputPerSecond() <= 0 ? 0
                : throughputPerSecond / baselineResult.throughputPerSecond();
        return new ScenarioResult(scenario, kind, description, mode, concurrency, ratePerSecond, warmUpSeconds,
                durationSeconds, operations, throughputPerSecond, latencyMillis, errorCount, errors, outcomes, baseline,
                ratio, target, targetMet, serviceMaxRssMiB, cpuMillisPerOperation, itemUnit, itemsPerSecond);
    }
}
