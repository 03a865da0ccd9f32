package io.tellonce.matching.report;

import io.tellonce.matching.Comparisons;
import io.tellonce.matching.FieldWeights;
import io.tellonce.matching.LevelWeights;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.ModelJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The matching report: runs the matcher over the labelled data sets and prints precision, recall
 * and F1 of pairs and clusters at each threshold, pairs completeness, reduction ratio and time per
 * record. {@code ./mvnw -q -pl matching test-compile exec:java} (the data folder is the argument),
 * or on any labelled CSV with {@code --csv FILE --truth COLUMN --fields field=column,...} (see
 * {@link ReportFile}).
 */
public final class MatchingReport {
    static final double[] THRESHOLDS = {0.5, 0.8, 0.9, 0.95, 0.99, 0.999, 0.9999, 0.99999, 0.999999};
    /** The threshold above which a tenant may choose to merge without review. */
    public static final double AUTO_MERGE_THRESHOLD = 0.9999;

    private final PrintStream out;
    private final ReportPipeline pipeline;
    private final LabelledCsv csv = new LabelledCsv();

    MatchingReport(PrintStream out, ReportPipeline pipeline) {
        this.out = out;
        this.pipeline = pipeline;
    }

    public static void main(String[] args) throws IOException {
        if (args.length > 0 && args[0].startsWith("--")) {
            new MatchingReport(System.out, ReportPipeline.standard()).printFile(ReportFile.parse(args));
            return;
        }
        Path folder = Path.of(args.length > 0 ? args[0] : "matching/src/test/resources/identity");
        MatchingReport report = new MatchingReport(System.out, ReportPipeline.standard());
        // Maven passes an empty -Dmatching.model.out as a null argument.
        if (args.length > 1 && args[1] != null && !args[1].isBlank()) {
            report.writeDefaultModel(folder, Path.of(args[1]));
        } else {
            report.print(folder);
        }
    }

    /**
     * Writes the model the service uses for a tenant without its own: EM (labels unused) over Febrl 3
     * and Splink fake_20000 together, so that names, dates and addresses (Febrl) and e-mails (Splink)
     * all have estimated weights. Phones are in neither set: their levels weigh nothing.
     */
    void writeDefaultModel(Path folder, Path file) throws IOException {
        LabelledRecords both = febrl(folder, "dataset3.csv", "febrl3")
                .with("Febrl 3 + Splink fake_20000", splink(folder, "fake_20000.csv", "fake20000"));
        MatchModel model = pipeline.estimate(both);
        Files.writeString(file, new ModelJson(Comparisons.forPeople()).write(model) + "\n", StandardCharsets.UTF_8);
        printModel("default model (" + both.name() + "), written to " + file, model);
    }

