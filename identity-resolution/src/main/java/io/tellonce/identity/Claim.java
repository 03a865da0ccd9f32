package io.tellonce.identity;

import java.time.Instant;
import java.util.Objects;

/** Who owns an identifier, and since when and from which source: written once, when first claimed. */
public record Claim(ProfileId owner, String sourceSystem, Instant claimedAt) {
    public Claim {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(sourceSystem, "sourceSystem");
        Objects.requireNonNull(claimedAt, "claimedAt");
    }
}
