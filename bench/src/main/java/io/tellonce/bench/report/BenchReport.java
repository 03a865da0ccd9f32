package io.tellonce.bench.report;

import io.tellonce.bench.data.SeedingResult;
import java.util.List;
import java.util.Map;

/** Everything one run produced: the JSON result file is this record. */
public record BenchReport(String startedAt, MachineInfo machine, Map<String, String> settings, Seeding seeding,
                          List<ScenarioResult> results, Double serviceMaxRssMiB, String memoryTarget,
                          Boolean memoryTargetMet) {
    /** 512 MiB resident under load at 100k people (DESIGN.md). */
    public static final double MEMORY_TARGET_MIB = 512;

    public BenchReport {
        settings = Map.copyOf(settings);
        results = List.copyOf(results);
    }

    /** Seeding as reported: people per second overall, and per step its calls, rate and answers. */
    public record Seeding(int people, boolean skipped, int concurrency, double seconds, double peoplePerSecond,
                          List<Step> steps) {
        public Seeding {
            steps = List.copyOf(steps);
        }

        public record Step(String name, long calls, double seconds, double callsPerSecond, Map<String, Long> outcomes,
                           Map<String, Long> errors, long retries) {
        }

        public static Seeding of(SeedingResult result) {
            return new Seeding(result.people(), result.skipped(), result.concurrency(), result.elapsed().toMillis() / 1000.0,
                    result.peoplePerSecond(), result.steps().stream().map(step -> new Step(step.name(), step.calls(),
                            step.elapsed().toMillis() / 1000.0, step.callsPerSecond(), step.outcomes(), step.errors(),
                            step.retries())).toList());
        }
    }

    public static BenchReport of(String startedAt, MachineInfo machine, Map<String, String> settings, SeedingResult seeding,
                                 List<ScenarioResult> results, Double serviceMaxRssMiB) {
        return new BenchReport(startedAt, machine, settings, Seeding.of(seeding), results, serviceMaxRssMiB,
                "service <= 512 MiB resident under load at 100k people",
                serviceMaxRssMiB == null ? null : serviceMaxRssMiB <= MEMORY_TARGET_MIB);
    }
}
