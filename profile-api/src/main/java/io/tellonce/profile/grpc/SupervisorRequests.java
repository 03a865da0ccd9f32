package io.tellonce.profile.grpc;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.ReviewItemView;
import io.tellonce.proto.v1.DecideReviewItemRequest;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.ReviewStatus;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Checks the requests of supervisors' operations, naming every offending field. */
final class SupervisorRequests {

    private SupervisorRequests() {
    }

    record Merge(List<ProfileId> profiles, String actor, String reason) {
    }

    record Unmerge(UUID mergeId, String actor, String reason) {
    }

    static Merge merge(MergeProfilesRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        List<ProfileId> profiles = new ArrayList<>();
        if (request.getProfileIdsCount() < 2) {
            problems.add(new FieldViolation("profile_ids", "must name at least 2 profiles"));
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

    record Decision(UUID item, ReviewItemView.Verdict verdict, String actor, String reason) {
    }

    record Listing(boolean open, int pageSize, Optional<String> pageToken) {
    }

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 500;

    static Listing listing(ListReviewItemsRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        if (request.getPageSize() < 0 || request.getPageSize() > MAX_PAGE) {
            problems.add(new FieldViolation("page_size", "must be 1 to " + MAX_PAGE + ", or 0 for " + DEFAULT_PAGE));
        }
        if (request.getStatus() == ReviewStatus.UNRECOGNIZED) {
            problems.add(new FieldViolation("status", "must be a ReviewStatus value"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Listing(request.getStatus() != ReviewStatus.REVIEW_STATUS_DECIDED,
                request.getPageSize() == 0 ? DEFAULT_PAGE : request.getPageSize(),
                request.getPageToken().isEmpty() ? Optional.empty() : Optional.of(request.getPageToken()));
    }

    static Decision decision(DecideReviewItemRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        UUID item = null;
        try {
            item = UUID.fromString(request.getReviewItemId());
        } catch (IllegalArgumentException e) {
            // not a UUID: refused below
        }
        // Review item ids are time-based (version 1); the driver cannot even bind another UUID to them.
        if (item == null || item.version() != 1) {
            problems.add(new FieldViolation("review_item_id", "must be a review item id as listed by ListReviewItems"));
        }
        ReviewItemView.Verdict verdict = switch (request.getDecision()) {
            case REVIEW_DECISION_KEEP_APART -> ReviewItemView.Verdict.KEEP_APART;
            case REVIEW_DECISION_MERGE -> ReviewItemView.Verdict.MERGE;
            case REVIEW_DECISION_UNSPECIFIED, UNRECOGNIZED -> null;
        };
        if (verdict == null) {
            problems.add(new FieldViolation("decision", "must be REVIEW_DECISION_KEEP_APART or REVIEW_DECISION_MERGE"));
        }
        accountable(request.getActor(), request.getReason(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Decision(item, verdict, request.getActor().strip(), request.getReason().strip());
    }

    record Move(Optional<ProfileId> target, String actor, String reason) {
    }

    /** The identifier itself is read by the caller, which owns the normaliser. */
    static Move move(MoveIdentifierRequest request, List<FieldViolation> problems) {
        Optional<ProfileId> target = Optional.empty();
        if (!request.getToProfileId().isEmpty()) {
            try {
                target = Optional.of(ProfileId.parse(request.getToProfileId()));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("to_profile_id", "must be a profile id (a UUID), or empty for a new profile"));
            }
        }
        accountable(request.getActor(), request.getReason(), problems);
        return new Move(target, request.getActor().strip(), request.getReason().strip());
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

    static void accountable(String actor, String reason, List<FieldViolation> problems) {
        RequestFields.text(actor, "actor", true, problems);
        RequestFields.text(reason, "reason", true, problems);
    }
}
