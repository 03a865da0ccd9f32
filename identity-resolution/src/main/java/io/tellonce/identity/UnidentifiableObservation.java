package io.tellonce.identity;

/** Every identifier of the observation is a placeholder or shared value that never identifies a person. */
public final class UnidentifiableObservation extends RuntimeException {
    public UnidentifiableObservation(String message) {
        super(message, null, false, false);
    }
}
