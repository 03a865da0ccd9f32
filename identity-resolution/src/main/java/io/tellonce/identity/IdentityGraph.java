package io.tellonce.identity;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The storage the resolver needs: who owns which identifier, and the profiles themselves. */
public interface IdentityGraph {

    /** The claims on those identifiers that are owned. */
    CompletionStage<Map<Identifier, Claim>> claims(TenantId tenant, Collection<Identifier> identifiers);

    /** Creates an empty profile carrying the observation's attributes; it owns no identifier yet. */
    CompletionStage<Void> createProfile(TenantId tenant, ProfileId profile, Observation observation);

    /**
     * Claims the identifier for the profile unless someone already owns it, atomically across every
     * service instance, and lists it on the profile when the profile owns it.
     *
     * @return the claim after the attempt: owned by {@code profile} when it won, the earlier claim otherwise
     */
    CompletionStage<Claim> claim(TenantId tenant, Identifier identifier, ProfileId profile, Observation observation);

    /**
     * Records the observation's attributes on the profile (later observations win per attribute) and
     * lists the identifiers the profile owns, so that a listing lost to a crash after its claim is repaired.
     */
    CompletionStage<Void> attach(TenantId tenant, ProfileId profile, Observation observation,
                                 Map<Identifier, Claim> ownClaims);

    /** Removes a profile that lost the race for its first identifier and was never handed out. */
    CompletionStage<Void> discard(TenantId tenant, ProfileId profile);
}
