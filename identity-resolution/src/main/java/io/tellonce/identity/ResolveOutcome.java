package io.tellonce.identity;

public enum ResolveOutcome {
    /** No identifier was known: a new profile was created. */
    CREATED,
    /** The known identifiers all belong to one profile: the observation was attached to it. */
    MATCHED,
    /** The identifiers belonged to several profiles, which the policy allowed to merge. */
    MERGED,
    /** The policy keeps the profiles apart: nothing merged, a review item was opened. */
    CONFLICT
}
