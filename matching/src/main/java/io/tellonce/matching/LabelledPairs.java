package io.tellonce.matching;

import java.util.List;

/**
 * Estimates m from pairs a person confirmed to be one person (reviewed merges, or labelled data):
 * the level frequencies among them. Used to check EM, and by tenants with a reviewed history.
 */
public final class LabelledPairs {
    private static final double PSEUDO_COUNT = 0.5;

    private final Comparisons comparisons;

    public LabelledPairs(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    public double[][] mProbabilities(List<ComparisonVector> confirmedMatches) {
        LevelCounts counts = new LevelCounts(comparisons);
        confirmedMatches.forEach(vector -> counts.add(vector, 1.0));
        return counts.probabilities(PSEUDO_COUNT);
    }

    public MatchModel model(List<ComparisonVector> confirmedMatches, double[][] u, double prior) {
        return LevelCounts.model(comparisons, prior, mProbabilities(confirmedMatches), u);
    }
}
