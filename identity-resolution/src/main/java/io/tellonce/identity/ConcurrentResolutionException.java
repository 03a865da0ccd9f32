package io.tellonce.identity;

/** Other resolutions kept winning the race for the same identifiers; the caller may retry. */
public final class ConcurrentResolutionException extends RuntimeException {
    public ConcurrentResolutionException(String message) {
        super(message);
    }
}
