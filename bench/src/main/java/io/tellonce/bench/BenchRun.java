package io.tellonce.bench;

import com.datastax.oss.driver.api.core.CqlSession;
import io.tellonce.bench.data.CaseGenerator;
import io.tellonce.bench.data.ConsentGenerator;
import io.tellonce.bench.data.InteractionGenerator;
import io.tellonce.bench.data.Observations;
import io.tellonce.bench.data.PersonGenerator;
import io.tellonce.bench.data.SeedStep;
import io.tellonce.bench.data.SeedSteps;
import io.tellonce.bench.data.Seeder;
import io.tellonce.bench.data.SeedingResult;
import io.tellonce.bench.data.Shares;
import io.tellonce.bench.grpc.CallerCredentials;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.LoadDriver;
import io.tellonce.bench.load.LoadShape;
import io.tellonce.bench.load.Measurement;
import io.tellonce.bench.load.Operation;
import io.tellonce.bench.report.BenchReport;
import io.tellonce.bench.report.CpuWindow;
import io.tellonce.bench.report.MachineInfo;
import io.tellonce.bench.report.ProcessCpu;
import io.tellonce.bench.report.ReportFiles;
import io.tellonce.bench.report.ReportTable;
import io.tellonce.bench.report.RssSampler;
import io.tellonce.bench.report.ScenarioResult;
import io.tellonce.bench.report.Settling;
import io.tellonce.bench.scenario.CassandraSessions;
import io.tellonce.bench.scenario.Memo;
import io.tellonce.bench.scenario.Scenario;
import io.tellonce.bench.scenario.ScenarioContext;
import io.tellonce.bench.scenario.ScenarioRegistry;
import io.tellonce.proto.v1.GetIndexStatusRequest;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

/** One benchmark run: seed if needed, measure each scenario in turn, compare with the baselines, report. */
final class BenchRun {
    /** Shares of the population with seeded conversations, an open case, and consent answers. */
    static final double HISTORY_SHARE = 0.6;
    static final double CASE_SHARE = 0.2;
    static final double CONSENT_SHARE = 0.5;

    private final BenchOptions options;
    private final ScenarioRegistry registry;
    private final LoadDriver driver;
    private final ReportFiles files;
    private final ReportTable table;
    private final PrintStream out;

    BenchRun(BenchOptions options, ScenarioRegistry registry, LoadDriver driver, ReportFiles files, ReportTable table,
             PrintStream out) {
        this.options = options;
        this.registry = registry;
        this.driver = driver;
        this.files = files;
        this.table = table;
        this.out = out;
    }

