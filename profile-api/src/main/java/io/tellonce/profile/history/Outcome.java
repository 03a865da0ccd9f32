package io.tellonce.profile.history;

public enum Outcome {
    UNSPECIFIED, RESOLVED, UNRESOLVED, TRANSFERRED, ABANDONED
}
