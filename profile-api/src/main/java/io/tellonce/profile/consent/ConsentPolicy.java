package io.tellonce.profile.consent;

import java.util.Set;

/**
 * A tenant's consent settings.
 *
 * @param allowedByDefault       purposes allowed when the person has no record (every other purpose is denied)
 * @param readsNeedingConsent    purposes for which a read withholds attributes unless the person granted it
 */
public record ConsentPolicy(Set<Purpose> allowedByDefault, Set<Purpose> readsNeedingConsent) {
    public static final ConsentPolicy DENY_BY_DEFAULT = new ConsentPolicy(Set.of(),
            Set.of(Purpose.MARKETING, Purpose.PERSONALISATION, Purpose.PROFILING));

    public ConsentPolicy {
        allowedByDefault = Set.copyOf(allowedByDefault);
        readsNeedingConsent = Set.copyOf(readsNeedingConsent);
    }

    public boolean allowsByDefault(Purpose purpose) {
        return allowedByDefault.contains(purpose);
    }

    public boolean readNeedsConsent(Purpose purpose) {
        return readsNeedingConsent.contains(purpose);
    }

}
