package io.tellonce.identity;

/**
 * A profile's lock expired while its holder was still working under it (a pause longer than the
 * lock's lifetime: a long garbage collection, a stalled store), so another caller may have changed
 * the profile meanwhile. What the holder meant to write was refused or given back; the caller may
 * retry. Not planned again inside the same call: after such a pause its caller has likely given up.
 */
public final class ProfileLockLost extends RuntimeException {
    public ProfileLockLost(String message) {
        super(message, null, false, false);
    }
}
