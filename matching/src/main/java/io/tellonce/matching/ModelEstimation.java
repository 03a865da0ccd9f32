package io.tellonce.matching;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Estimates a tenant's model from its own records, without labels: u from random pairs, then m, u
 * and the prior by EM over the candidate pairs that blocking finds (each unordered pair once).
 */
public final class ModelEstimation {
    private final Comparisons comparisons;
    private final BlockingKeys blockingKeys;
    private final int candidateLimit;
    private final int randomPairs;

    public ModelEstimation(Comparisons comparisons, BlockingKeys blockingKeys, int candidateLimit, int randomPairs) {
        this.comparisons = comparisons;
        this.blockingKeys = blockingKeys;
        this.candidateLimit = candidateLimit;
        this.randomPairs = randomPairs;
    }

    /**
     * @throws IllegalArgumentException with fewer than two records, or when blocking finds no candidate
     *                                  pair among them: there is nothing to estimate from
     */
    public Estimate estimate(List<MatchRecord> records, RandomGenerator random) {
        double[][] u = new RandomPairs(comparisons).uProbabilities(records, randomPairs, random);
        CandidateIndex index = new CandidateIndex(blockingKeys);
        records.forEach(index::add);
        Map<ComparisonVector, Integer> patterns = new HashMap<>();
        long pairs = 0;
        for (MatchRecord record : records) {
            for (MatchRecord candidate : index.candidates(record, candidateLimit)) {
                // Each unordered pair once: the pair is counted from the record with the smaller id.
                if (record.id().compareTo(candidate.id()) < 0) {
                    patterns.merge(comparisons.compare(record, candidate), 1, Integer::sum);
                    pairs++;
                }
            }
        }
        if (pairs == 0) {
            throw new IllegalArgumentException("no two of the " + records.size() + " records share a blocking key");
        }
        return new Estimate(new ExpectationMaximisation(comparisons, 100, 1e-6).estimate(patterns, u, false),
                records.size(), pairs, randomPairs);
    }

    /** The model, and what it was estimated from: records, the candidate pairs among them, random pairs for u. */
    public record Estimate(MatchModel model, int records, long candidatePairs, int randomPairs) {
    }
}
