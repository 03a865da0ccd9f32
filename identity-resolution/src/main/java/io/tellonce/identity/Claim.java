package io.tellonce.identity;

import java.time.Instant;
import java.util.Objects;

/**
 * Who owns an identifier, since when, from which source, and why: written once, when first claimed.
 *
 * @param evidence why the identifier joined its node, in words (e.g. "web-shop saw it with phone +44...")
 */
public record Claim(ProfileId owner, String sourceSystem, Instant claimedAt, String evidence) {
    public Claim {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(claimedAt, "claimedAt");
        Objects.requireNonNull(evidence, "evidence");
    }
}
