package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.profile.consent.ConsentChannel;
import io.tellonce.profile.consent.ConsentStatus;
import io.tellonce.profile.consent.Purpose;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * One answer to record, checked field by field by the caller.
 *
 * @param recordId derived from the idempotency key when there is one, so racing retries write one row
 * @param scope    the identifier the answer concerns, if only one
 */
public record ConsentChange(UUID recordId, PersonLookup person, Purpose purpose, ConsentChannel channel,
                            Optional<Identifier> scope, ConsentStatus status, String legalBasis, String sourceSystem,
                            String actor, Instant capturedAt, Optional<Instant> expiresAt, String policyVersion,
                            String evidence) {
}
