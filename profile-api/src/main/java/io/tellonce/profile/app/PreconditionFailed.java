package io.tellonce.profile.app;

/** The request is valid but the state it needs does not hold (e.g. a merge that was already undone). */
public final class PreconditionFailed extends RuntimeException {
    public PreconditionFailed(String message) {
        super(message, null, false, false);
    }
}
