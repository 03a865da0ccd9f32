package io.tellonce.identity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Who owns an identifier, since when, from which source, and why: written once, when first claimed.
 *
 * @param evidence    why the identifier joined its node, in words (e.g. "web-shop saw it with phone +44...")
 * @param sharedSince when the value was found on so many profiles that it links no one any more; the
 *                    owner keeps it, as an identifier that only records
 */
public record Claim(ProfileId owner, String sourceSystem, Instant claimedAt, String evidence,
                    Optional<Instant> sharedSince) {
    public Claim {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(sharedSince, "sharedSince");
    }

    /** A claim on a value not (yet) marked shared. */
    public Claim(ProfileId owner, String sourceSystem, Instant claimedAt, String evidence) {
        this(owner, sourceSystem, claimedAt, evidence, Optional.empty());
    }

    public boolean shared() {
        return sharedSince.isPresent();
    }
}
