package io.tellonce.profile.consent;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One answer of the person, as kept in the ledger against one identity node.
 *
 * @param scope      the identifier the answer concerns; empty when it concerns the whole person
 * @param legalBasis the lawful basis's storage name ("consent", "contract", ...; "unspecified")
 * @param capturedAt when the person answered: the newest answer counts
 * @param expiresAt  grants only: when the grant stops counting
 * @param recordedAt when tellonce recorded it
 */
public record ConsentRecord(UUID recordId, ProfileId node, Purpose purpose, ConsentChannel channel,
                            Optional<Identifier> scope, ConsentStatus status, String legalBasis, String sourceSystem,
                            String actor, Instant capturedAt, Optional<Instant> expiresAt, String policyVersion,
                            String evidence, Instant recordedAt) {
    public ConsentRecord {
        Objects.requireNonNull(recordId, "recordId");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(capturedAt, "capturedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    /** What the record answers: the same key on two nodes answers the same question. */
    public ConsentKey key() {
        return new ConsentKey(purpose, channel, scope);
    }

    public boolean expiredAt(Instant now) {
        return expiresAt.map(expiry -> !expiry.isAfter(now)).orElse(false);
    }

    /** One purpose x channel x scope. */
    public record ConsentKey(Purpose purpose, ConsentChannel channel, Optional<Identifier> scope) {
    }
}
