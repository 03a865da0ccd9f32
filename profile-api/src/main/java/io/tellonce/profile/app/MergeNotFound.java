package io.tellonce.profile.app;

import java.util.UUID;

/** The merge to undo does not exist in the caller's tenant. */
public final class MergeNotFound extends RuntimeException {
    private final UUID mergeId;

    public MergeNotFound(UUID mergeId, String why) {
        super("merge " + mergeId + " " + why, null, false, false);
        this.mergeId = mergeId;
    }

    public UUID mergeId() {
        return mergeId;
    }
}
