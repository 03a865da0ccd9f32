package io.tellonce.matching;

/** A candidate record and the evidence that it is the same person as the probe. */
public record MatchCandidate(MatchRecord record, MatchEvidence evidence) {
}
