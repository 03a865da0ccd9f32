package io.tellonce.matching;

import java.util.ArrayList;
import java.util.List;

/**
 * A Fellegi–Sunter model: the prior probability that a candidate pair is one person, and the m and u
 * probabilities of every level of every field. Fields are assumed independent given match status,
 * which is what lets the evidence of each field be added up and shown on its own.
 */
public record MatchModel(double prior, List<FieldWeights> fields) {

    public MatchModel {
        if (!(prior > 0 && prior < 1)) {
            throw new IllegalArgumentException("prior must be in (0, 1), got " + prior);
        }
        fields = List.copyOf(fields);
    }

    public double priorWeight() {
        return Math.log(prior / (1 - prior)) / Math.log(2);
    }

    /**
     * The evidence for one pair. The total is built by adding the prior and then each field's
     * weight in order, so the contributions shown add up to the score exactly, not approximately.
     */
    public MatchEvidence evidence(ComparisonVector vector) {
        double total = priorWeight();
        List<FieldContribution> contributions = new ArrayList<>(fields.size());
        for (int i = 0; i < fields.size(); i++) {
            FieldWeights field = fields.get(i);
            int level = vector.level(i);
            if (level == FieldComparator.MISSING) {
                contributions.add(new FieldContribution(field.field(), "missing", 0.0));
            } else {
                LevelWeights weights = field.levels().get(level);
                contributions.add(new FieldContribution(field.field(), weights.label(), weights.weight()));
                total += weights.weight();
            }
        }
        return new MatchEvidence(priorWeight(), contributions, total);
    }

    /**
     * Checks that this model was estimated for these comparisons (same fields, same levels, and no
     * weight on a level whose evidence is counted on another field).
     */
    public MatchModel requireFits(Comparisons comparisons) {
        List<FieldComparator> comparators = comparisons.fields();
        boolean fits = comparators.size() == fields.size();
        for (int i = 0; fits && i < fields.size(); i++) {
            FieldComparator comparator = comparators.get(i);
            FieldWeights weights = fields.get(i);
            fits = comparator.field() == weights.field() && comparator.levels().size() == weights.levels().size();
            for (int level = 0; fits && level < weights.levels().size(); level++) {
                ComparisonLevel expected = comparator.levels().get(level);
                LevelWeights actual = weights.levels().get(level);
                fits = expected.label().equals(actual.label()) && (expected.weighed() || actual.m() == actual.u());
            }
        }
        if (!fits) {
            throw new IllegalArgumentException("the model's fields and levels differ from the comparisons'"
                    + " (or it weighs a level counted on another field)");
        }
        return this;
    }
}
