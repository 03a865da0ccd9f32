package io.tellonce.profile.app;

/** No profile answers the lookup in the caller's tenant. */
public final class ProfileNotFound extends RuntimeException {
    private final String lookup;

    public ProfileNotFound(String lookup) {
        super("no profile for " + lookup, null, false, false);
        this.lookup = lookup;
    }

    public String lookup() {
        return lookup;
    }
}
