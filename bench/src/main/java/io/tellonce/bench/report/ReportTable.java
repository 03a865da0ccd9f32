package io.tellonce.bench.report;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The printed table: one line per scenario, then the targets with a plain met / NOT MET. */
public final class ReportTable {
    private static final String ROW = "%-26s %-6s %9s %10s %7s %7s %7s %8s %8s %7s %7s %13s%n";

    public String render(BenchReport report) {
        StringBuilder out = new StringBuilder();
        MachineInfo machine = report.machine();
        out.append(String.format(Locale.ROOT, "machine: %d cores (%s), %.1f GiB, %s; load average at start %s%n",
                machine.cores(), machine.cpu(), machine.memoryGiB(), machine.jdk(), machine.loadAverageAtStart()));
        BenchReport.Seeding seeding = report.seeding();
        if (seeding.skipped()) {
            out.append(String.format(Locale.ROOT, "seeding: %,d people already seeded, skipped%n", seeding.people()));
        } else {
            out.append(String.format(Locale.ROOT, "seeding: %,d people in %.1f s at %d in flight%n", seeding.people(),
                    seeding.seconds(), seeding.concurrency()));
            seeding.steps().forEach(step -> out.append(String.format(Locale.ROOT, "  %-8s %,d calls in %.1f s = %,.0f"
                    + " calls/s; outcomes %s; errors %s; retries %d%n", step.name(), step.calls(), step.seconds(),
                    step.callsPerSecond(), describe(step.outcomes()), describe(step.errors()), step.retries())));
        }
        out.append('\n').append(String.format(Locale.ROOT, ROW, "scenario", "mode", "load", "ops/s", "p50 ms",
                "p90 ms", "p99 ms", "p99.9 ms", "max ms", "errors", "vs raw", "CPU ms/op s/c"));
        for (ScenarioResult result : report.results()) {
            String load = result.ratePerSecond() == null ? result.concurrency() + " conc"
                    : String.format(Locale.ROOT, "%.0f/s", result.ratePerSecond());
            out.append(String.format(Locale.ROOT, ROW, result.scenario(), result.mode(), load,
                    String.format(Locale.ROOT, "%,.0f", result.throughputPerSecond()),
                    ms(result.latencyMillis().p50()), ms(result.latencyMillis().p90()), ms(result.latencyMillis().p99()),
                    ms(result.latencyMillis().p999()), ms(result.latencyMillis().max()), result.errorCount(),
                    result.baselineRatio() == null ? "" : String.format(Locale.ROOT, "%.2fx", result.baselineRatio()),
                    cpu(result.cpuMillisPerOperation())));
        }
        appendDetails(out, report);
        return out.toString();
    }

    private static void appendDetails(StringBuilder out, BenchReport report) {
        out.append('\n');
        for (ScenarioResult result : report.results()) {
            if (!result.errors().isEmpty() || !result.outcomes().isEmpty()) {
                out.append(String.format(Locale.ROOT, "%s: outcomes %s, errors %s%n", result.scenario(),
                        describe(result.outcomes()), describe(result.errors())));
            }
        }
        for (ScenarioResult result : report.results()) {
            if (result.itemsPerSecond() != null) {
                out.append(String.format(Locale.ROOT, "%s: %,.0f %s/s%n", result.scenario(), result.itemsPerSecond(),
                        result.itemUnit()));
            }
        }
        for (ScenarioResult result : report.results()) {
            if (result.target() != null) {
                out.append(String.format(Locale.ROOT, "target  %-48s %-8s measured %,.0f/s, p99 %.2f ms (%s)%n",
                        result.target(), result.targetMet() ? "met" : "NOT MET", result.throughputPerSecond(),
                        result.latencyMillis().p99(), result.scenario()));
            }
        }
        if (report.serviceMaxRssMiB() != null) {
            out.append(String.format(Locale.ROOT, "target  %-48s %-8s measured max %.0f MiB resident%n",
                    report.memoryTarget(), report.memoryTargetMet() ? "met" : "NOT MET", report.serviceMaxRssMiB()));
        }
    }

    /** Service and Cassandra CPU per operation, "-" for a process that was not watched. */
    private static String cpu(Map<String, Double> perOperation) {
        return cpuOf(perOperation, "service") + "/" + cpuOf(perOperation, "cassandra");
    }

    private static String cpuOf(Map<String, Double> perOperation, String process) {
        Double millis = perOperation.get(process);
        return millis == null ? "-" : String.format(Locale.ROOT, "%.2f", millis);
    }

    private static String describe(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String ms(double millis) {
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : "%.1f", millis);
    }
}
