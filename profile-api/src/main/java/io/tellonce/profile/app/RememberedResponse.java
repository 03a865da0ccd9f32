package io.tellonce.profile.app;

/**
 * The first answer to an idempotent write.
 *
 * @param requestFingerprint a digest of the request it answered, to refuse a key reused for another request
 * @param response           the serialised answer
 */
public record RememberedResponse(byte[] requestFingerprint, byte[] response) {
}
