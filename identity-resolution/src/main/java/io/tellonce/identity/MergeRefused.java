package io.tellonce.identity;

/** The merge would give one profile more identifiers of a kind than the policy allows. */
public final class MergeRefused extends RuntimeException {
    public MergeRefused(String reason) {
        super(reason, null, false, false);
    }
}
