package io.tellonce.profile.security;

import io.tellonce.profile.consent.Purpose;
import jakarta.inject.Singleton;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The purpose a read is made for, given who reads. A personalisation engine may only ever see
 * consented attributes, so its reads are always purpose-bound: one that declares no purpose reads for
 * personalisation, and consent decides what it sees. Other roles read for what they declare.
 */
@Singleton
public final class ReadPurposes {
    private static final Set<CallerRole> PURPOSE_FREE = EnumSet.of(CallerRole.AGENT, CallerRole.BOT, CallerRole.INGEST,
            CallerRole.PRIVACY_OFFICER, CallerRole.ADMIN);

    public Optional<Purpose> effective(AuthenticatedCaller caller, Optional<Purpose> declared) {
        if (declared.isPresent() || caller.hasAnyOf(PURPOSE_FREE)) {
            return declared;
        }
        return Optional.of(Purpose.PERSONALISATION);
    }
}
