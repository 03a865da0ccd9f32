package io.tellonce.matching;

import java.util.List;

/**
 * Why a pair scored what it did: the prior weight plus each field's contribution is the total
 * match weight (log2 of the odds), and the probability follows from that weight alone.
 */
public record MatchEvidence(double priorWeight, List<FieldContribution> contributions, double weight) {

    public MatchEvidence {
        contributions = List.copyOf(contributions);
    }

    public double probability() {
        return 1.0 / (1.0 + Math.pow(2, -weight));
    }
}
