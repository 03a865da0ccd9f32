package io.tellonce.profile.cassandra;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What a merge, unmerge or identifier move will do, decided under the locks of every profile it
 * changes and written with its marker on each of them (ADR 21). Whoever finishes the operation does
 * so from the plan alone, never from fresh reads, and writes with the plan's time as write
 * timestamp: a finisher that was itself paused can only repeat what was already written, and what
 * happened after the operation is newer than anything it writes.
 */
sealed interface ClusterPlan {
    /** The merge's id (merges and unmerges) or the move's. */
    UUID operation();

    /** Every profile the operation locked and marks, in id order; the last one's marker commits it. */
    List<ProfileId> roots();

    /** When the operation was decided, to the millisecond, as a plan stored in Cassandra keeps it. */
    Instant at();

    /** The write timestamp of everything that finishes the operation. */
    default long writeTime() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, at());
    }

    static Instant now(java.time.Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A node that changes profile: from the root it was under to the root it goes under. */
    record Regroup(ProfileId from, ProfileId to) {
    }

    /** A link of the ledger as the operation writes it: its nodes, its id and its evidence. */
    record PlannedLink(ProfileId node, ProfileId otherNode, UUID linkId, String evidence) {
    }

    /** A merge: the links it makes, and the members of each absorbed profile that go under the survivor. */
    record Merge(UUID operation, List<ProfileId> roots, Instant at, ProfileId survivor, List<ProfileId> absorbed,
                 List<PlannedLink> links, Map<ProfileId, Regroup> regroup, String rule, String actor, String reason)
            implements ClusterPlan {
        public Merge {
            roots = List.copyOf(roots);
            absorbed = List.copyOf(absorbed);
            links = List.copyOf(links);
            regroup = new LinkedHashMap<>(regroup);
        }
    }

    /** An unmerge: the links it cuts, and the members that go under another root once they are cut. */
    record Unmerge(UUID operation, List<ProfileId> roots, Instant at, List<PlannedLink> links,
                   Map<ProfileId, Regroup> regroup, String actor, String reason) implements ClusterPlan {
        public Unmerge {
            roots = List.copyOf(roots);
            links = List.copyOf(links);
            regroup = new LinkedHashMap<>(regroup);
        }

        ProfileId root() {
            return roots.get(0);
        }
    }

    /**
     * A move of an identifier from a node to another: only of the claim as it was when planned (its
     * owner and its time), so that a late finisher finds a claim changed since and moves nothing.
     */
    record Move(UUID operation, List<ProfileId> roots, Instant at, Identifier identifier, ProfileId fromNode,
                ProfileId toNode, Instant claimedAt, String evidence) implements ClusterPlan {
        public Move {
            roots = List.copyOf(roots);
        }
    }
}
