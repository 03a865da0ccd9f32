package io.tellonce.profile.matching;

import io.tellonce.matching.FieldContribution;
import io.tellonce.matching.MatchEvidence;
import java.util.Locale;

/**
 * A match's evidence in one line for the merge ledger and the review queue, where a supervisor reads
 * it: the probability, then the weight as the prior plus each compared field (missing fields left out,
 * they add nothing), so the line adds up to the score as the FindMatches explanation does.
 */
public final class EvidenceText {
    private EvidenceText() {
    }

    public static String of(MatchEvidence evidence) {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "p=%.6f, weight %.2f = prior %.2f",
                evidence.probability(), evidence.weight(), evidence.priorWeight()));
        for (FieldContribution field : evidence.contributions()) {
            if (!"missing".equals(field.level())) {
                text.append(String.format(Locale.ROOT, " %+.2f %s %s", field.weight(),
                        field.field().name().toLowerCase(Locale.ROOT), field.level()));
            }
        }
        return text.toString();
    }
}
