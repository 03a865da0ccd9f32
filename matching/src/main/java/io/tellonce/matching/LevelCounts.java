package io.tellonce.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * How often each level of each field was seen, weighted (by the probability that the pair is a
 * match, in EM). Turned into probabilities with a small pseudo-count, so that a level never seen in
 * a sample still gets a finite weight instead of an infinite one.
 */
final class LevelCounts {
    private final Comparisons comparisons;
    private final double[][] counts;

    LevelCounts(Comparisons comparisons) {
        this.comparisons = comparisons;
        this.counts = new double[comparisons.fields().size()][];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new double[comparisons.fields().get(i).levels().size()];
        }
    }

    void add(ComparisonVector vector, double weight) {
        for (int i = 0; i < counts.length; i++) {
            int level = vector.level(i);
            if (level != FieldComparator.MISSING) {
                counts[i][level] += weight;
            }
        }
    }

    double[][] probabilities(double pseudoCount) {
        double[][] probabilities = new double[counts.length][];
        for (int i = 0; i < counts.length; i++) {
            double total = 0;
            for (double count : counts[i]) {
                total += count + pseudoCount;
            }
            probabilities[i] = new double[counts[i].length];
            for (int level = 0; level < counts[i].length; level++) {
                probabilities[i][level] = (counts[i][level] + pseudoCount) / total;
            }
        }
        return probabilities;
    }

    /** A model from this comparison set's labels and the given m and u tables. */
    static MatchModel model(Comparisons comparisons, double prior, double[][] m, double[][] u) {
        List<FieldWeights> fields = new ArrayList<>();
        for (int i = 0; i < comparisons.fields().size(); i++) {
            FieldComparator comparator = comparisons.fields().get(i);
            List<LevelWeights> levels = new ArrayList<>();
            for (int level = 0; level < comparator.levels().size(); level++) {
                // A level counted on another field weighs nothing here: m is set to u.
                double mOfLevel = comparator.levels().get(level).weighed() ? m[i][level] : u[i][level];
                levels.add(new LevelWeights(comparator.label(level), mOfLevel, u[i][level]));
            }
            fields.add(new FieldWeights(comparator.field(), levels));
        }
        return new MatchModel(prior, fields);
    }
}
