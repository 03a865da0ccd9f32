package io.tellonce.matching;

import java.util.Map;

/**
 * Estimates m, u and the prior from unlabelled candidate pairs (Fellegi–Sunter EM, as in Winkler
 * 1988 and Splink): each round gives every distinct comparison pattern the probability that it is a
 * match under the current model, then re-counts the levels with those probabilities.
 *
 * <p>The pairs are the candidate pairs that blocking produced, so the prior and u it finds are those
 * of candidates, not of random pairs: that is what a matcher scoring candidates needs. u starts from
 * random pairs; with {@code keepU} it stays there (Splink's way, when blocking is weak).
 */
public final class ExpectationMaximisation {
    private static final double PSEUDO_COUNT = 0.5;
    private static final double INITIAL_PRIOR = 0.3;

    private final Comparisons comparisons;
    private final int maxRounds;
    private final double tolerance;

    public ExpectationMaximisation(Comparisons comparisons, int maxRounds, double tolerance) {
        this.comparisons = comparisons;
        this.maxRounds = maxRounds;
        this.tolerance = tolerance;
    }

    /** @param patterns how many candidate pairs showed each comparison pattern */
    public MatchModel estimate(Map<ComparisonVector, Integer> patterns, double[][] initialU, boolean keepU) {
        MatchModel model = LevelCounts.model(comparisons, INITIAL_PRIOR, initialM(), initialU);
        for (int round = 0; round < maxRounds; round++) {
            MatchModel next = round(patterns, model, initialU, keepU);
            double change = Math.abs(next.prior() - model.prior());
            model = next;
            if (change < tolerance) {
                break;
            }
        }
        return model;
    }

    private MatchModel round(Map<ComparisonVector, Integer> patterns, MatchModel model, double[][] fixedU,
            boolean keepU) {
        LevelCounts matches = new LevelCounts(comparisons);
        LevelCounts nonMatches = new LevelCounts(comparisons);
        double expectedMatches = 0;
        long total = 0;
        for (Map.Entry<ComparisonVector, Integer> pattern : patterns.entrySet()) {
            double p = model.evidence(pattern.getKey()).probability();
            int count = pattern.getValue();
            matches.add(pattern.getKey(), p * count);
            nonMatches.add(pattern.getKey(), (1 - p) * count);
            expectedMatches += p * count;
            total += count;
        }
        double prior = Math.min(1 - 1e-9, Math.max(1e-9, expectedMatches / total));
        double[][] u = keepU ? fixedU : nonMatches.probabilities(PSEUDO_COUNT);
        return LevelCounts.model(comparisons, prior, matches.probabilities(PSEUDO_COUNT), u);
    }

    /** A start that believes closer levels are likelier among matches: halving from the top level down. */
    private double[][] initialM() {
        double[][] m = new double[comparisons.fields().size()][];
        for (int i = 0; i < m.length; i++) {
            int levels = comparisons.fields().get(i).levels().size();
            m[i] = new double[levels];
            double total = 0;
            for (int level = 0; level < levels; level++) {
                m[i][level] = Math.pow(0.5, level);
                total += m[i][level];
            }
            for (int level = 0; level < levels; level++) {
                m[i][level] /= total;
            }
        }
        return m;
    }
}
