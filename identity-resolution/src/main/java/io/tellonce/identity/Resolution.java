package io.tellonce.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The answer to an observation: which profile, how it was found, and why, in words.
 *
 * @param mergedProfileIds MERGED: the profiles that became {@code profileId}
 * @param mergeId          MERGED: the merge, to undo it
 * @param reviewItemId     CONFLICT: the review item opened
 */
public record Resolution(ProfileId profileId, ResolveOutcome outcome, List<Identifier> identifiers,
                         String explanation, List<ProfileId> mergedProfileIds, Optional<UUID> mergeId,
                         Optional<UUID> reviewItemId) {
    public Resolution {
        identifiers = List.copyOf(identifiers);
        mergedProfileIds = List.copyOf(mergedProfileIds);
    }

    /** The same answer, its explanation followed by these remarks. */
    Resolution remarked(List<String> remarks) {
        if (remarks.isEmpty()) {
            return this;
        }
        return new Resolution(profileId, outcome, identifiers, explanation + "; " + String.join("; ", remarks),
                mergedProfileIds, mergeId, reviewItemId);
    }

    static Resolution of(ProfileId profile, ResolveOutcome outcome, List<Identifier> identifiers, String explanation) {
        return new Resolution(profile, outcome, identifiers, explanation, List.of(), Optional.empty(), Optional.empty());
    }
}
