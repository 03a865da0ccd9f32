package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** The identity nodes a profile consists of now: where its consent and audit are kept. */
public interface ProfileMembers {

    /** @return empty when no node has this id; unfinished merges and unmerges are finished first */
    CompletionStage<Optional<Members>> of(TenantId tenant, ProfileId anyId);

    /** @param profile the profile's current id (its root node) */
    record Members(ProfileId profile, List<ProfileId> nodes) {
        public Members {
            nodes = List.copyOf(nodes);
        }
    }
}