    BenchReport run() throws Exception {
        String startedAt = Instant.now().toString();
        MachineInfo machine = MachineInfo.current();
        List<Scenario> scenarios = options.scenarios().isEmpty() ? registry.all() : registry.select(options.scenarios());
        PersonGenerator people = new PersonGenerator(options.seed(), Shares.realistic());
        Observations observations = new Observations(options.seed());
        Memo<CqlSession> cassandra = Memo.of(() -> CassandraSessions.open(options.cassandra(), options.datacenter()));
        Optional<Long> servicePid = pidFrom(options.servicePid(), options.servicePidFile());
        Optional<RssSampler> rss = servicePid.map(RssSampler::new);
        List<ProcessCpu> processes = new ArrayList<>(List.of(ProcessCpu.self()));
        servicePid.ifPresent(pid -> processes.add(new ProcessCpu("service", pid)));
        pidFrom(OptionalLong.empty(), options.cassandraPidFile()).ifPresent(pid -> processes.add(new ProcessCpu("cassandra", pid)));
        try (ServiceClient service = new ServiceClient(options.target(),
                new CallerCredentials(options.tenant(), options.token()))) {
            SeedSteps seedSteps = new SeedSteps(service);
            List<SeedStep> steps = List.of(seedSteps.people(observations),
                    seedSteps.history(new CaseGenerator(options.seed(), CASE_SHARE),
                            new InteractionGenerator(options.seed(), HISTORY_SHARE),
                            InteractionGenerator.anchorOf(Instant.now())),
                    seedSteps.consent(new ConsentGenerator(options.seed(), CONSENT_SHARE)));
            SeedingResult seeding = seed(new Seeder(service, people, steps, options.seedConcurrency()));
            ScenarioContext context = new ScenarioContext(service, cassandra, people, observations, options.people(),
                    System.currentTimeMillis());
            boolean measuring = options.seeding() != BenchOptions.Seeding.ONLY && !scenarios.isEmpty();
            rss.ifPresent(RssSampler::windowMaxMiB);
            List<ScenarioResult> results = new ArrayList<>();
            for (Scenario scenario : measuring ? scenarios : List.<Scenario>of()) {
                // Each scenario also waits for the work the previous one left behind (the indexer
                // catching up on what it wrote), so that no scenario pays for another's writes.
                settle(service, processes);
                results.add(measure(scenario, context, rss, processes));
            }
            BenchReport report = BenchReport.of(startedAt, machine, options.describe(), seeding, compared(results),
                    rss.map(RssSampler::runMaxMiB).orElse(null));
            files.write(report, options.out());
            out.println();
            out.print(table.render(report));
            out.println("results: " + options.out().toAbsolutePath());
            return report;
        } finally {
            rss.ifPresent(RssSampler::close);
            if (cassandra.computed()) {
                cassandra.get().close();
            }
        }
    }

    /** The benchmark's own process is not watched: it is idle while waiting. */
    private void settle(ServiceClient service, List<ProcessCpu> processes) throws InterruptedException {
        List<ProcessCpu> stack = processes.stream().filter(process -> !process.name().equals("bench")).toList();
        AtomicBoolean told = new AtomicBoolean();
        new Settling(stack, () -> indexLag(service, told), out).await(options.settle());
    }

    /** GetIndexStatus's lag; empty when the call fails (said once: an older service, a token without admin). */
    private Optional<Duration> indexLag(ServiceClient service, AtomicBoolean told) {
        try {
            com.google.protobuf.Duration lag = service.search().withDeadlineAfter(5, TimeUnit.SECONDS)
                    .getIndexStatus(GetIndexStatusRequest.getDefaultInstance()).get().getLag();
            return Optional.of(Duration.ofSeconds(lag.getSeconds(), lag.getNanos()));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | RuntimeException failed) {
            if (!told.getAndSet(true)) {
                out.println("warning: GetIndexStatus failed, waiting on CPU only: "
                        + (failed.getCause() == null ? failed : failed.getCause()));
            }
            return Optional.empty();
        }
    }

    private SeedingResult seed(Seeder seeder) throws InterruptedException {
        boolean checkFirst = options.seeding() == BenchOptions.Seeding.AUTO || options.seeding() == BenchOptions.Seeding.ONLY;
        if (options.seeding() == BenchOptions.Seeding.NEVER || checkFirst && seeder.seeded(options.people())) {
            out.printf("population of %,d people (seed %d) already seeded%n", options.people(), options.seed());
            return SeedingResult.alreadySeeded(options.people());
        }
        out.printf("seeding %,d people (Resolve), their history (OpenCase, RecordInteraction) and consent (SetConsent),"
                + " %d in flight...%n", options.people(), options.seedConcurrency());
        SeedingResult result = seeder.seed(options.people());
        for (SeedingResult.Step step : result.steps()) {
            out.printf(Locale.ROOT, "seeded %s: %,d calls in %.1f s: %,.0f calls/s; outcomes %s; errors %s%n", step.name(),
                    step.calls(), step.elapsed().toMillis() / 1000.0, step.callsPerSecond(), step.outcomes(), step.errors());
        }
        return result;
    }

