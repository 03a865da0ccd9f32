package io.tellonce.matching;

/** Scores a pair of records with a model: compare each field, then weigh the levels. */
public final class Matcher {
    private final Comparisons comparisons;
    private final MatchModel model;

    public Matcher(Comparisons comparisons, MatchModel model) {
        this.comparisons = comparisons;
        this.model = model.requireFits(comparisons);
    }

    public MatchEvidence match(MatchRecord a, MatchRecord b) {
        return model.evidence(comparisons.compare(a, b));
    }

    public MatchModel model() {
        return model;
    }
}
