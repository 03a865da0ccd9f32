package io.tellonce.identity;

import java.util.List;

/** The answer to an observation: which profile, how it was found, and why, in words. */
public record Resolution(ProfileId profileId, ResolveOutcome outcome, List<Identifier> identifiers,
                         String explanation) {
    public Resolution {
        identifiers = List.copyOf(identifiers);
    }
}
