package io.tellonce.matching;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Estimates u, how often each level occurs between different people, from random pairs of records:
 * among random pairs almost none are the same person, so their level frequencies are u.
 */
public final class RandomPairs {
    private static final double PSEUDO_COUNT = 1.0;

    private final Comparisons comparisons;

    public RandomPairs(Comparisons comparisons) {
        this.comparisons = comparisons;
    }

    public double[][] uProbabilities(List<MatchRecord> records, int pairs, RandomGenerator random) {
        if (records.size() < 2) {
            throw new IllegalArgumentException("u needs at least two records");
        }
        LevelCounts counts = new LevelCounts(comparisons);
        for (int i = 0; i < pairs; i++) {
            int a = random.nextInt(records.size());
            int b = random.nextInt(records.size() - 1);
            if (b >= a) {
                b++;
            }
            counts.add(comparisons.compare(records.get(a), records.get(b)), 1.0);
        }
        return counts.probabilities(PSEUDO_COUNT);
    }
}
