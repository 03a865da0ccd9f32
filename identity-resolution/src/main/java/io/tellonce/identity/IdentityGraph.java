package io.tellonce.identity;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The storage the resolver needs. Identifiers are owned by nodes (source records); a profile is a
 * cluster of linked nodes whose id is that of its root, the oldest node.
 */
public interface IdentityGraph {

    /** The claims on those identifiers that are owned; a claim's owner is a node. */
    CompletionStage<Map<Identifier, Claim>> claims(TenantId tenant, Collection<Identifier> identifiers);

    /**
     * The current profile (root) of each node. Finishes any merge or unmerge that a crash left
     * half-done on the way, so the answer is always a consistent one.
     */
    CompletionStage<Map<ProfileId, ProfileId>> roots(TenantId tenant, Set<ProfileId> nodes);

    /** Every identifier owned by the nodes of the profile. */
    CompletionStage<List<Identifier>> profileIdentifiers(TenantId tenant, ProfileId root);

    /**
     * Creates a node that is its own profile, carrying the observation's attributes and its
     * identifiers that never link; it owns no identifier yet.
     */
    CompletionStage<Void> createProfile(TenantId tenant, ProfileId node, Observation observation,
                                        List<Identifier> recordedOnly);

    /**
     * Claims the identifier for the node unless someone already owns it, atomically across every
     * service instance, and lists it on the node when the node owns it.
     *
     * @return the claim after the attempt: owned by {@code node} when it won, the earlier claim otherwise
     */
    CompletionStage<Claim> claim(TenantId tenant, Identifier identifier, ProfileId node, Observation observation,
                                 String evidence);

    /**
     * Records the observation's attributes on the node (later observations win per attribute), lists
     * the identifiers the node owns, so that a listing lost to a crash after its claim is repaired, and
     * the identifiers that are recorded but never link.
     */
    CompletionStage<Void> attach(TenantId tenant, ProfileId node, Observation observation,
                                 Map<Identifier, Claim> ownClaims, List<Identifier> recordedOnly);

    /** Removes a node that lost the race for its first identifier and was never handed out. */
    CompletionStage<Void> discard(TenantId tenant, ProfileId node);

    /**
     * Links the nodes and makes their profiles one, whose id is the oldest root's.
     *
     * @throws ClusterChangedException (through the stage) when a profile changed meanwhile: plan again
     */
    CompletionStage<MergeResult> merge(TenantId tenant, MergeRequest request);

    /**
     * Runs the work holding the profile's lock, which merges, unmerges and other claims for the same
     * profile also take, so that a check of the profile's identifiers against the policy still holds
     * when the claims it allowed are made.
     *
     * @throws ClusterChangedException (through the stage) when the profile is locked or no longer a root
     * @throws ProfileLockLost (through the stage) when the lock expired before the work was done: the
     *                         work's claims may have been made after someone else's check of the profile;
     *                         {@link #giveBack} them
     */
    <T> CompletionStage<T> underLock(TenantId tenant, ProfileId root, Supplier<CompletionStage<T>> work);

    /**
     * {@link #underLock} for a profile this caller has just created and whose first identifier it has
     * not claimed yet: nobody else can find it, so it is a settled root by construction and only the
     * lock itself is taken (it keeps others out once the first claim makes the profile findable).
     */
    <T> CompletionStage<T> underNewProfileLock(TenantId tenant, ProfileId node, Supplier<CompletionStage<T>> work);

    /**
     * After {@link ProfileLockLost}: under a new lock of the node's profile, gives back (releases and
     * unlists) the identifiers of {@code claimed} that the node owns, last first, for as long as the
     * profile breaks the policy. Claims are lightweight transactions on the identifier's own partition
     * and cannot be made conditional on the profile's lock, so a claim made after the lock expired is
     * found out afterwards, when the unlock finds the lock gone, and undone here (ADR 21).
     */
    CompletionStage<Void> giveBack(TenantId tenant, ProfileId node, List<Identifier> claimed, MergePolicy policy);

    /**
     * Counts the sighting towards its value's distinct profiles, atomically across every service
     * instance (a set, so seeing the same profile again adds nothing), and marks the value shared on
     * its claim once they reach {@code sharedAfterProfiles}. Values already marked are not counted.
     *
     * @return since when the value is shared, when it is
     */
    CompletionStage<Optional<Instant>> sighted(TenantId tenant, Sighting sighting, int sharedAfterProfiles);

    /** Opens a review item; returns its id. */
    CompletionStage<UUID> openReview(TenantId tenant, ReviewItem item);
}
