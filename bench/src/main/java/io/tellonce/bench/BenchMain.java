package io.tellonce.bench;

import io.tellonce.bench.load.LoadDriver;
import io.tellonce.bench.report.ReportFiles;
import io.tellonce.bench.report.ReportTable;
import io.tellonce.bench.scenario.StandardScenarios;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The benchmark command. Workload, defaults and how to read the output: docs/benchmarks.md. Typical use,
 * against a stack started by `./tellonce up`: {@code ./tellonce bench} (which runs this jar with the
 * stack's addresses), or {@code java -jar bench/target/tellonce-bench.jar --target 127.0.0.1:50051 ...}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        try {
            new BenchRun(options, StandardScenarios.registry(options.keyspace(), options.tenant()),
                    new LoadDriver(Duration.ofSeconds(30)), new ReportFiles(), new ReportTable(), System.out).run();
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (Exception e) {
            System.err.println("the benchmark failed: " + e);
            e.printStackTrace();
            System.exit(1);
        }
    }
}