    void print(Path folder) throws IOException {
        out.printf(Locale.ROOT, "tellonce matching report — %d cores, %s, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"));
        LabelledRecords febrl1 = febrl(folder, "dataset1.csv", "Febrl 1");
        LabelledRecords febrl2 = febrl(folder, "dataset2.csv", "Febrl 2");
        LabelledRecords febrl3 = febrl(folder, "dataset3.csv", "Febrl 3");
        LabelledRecords fake1000 = splink(folder, "fake_1000.csv", "Splink fake_1000");
        LabelledRecords fake20000 = splink(folder, "fake_20000.csv", "Splink fake_20000");
        for (LabelledRecords data : List.of(febrl1, febrl2, febrl3, fake1000, fake20000)) {
            print(pipeline.run(data), "model estimated by EM on these records, labels unused");
        }
        print(pipeline.run(febrl2.slice("Febrl 2, first 2000 records", 0, 2000), pipeline.estimate(febrl1)),
                "model estimated on Febrl 1, applied unchanged (the quality test's held-out slice)");
        MatchModel fromFebrl2 = pipeline.estimate(febrl2);
        print(pipeline.run(febrl3, fromFebrl2), "model estimated on Febrl 2, applied unchanged (unseen data)");
        MatchModel fromFake20000 = pipeline.estimate(fake20000);
        print(pipeline.run(fake1000, fromFake20000),
                "model estimated on fake_20000, applied unchanged (overlapping people)");
        printModel("model estimated on Febrl 3", pipeline.estimate(febrl3));
    }

    /**
     * The report on one labelled file: the model estimated by EM on the file itself (labels unused),
     * then the model the service ships for tenants without their own, applied unchanged.
     */
    void printFile(ReportFile file) throws IOException {
        LabelledRecords data;
        try (BufferedReader reader = Files.newBufferedReader(file.csv(), StandardCharsets.UTF_8)) {
            data = csv.mapped(file.csv().getFileName().toString(), reader, file.columns());
        }
        out.printf(Locale.ROOT, "tellonce matching report on %s — %d cores, %s, Java %s%n", file.csv(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("os.arch"),
                System.getProperty("java.version"));
        out.println("fields: " + file.columns().fields() + "; truth: " + file.columns().truth());
        print(pipeline.run(data), "model estimated by EM on these records, labels unused");
        print(pipeline.run(data, new ModelJson(Comparisons.forPeople()).readDefault()),
                "the default model shipped with tellonce, applied unchanged");
        printModel("model estimated on " + data.name(), pipeline.estimate(data));
    }

    private void print(DeduplicationRun run, String how) {
        QualityMeasure quality = new QualityMeasure(run);
        Score candidates = quality.candidates();
        out.printf(Locale.ROOT, "%n## %s — %s%n", run.data().name(), how);
        out.printf(Locale.ROOT, "%d records, %d people, %d true pairs; prior %.4f%s%n",
                run.data().records().size(), quality.people(), quality.truePairs(), run.model().prior(),
                run.estimationMillis() > 0 ? ", estimated in " + run.estimationMillis() + " ms" : "");
        out.printf(Locale.ROOT, "candidates: %d pairs, pairs completeness %.4f, reduction ratio %.5f%n",
                candidates.predicted(), candidates.recall(), quality.reductionRatio());
        out.printf(Locale.ROOT, "time per record (candidates + scoring, in memory): p50 %.3f ms, p99 %.3f ms, max %.3f ms%n",
                run.nanosAtPercentile(50) / 1e6, run.nanosAtPercentile(99) / 1e6, run.nanosAtPercentile(100) / 1e6);
        out.println("| threshold | pairs P | pairs R | pairs F1 | clusters P | clusters R | clusters F1 | people exact |");
        out.println("|---|---|---|---|---|---|---|---|");
        ThresholdQuality best = null;
        for (double threshold : THRESHOLDS) {
            ThresholdQuality at = quality.at(threshold);
            printRow(at, threshold == AUTO_MERGE_THRESHOLD ? " (auto-merge)" : "");
            best = best == null || at.pairs().f1() > best.pairs().f1() ? at : best;
        }
        out.printf(Locale.ROOT, "best pairs F1 %.4f at threshold %s%n", best.pairs().f1(), best.threshold());
    }

    private void printRow(ThresholdQuality at, String note) {
        out.printf(Locale.ROOT, "| %s%s | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f | %.4f |%n",
                at.threshold(), note, at.pairs().precision(), at.pairs().recall(), at.pairs().f1(),
                at.clusters().precision(), at.clusters().recall(), at.clusters().f1(), at.exactPeople());
    }

    private void printModel(String title, MatchModel model) {
        out.printf(Locale.ROOT, "%n## %s: m, u and weight (log2 m/u) per level; prior %.4f%n", title, model.prior());
        for (FieldWeights field : model.fields()) {
            StringBuilder line = new StringBuilder(field.field().name().toLowerCase(Locale.ROOT)).append(':');
            for (LevelWeights level : field.levels()) {
                line.append(String.format(Locale.ROOT, "  %s m=%.3f u=%.5f w=%+.1f;", level.label(), level.m(),
                        level.u(), level.weight()));
            }
            out.println(line);
        }
    }

    private LabelledRecords febrl(Path folder, String file, String name) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
            return csv.febrl(name, reader);
        }
    }

    private LabelledRecords splink(Path folder, String file, String name) throws IOException {
        try (BufferedReader reader = Files.newBufferedReader(folder.resolve(file), StandardCharsets.UTF_8)) {
            return csv.splink(name, reader);
        }
    }
}
