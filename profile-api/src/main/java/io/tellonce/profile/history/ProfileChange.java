package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One row of the change feed as a follower sees it.
 *
 * @param profiles the profiles and nodes whose view changed
 * @param detail   INTERACTION_RECORDED: the interaction id; CASE_CHANGED: the case id; otherwise words
 */
public record ProfileChange(UUID id, Kind kind, Set<ProfileId> profiles, String detail, Instant at) {
    public enum Kind { INTERACTION_RECORDED, CASE_CHANGED, PROFILES_MERGED, PROFILE_UNMERGED, IDENTIFIER_MOVED,
        /** The person was erased: the nodes named are gone. */
        PROFILE_REMOVED, OTHER;

        /** Whether the change can alter which nodes make up a profile. */
        public boolean regroups() {
            return this == PROFILES_MERGED || this == PROFILE_UNMERGED || this == IDENTIFIER_MOVED;
        }
    }

    public ProfileChange {
        profiles = Set.copyOf(profiles);
    }
}
