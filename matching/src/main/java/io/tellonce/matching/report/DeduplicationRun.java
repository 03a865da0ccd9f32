package io.tellonce.matching.report;

import io.tellonce.matching.MatchCandidate;
import io.tellonce.matching.MatchFinder;
import io.tellonce.matching.MatchModel;
import io.tellonce.matching.MatchRecord;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What running the matcher over every record of a labelled data set gave: each record looked for
 * its matches among all the others exactly as the service would look for an observation's, timed.
 */
public record DeduplicationRun(
        LabelledRecords data, MatchModel model, long estimationMillis,
        Map<Long, Double> pairProbabilities, long[] nanosPerRecord) {

    public static DeduplicationRun of(LabelledRecords data, List<MatchRecord> records, MatchModel model,
            long estimationMillis, MatchFinder finder) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            position.put(records.get(i).id(), i);
        }
        Map<Long, Double> pairs = new HashMap<>();
        long[] nanos = new long[records.size()];
        for (int i = 0; i < records.size(); i++) {
            long start = System.nanoTime();
            List<MatchCandidate> found = finder.find(records.get(i), 0.0);
            nanos[i] = System.nanoTime() - start;
            for (MatchCandidate candidate : found) {
                int j = position.get(candidate.record().id());
                pairs.merge(pairKey(i, j, records.size()), candidate.evidence().probability(), Math::max);
            }
        }
        return new DeduplicationRun(data, model, estimationMillis, pairs, nanos);
    }

    static long pairKey(int i, int j, int size) {
        return (long) Math.min(i, j) * size + Math.max(i, j);
    }

    public long nanosAtPercentile(double percentile) {
        long[] sorted = nanosPerRecord.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
}
