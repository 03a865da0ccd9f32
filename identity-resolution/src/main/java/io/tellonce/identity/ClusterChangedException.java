package io.tellonce.identity;

/** A profile involved in a merge changed (another merge or unmerge) while this one was being planned. */
public final class ClusterChangedException extends RuntimeException {
    public ClusterChangedException(String message) {
        super(message, null, false, false);
    }
}
