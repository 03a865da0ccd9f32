package io.tellonce.matching.report;

import io.tellonce.matching.BlockingKeys;
import io.tellonce.matching.CandidateIndex;
import io.tellonce.matching.Comparisons;
import io.tellonce.matching.MatchFinder;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.MatchRecord;
import io.tellonce.matching.Matcher;
import io.tellonce.matching.ModelEstimation;
import io.tellonce.matching.RecordPreparation;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The report's pipeline, shared by the report command and the quality test: prepare the records,
 * estimate a model from them (no labels) unless one is given, index them by their blocking keys,
 * then let every record find its matches through {@link MatchFinder}, as the service does.
 */
public final class ReportPipeline {
    public static final int CANDIDATE_LIMIT = 100;
    static final int RANDOM_PAIRS = 200_000;

    private final Comparisons comparisons;
    private final BlockingKeys blockingKeys;
    private final RecordPreparation preparation;
    private final long seed;

    public ReportPipeline(Comparisons comparisons, BlockingKeys blockingKeys, RecordPreparation preparation, long seed) {
        this.comparisons = comparisons;
        this.blockingKeys = blockingKeys;
        this.preparation = preparation;
        this.seed = seed;
    }

    public static ReportPipeline standard() {
        return new ReportPipeline(Comparisons.forPeople(), new BlockingKeys(), new RecordPreparation(), 20_260_601L);
    }

    /** Estimates the model on the data itself (unsupervised: the labels are only used to measure). */
    public DeduplicationRun run(LabelledRecords data) {
        List<MatchRecord> records = prepare(data);
        long start = System.nanoTime();
        MatchModel model = estimate(records);
        long estimationMillis = (System.nanoTime() - start) / 1_000_000;
        return run(data, records, model, estimationMillis);
    }

    /** Applies a model estimated elsewhere: data the model has not seen. */
    public DeduplicationRun run(LabelledRecords data, MatchModel model) {
        return run(data, prepare(data), model, 0);
    }

    public MatchModel estimate(LabelledRecords data) {
        return estimate(prepare(data));
    }

    private MatchModel estimate(List<MatchRecord> records) {
        return new ModelEstimation(comparisons, blockingKeys, CANDIDATE_LIMIT, RANDOM_PAIRS)
                .estimate(records, new SplittableRandom(seed)).model();
    }

    private DeduplicationRun run(LabelledRecords data, List<MatchRecord> records, MatchModel model,
            long estimationMillis) {
        CandidateIndex index = new CandidateIndex(blockingKeys);
        records.forEach(index::add);
        MatchFinder finder = new MatchFinder(index, new Matcher(comparisons, model), CANDIDATE_LIMIT);
        return DeduplicationRun.of(data, records, model, estimationMillis, finder);
    }

    private List<MatchRecord> prepare(LabelledRecords data) {
        return data.records().stream().map(preparation::prepare).toList();
    }
}
