package io.tellonce.identity;

import java.util.List;
import java.util.UUID;

/** What a merge did: the surviving profile (the oldest), the profiles it absorbed, and the merge's id. */
public record MergeResult(ProfileId profile, List<ProfileId> absorbed, UUID mergeId) {
    public MergeResult {
        absorbed = List.copyOf(absorbed);
    }
}
