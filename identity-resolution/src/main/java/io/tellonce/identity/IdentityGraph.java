package io.tellonce.identity;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/** The storage the resolver needs: who owns which identifier, and the profiles themselves. */
public interface IdentityGraph {

    /** The owners of those identifiers that have one. */
    CompletionStage<Map<Identifier, ProfileId>> owners(TenantId tenant, Collection<Identifier> identifiers);

    /** Creates an empty profile carrying the observation's attributes; it owns no identifier yet. */
    CompletionStage<Void> createProfile(TenantId tenant, ProfileId profile, Observation observation);

    /**
     * Claims the identifier for the profile unless someone already owns it, atomically across every
     * service instance.
     *
     * @return the owner after the attempt: {@code profile} when the claim won, the earlier owner otherwise
     */
    CompletionStage<ProfileId> claim(TenantId tenant, Identifier identifier, ProfileId profile, Observation observation);

    /** Records the observation's attributes on the profile; later observations win per attribute. */
    CompletionStage<Void> attach(TenantId tenant, ProfileId profile, Observation observation);

    /** Removes a profile that lost the race for its first identifier and was never handed out. */
    CompletionStage<Void> discard(TenantId tenant, ProfileId profile);
}
