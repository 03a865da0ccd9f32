package io.tellonce.profile.consent;

import java.util.Objects;
import java.util.Optional;

/**
 * Allow or deny, with the reason in words and the record it rests on (none for defaults).
 */
public record ConsentDecision(boolean allowed, Basis basis, String reason, Optional<ConsentRecord> record) {
    public ConsentDecision {
        Objects.requireNonNull(basis, "basis");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(record, "record");
    }

    public enum Basis {
        /** A grant in force. */
        GRANTED,
        /** A denial or a withdrawal. */
        REFUSED,
        /** The newest grant has expired. */
        EXPIRED,
        /** Nothing recorded: the tenant's default for the purpose. */
        DEFAULT,
        /** No profile answers the lookup: the tenant's default for the purpose. */
        NO_PROFILE
    }
}
