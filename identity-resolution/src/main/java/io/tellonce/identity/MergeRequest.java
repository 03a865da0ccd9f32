package io.tellonce.identity;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Make the profiles of these nodes one person.
 *
 * @param links    pairs of nodes to link, each with its evidence; their profiles become one
 * @param rule     what made the link: {@code shared identifier} or {@code manual}
 * @param actor    who: the source system of an observation, or the supervisor
 * @param policy   checked again under the profiles' locks: a merge that would break it does not happen
 * @param mergeId  the merge's id, chosen before it happens: a caller that records the id first (a
 *                 review decision) can tell afterwards whether an interrupted merge took place
 */
public record MergeRequest(List<NodePair> links, String rule, String actor, String reason, Instant at,
                           MergePolicy policy, UUID mergeId) {
    public MergeRequest {
        links = List.copyOf(links);
        if (links.isEmpty()) {
            throw new IllegalArgumentException("a merge links at least two nodes");
        }
        Objects.requireNonNull(mergeId, "mergeId");
    }

    /** A merge with an id of its own. */
    public MergeRequest(List<NodePair> links, String rule, String actor, String reason, Instant at, MergePolicy policy) {
        this(links, rule, actor, reason, at, policy, UUID.randomUUID());
    }

    /** @param evidence why these two nodes are one person, in words */
    public record NodePair(ProfileId node, ProfileId otherNode, String evidence) {
    }
}
