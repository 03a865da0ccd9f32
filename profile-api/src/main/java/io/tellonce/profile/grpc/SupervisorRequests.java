package io.tellonce.profile.grpc;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks the requests of supervisors' operations, naming every offending field. */
final class SupervisorRequests {
    static final int MAX_PROFILES = 20;
    static final int MAX_ACTOR = 128;
    static final int MAX_REASON = 1024;

    private SupervisorRequests() {
    }

    record Merge(List<ProfileId> profiles, String actor, String reason) {
    }

    record Unmerge(UUID mergeId, String actor, String reason) {
    }

    static Merge merge(MergeProfilesRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        List<ProfileId> profiles = new ArrayList<>();
        if (request.getProfileIdsCount() < 2 || request.getProfileIdsCount() > MAX_PROFILES) {
            problems.add(new FieldViolation("profile_ids", "must name 2 to " + MAX_PROFILES + " profiles"));
        }
        for (int i = 0; i < request.getProfileIdsCount(); i++) {
            try {
                profiles.add(ProfileId.parse(request.getProfileIds(i)));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("profile_ids[" + i + "]", "must be a profile id (a UUID)"));
            }
        }
        accountable(request.getActor(), request.getReason(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Merge(profiles, request.getActor().strip(), request.getReason().strip());
    }

    static Unmerge unmerge(UnmergeProfileRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        UUID mergeId = null;
        try {
            mergeId = UUID.fromString(request.getMergeId());
        } catch (IllegalArgumentException e) {
            problems.add(new FieldViolation("merge_id", "must be a merge id as returned by Resolve, MergeProfiles"
                    + " or GetIdentityGraph"));
        }
        accountable(request.getActor(), request.getReason(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Unmerge(mergeId, request.getActor().strip(), request.getReason().strip());
    }

    private static void accountable(String actor, String reason, List<FieldViolation> problems) {
        if (actor.isBlank() || actor.length() > MAX_ACTOR) {
            problems.add(new FieldViolation("actor", "is required, at most " + MAX_ACTOR + " characters"));
        }
        if (reason.isBlank() || reason.length() > MAX_REASON) {
            problems.add(new FieldViolation("reason", "is required, at most " + MAX_REASON + " characters"));
        }
    }
}
