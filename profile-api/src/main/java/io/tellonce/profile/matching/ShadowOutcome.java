package io.tellonce.profile.matching;

import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/**
 * What the shadow (policy, model or both) would have done with an observation inline, in words, when
 * it differs from what the live policy and model do: another candidate, another decision, or one
 * where the live side does nothing. Empty when they agree or there is no shadow.
 */
final class ShadowOutcome {
    private ShadowOutcome() {
    }

    static Optional<String> of(FuzzyMatches.Found found, Optional<FuzzyMatches.Match> live) {
        Optional<FuzzyMatches.Match> shadow = found.matches().stream()
                .filter(match -> match.shadowDecision().filter(d -> d != MatchPolicy.Decision.NONE).isPresent())
                .max(Comparator.comparingDouble(match -> match.shadowEvidence().orElseThrow().weight()));
        boolean anyShadow = found.shadowModel().isPresent()
                || found.matches().stream().anyMatch(match -> match.shadowDecision().isPresent());
        boolean same = live.map(match -> match.profile().profileId()).equals(shadow.map(m -> m.profile().profileId()))
                && live.map(FuzzyMatches.Match::decision).equals(shadow.flatMap(FuzzyMatches.Match::shadowDecision));
        if (!anyShadow || same) {
            return Optional.empty();
        }
        String who = "shadow" + found.shadowModel().map(name -> " (model " + name + ")").orElse(" (policy)");
        return Optional.of(shadow.map(match -> String.format(Locale.ROOT, "%s would have %s with profile %s (p=%.6f)",
                        who, match.shadowDecision().orElseThrow() == MatchPolicy.Decision.AUTO_MERGE
                                ? "merged" : "opened a review item", match.profile().profileId(),
                        match.shadowEvidence().orElseThrow().probability()))
                .orElse(who + " would have matched nothing"));
    }
}
