package io.tellonce.profile.history;

/** A case's status; CLOSED is final. */
public enum CaseStatus {
    OPEN, PENDING, RESOLVED, CLOSED;

    /** Open and pending cases still need someone: they are what a bot or agent sees first. */
    public boolean isActive() {
        return this == OPEN || this == PENDING;
    }
}
