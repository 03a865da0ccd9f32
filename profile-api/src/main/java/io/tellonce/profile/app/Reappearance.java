package io.tellonce.profile.app;

import java.util.Locale;

/** What a tenant does when a channel sends an identifier of an erased person that nobody owns now. */
public enum Reappearance {
    /** Resolve as usual; the profile that receives it is flagged (the default, ADR 14). */
    FRESH,
    /** Refuse the request (FAILED_PRECONDITION); nothing is written. */
    REFUSE;

    public static Reappearance named(String name) {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
    }
}
