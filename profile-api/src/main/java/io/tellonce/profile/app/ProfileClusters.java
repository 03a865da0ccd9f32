package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** A supervisor's operations on profiles: merge by hand, undo a merge, see why a profile is one person. */
public interface ProfileClusters {

    /** @throws ProfileNotFound, PreconditionFailed (already one profile), MergeRefused (policy) */
    CompletionStage<MergeResult> merge(TenantId tenant, List<ProfileId> profiles, String actor, String reason);

    /**
     * A merge made by a rule rather than by hand (fuzzy matching's auto-merge): the rule and its
     * evidence go into the merge ledger, and the merge is undone like any other.
     *
     * @throws ProfileNotFound, PreconditionFailed (already one profile), MergeRefused (policy)
     */
    CompletionStage<MergeResult> merge(TenantId tenant, List<ProfileId> profiles, String rule, String evidence,
                                       String actor, String reason);

    /**
     * A merge by hand whose id the caller chose beforehand: a review decision records the id before
     * the merge, so that a decision a crash interrupted can tell whether its merge took place.
     *
     * @throws ProfileNotFound, PreconditionFailed (already one profile), MergeRefused (policy)
     */
    CompletionStage<MergeResult> merge(TenantId tenant, UUID mergeId, List<ProfileId> profiles, String actor,
                                       String reason);

    /** @return the profiles after the split; @throws MergeNotFound, PreconditionFailed (already undone) */
    CompletionStage<List<ProfileId>> unmerge(TenantId tenant, UUID mergeId, String actor, String reason);

    /** @throws ProfileNotFound */
    CompletionStage<IdentityGraphView> graph(TenantId tenant, ProfileId profile);

    /**
     * Moves an identifier to another profile, or to a new one when {@code target} is empty.
     *
     * @return the profile it left and the profile it belongs to now
     * @throws ProfileNotFound, PreconditionFailed (already there, or the target's policy refuses it)
     */
    CompletionStage<List<ProfileId>> moveIdentifier(TenantId tenant, Identifier identifier, Optional<ProfileId> target,
                                                    String actor, String reason);

    /**
     * Finishes, or takes back when it never committed, every merge, unmerge and move begun before
     * {@code before} that a crash interrupted and no read has finished since (issue 17). Blocking.
     *
     * @return how many it settled
     */
    int finishInterrupted(java.time.Instant before);
}