    private ScenarioResult measure(Scenario scenario, ScenarioContext context, Optional<RssSampler> rss,
                                   List<ProcessCpu> processes) throws Exception {
        LoadShape shape = scenario.fixedRate().isPresent()
                ? LoadShape.open(scenario.fixedRate().getAsDouble(), options.concurrency(), options.warmUp(), options.duration())
                : options.shape();
        out.printf(Locale.ROOT, "%-26s %s ...%n", scenario.name(), describe(shape));
        Operation operation = scenario.operations().prepare(context);
        rss.ifPresent(RssSampler::windowMaxMiB);
        CpuWindow cpu = new CpuWindow(processes);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        Measurement measurement;
        try {
            // The driver's measured phase starts after the warm-up: watch the CPU over the same window.
            timer.schedule(cpu::open, shape.warmUp().toNanos(), TimeUnit.NANOSECONDS);
            timer.schedule(cpu::close, shape.warmUp().plus(shape.duration()).toNanos(), TimeUnit.NANOSECONDS);
            measurement = driver.run(operation, shape);
        } finally {
            timer.shutdown();
            timer.awaitTermination(5, TimeUnit.SECONDS);
        }
        ScenarioResult result = ScenarioResult.of(scenario, shape, measurement,
                scenario.kind() == Scenario.Kind.SERVICE ? rss.map(RssSampler::windowMaxMiB).orElse(null) : null,
                cpu.millisPer(measurement.successes()));
        out.printf(Locale.ROOT, "%-26s %,.0f ops/s, p50 %.2f ms, p99 %.2f ms, max %.1f ms, errors %d; CPU ms/op %s%n",
                "", result.throughputPerSecond(), result.latencyMillis().p50(), result.latencyMillis().p99(),
                result.latencyMillis().max(), result.errorCount(), cpu(result.cpuMillisPerOperation()));
        return result;
    }

    /**
     * Each service result with its ratio to its baseline, when both ran under the same load: a throughput
     * ratio of an open-loop run at a fixed rate to a closed-loop maximum would mean nothing.
     */
    private static List<ScenarioResult> compared(List<ScenarioResult> results) {
        Map<String, ScenarioResult> byName = new HashMap<>();
        results.forEach(result -> byName.put(result.scenario(), result));
        return results.stream().map(result -> {
            ScenarioResult baseline = result.baseline() == null ? null : byName.get(result.baseline());
            return baseline != null && sameLoad(result, baseline) ? result.comparedWith(baseline) : result;
        }).toList();
    }

    private static boolean sameLoad(ScenarioResult a, ScenarioResult b) {
        return a.mode().equals(b.mode()) && a.concurrency() == b.concurrency()
                && java.util.Objects.equals(a.ratePerSecond(), b.ratePerSecond());
    }

    private Optional<Long> pidFrom(OptionalLong given, Optional<Path> file) {
        if (given.isPresent()) {
            return Optional.of(given.getAsLong());
        }
        return file.flatMap(path -> {
            try {
                return Optional.of(Long.parseLong(Files.readString(path).trim()));
            } catch (IOException | RuntimeException e) {
                out.println("warning: no pid in " + path + "; that process is not watched");
                return Optional.empty();
            }
        });
    }

    private static String cpu(Map<String, Double> perOperation) {
        return perOperation.entrySet().stream()
                .map(entry -> String.format(Locale.ROOT, "%s %.2f", entry.getKey(), entry.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String describe(LoadShape shape) {
        String load = shape.mode() == LoadShape.Mode.CLOSED ? "closed loop, " + shape.concurrency() + " in flight"
                : String.format(Locale.ROOT, "open loop at %.0f/s (at most %d in flight)", shape.ratePerSecond(),
                        shape.concurrency());
        return load + ", " + seconds(shape.warmUp()) + " warm-up + " + seconds(shape.duration());
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.0f s", duration.toMillis() / 1000.0);
    }

}
