package io.tellonce.profile.history;

public enum Sentiment {
    UNSPECIFIED, POSITIVE, NEUTRAL, NEGATIVE, MIXED
}
