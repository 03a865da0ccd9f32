package io.tellonce.matching;

import java.util.Comparator;
import java.util.List;

/**
 * Finds the records that are probably the same person as a probe: candidates from blocking, each
 * scored by the matcher, best first. The one path from a record to its matches, for the service
 * and for the matching report alike.
 */
public final class MatchFinder {
    private final CandidateSource candidates;
    private final Matcher matcher;
    private final int candidateLimit;

    public MatchFinder(CandidateSource candidates, Matcher matcher, int candidateLimit) {
        this.candidates = candidates;
        this.matcher = matcher;
        this.candidateLimit = candidateLimit;
    }

    /** Every scored candidate with a probability of at least {@code minProbability}, most probable first. */
    public List<MatchCandidate> find(MatchRecord probe, double minProbability) {
        return candidates.candidates(probe, candidateLimit).stream()
                .map(candidate -> new MatchCandidate(candidate, matcher.match(probe, candidate)))
                .filter(candidate -> candidate.evidence().probability() >= minProbability)
                .sorted(Comparator.comparingDouble((MatchCandidate c) -> c.evidence().weight()).reversed()
                        .thenComparing(c -> c.record().id()))
                .toList();
    }
}
