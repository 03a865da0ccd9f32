package io.tellonce.identity;

public enum ResolveOutcome {
    /** No identifier was known: a new profile was created. */
    CREATED,
    /** An identifier was known: the observation was attached to its profile. */
    MATCHED
}
