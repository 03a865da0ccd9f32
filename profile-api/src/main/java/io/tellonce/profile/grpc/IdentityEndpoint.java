package io.tellonce.profile.grpc;

import io.grpc.stub.StreamObserver;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.Observation;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.Resolution;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.AuditTrail;
import io.tellonce.profile.app.Caller;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.app.ProfileClusters;
import io.tellonce.profile.app.ReviewItemView;
import io.tellonce.profile.app.ReviewItems;
import io.tellonce.profile.app.ScreenedResolutions;
import io.tellonce.profile.matching.InlineMatching;
import io.tellonce.proto.v1.DecideReviewItemRequest;
import io.tellonce.proto.v1.DecideReviewItemResponse;
import io.tellonce.proto.v1.GetIdentityGraphResponse;
import io.tellonce.proto.v1.GetIdentityGraphRequest;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.ListReviewItemsResponse;
import io.tellonce.proto.v1.ReviewDecision;
import io.tellonce.proto.v1.ReviewItem;
import io.tellonce.proto.v1.ReviewStatus;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MergeProfilesResponse;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.MoveIdentifierResponse;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import io.tellonce.proto.v1.UnmergeProfileResponse;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** tellonce.v1.IdentityService: maps the wire to the resolver and back. */
@Singleton
final class IdentityEndpoint extends IdentityServiceGrpc.IdentityServiceImplBase {
    private static final String RESOLVE = "Resolve";
    private static final String RESOLVE_RPC = IdentityServiceGrpc.getResolveMethod().getFullMethodName();
    private static final String MERGE_RPC = IdentityServiceGrpc.getMergeProfilesMethod().getFullMethodName();
    private static final String UNMERGE_RPC = IdentityServiceGrpc.getUnmergeProfileMethod().getFullMethodName();
    private static final String GRAPH_RPC = IdentityServiceGrpc.getGetIdentityGraphMethod().getFullMethodName();
    private static final String DECIDE_RPC = IdentityServiceGrpc.getDecideReviewItemMethod().getFullMethodName();
    private static final String MOVE_RPC = IdentityServiceGrpc.getMoveIdentifierMethod().getFullMethodName();

    private final CallerTenant tenants;
    private final ResolveRequestReader reader;
    private final IdentifierMessages identifiers;
    private final IdentityGraphMessages graphs;
    private final ScreenedResolutions resolutions;
    private final IdempotentCalls idempotentCalls;
    private final ProfileClusters clusters;
    private final ProfileLookups lookups;
    private final ReviewItems reviews;
    private final AuditTrail audit;
    private final Replies replies;
    private final InlineMatching inlineMatching;

    IdentityEndpoint(CallerTenant tenants, ResolveRequestReader reader, IdentifierMessages identifiers,
                     IdentityGraphMessages graphs, ScreenedResolutions resolutions, IdempotentCalls idempotentCalls, ProfileClusters clusters,
                     ProfileLookups lookups, ReviewItems reviews, AuditTrail audit, Replies replies,
                     InlineMatching inlineMatching) {
        this.inlineMatching = inlineMatching;
        this.tenants = tenants;
        this.reader = reader;
        this.identifiers = identifiers;
        this.graphs = graphs;
        this.resolutions = resolutions;
        this.idempotentCalls = idempotentCalls;
        this.clusters = clusters;
        this.lookups = lookups;
        this.reviews = reviews;
        this.audit = audit;
        this.replies = replies;
    }

    @Override
    public void moveIdentifier(MoveIdentifierRequest request, StreamObserver<MoveIdentifierResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            List<FieldViolation> problems = new ArrayList<>();
            Optional<Identifier> identifier = identifiers.read(request.getIdentifier(), "identifier", problems);
            SupervisorRequests.Move move = SupervisorRequests.move(request, problems);
            if (!problems.isEmpty()) {
                throw new InvalidRequest(problems);
            }
            return clusters.moveIdentifier(tenant, identifier.orElseThrow(), move.target(), move.actor(), move.reason())
                    .thenCompose(profiles -> audit.changed(profiles, caller, MOVE_RPC, profiles,
                            "moved " + identifier.orElseThrow() + " by " + move.actor() + ": " + move.reason()))
                    .thenApply(profiles -> MoveIdentifierResponse.newBuilder()
                            .setFromProfileId(profiles.get(0).toString())
                            .setToProfileId(profiles.get(1).toString())
                            .build());
        });
    }

    @Override
    public void listReviewItems(ListReviewItemsRequest request, StreamObserver<ListReviewItemsResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            SupervisorRequests.Listing listing = SupervisorRequests.listing(request);
            return reviews.list(tenant, listing.open(), listing.pageSize(), listing.pageToken())
                    .thenApply(page -> ListReviewItemsResponse.newBuilder()
                            .addAllReviewItems(page.items().stream().map(IdentityEndpoint::reviewItem).toList())
                            .setNextPageToken(page.nextPageToken().orElse(""))
                            .build());
        });
    }

    @Override
    public void decideReviewItem(DecideReviewItemRequest request, StreamObserver<DecideReviewItemResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            SupervisorRequests.Decision decision = SupervisorRequests.decision(request);
            return reviews.decide(tenant, decision.item(), decision.verdict(), decision.actor(), decision.reason())
                    .thenCompose(item -> audit.changed(item, caller, DECIDE_RPC, item.profiles(),
                            "review item " + item.id() + " decided " + decision.verdict() + " by " + decision.actor()
                                    + ": " + decision.reason()))
                    .thenApply(item -> DecideReviewItemResponse.newBuilder().setReviewItem(reviewItem(item)).build());
        });
    }

    private static ReviewItem reviewItem(ReviewItemView view) {
        ReviewItem.Builder item = ReviewItem.newBuilder()
                .setReviewItemId(view.id().toString())
                .setStatus(view.decision().isPresent() ? ReviewStatus.REVIEW_STATUS_DECIDED : ReviewStatus.REVIEW_STATUS_OPEN)
                .addAllProfileIds(view.profiles().stream().map(ProfileId::toString).toList())
                .setReason(view.reason())
                .setEvidence(view.evidence())
                .setSourceSystem(view.sourceSystem())
                .setObserveTime(WireTime.of(view.observedAt()));
        view.decision().ifPresent(decision -> {
            item.setDecision(decision.verdict() == ReviewItemView.Verdict.MERGE
                            ? ReviewDecision.REVIEW_DECISION_MERGE : ReviewDecision.REVIEW_DECISION_KEEP_APART)
                    .setDecidedBy(decision.decidedBy())
                    .setDecisionReason(decision.reason())
                    .setDecideTime(WireTime.of(decision.decidedAt()));
            decision.mergeId().ifPresent(id -> item.setMergeId(id.toString()));
        });
        return item.build();
    }

    @Override
    public void mergeProfiles(MergeProfilesRequest request, StreamObserver<MergeProfilesResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            SupervisorRequests.Merge merge = SupervisorRequests.merge(request);
            return clusters.merge(tenant, merge.profiles(), merge.actor(), merge.reason())
                    .thenCompose(result -> audit.changed(result, caller, MERGE_RPC,
                            concat(result.profile(), result.absorbed()), "merge " + result.mergeId() + " by "
                                    + merge.actor() + ": " + merge.reason()))
                    .thenApply(result -> MergeProfilesResponse.newBuilder()
                            .setProfileId(result.profile().toString())
                            .addAllMergedProfileIds(result.absorbed().stream().map(ProfileId::toString).toList())
                            .setMergeId(result.mergeId().toString())
                            .build());
        });
    }

    @Override
    public void unmergeProfile(UnmergeProfileRequest request, StreamObserver<UnmergeProfileResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            SupervisorRequests.Unmerge unmerge = SupervisorRequests.unmerge(request);
            return clusters.unmerge(tenant, unmerge.mergeId(), unmerge.actor(), unmerge.reason())
                    .thenCompose(profiles -> audit.changed(profiles, caller, UNMERGE_RPC, profiles,
                            "undid merge " + unmerge.mergeId() + " by " + unmerge.actor() + ": " + unmerge.reason()))
                    .thenApply(profiles -> UnmergeProfileResponse.newBuilder()
                            .addAllProfileIds(profiles.stream().map(ProfileId::toString).toList())
                            .build());
        });
    }

    @Override
    public void getIdentityGraph(GetIdentityGraphRequest request, StreamObserver<GetIdentityGraphResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            return lookups.find(tenant, request.getLookup())
                    .thenCompose(node -> audit.read(caller, GRAPH_RPC, node, Optional.empty(), "identity graph",
                            () -> clusters.graph(tenant, node)))
                    .thenApply(graphs::write);
        });
    }

    @Override
    public void resolve(ResolveRequest request, StreamObserver<ResolveResponse> responses) {
        replies.reply(responses, () -> {
            Caller caller = tenants.caller();
            TenantId tenant = caller.tenant();
            Observation observation = reader.read(request);
            return idempotentCalls.once(tenant, RESOLVE, request.getIdempotencyKey(),
                    request.toBuilder().clearIdempotencyKey().build(), ResolveResponse.parser(),
                    () -> resolve(caller, observation));
        });
    }

    private CompletionStage<ResolveResponse> resolve(Caller caller, Observation observation) {
        return resolutions.resolve(caller.tenant(), observation)
                .thenCompose(screened -> inlineMatching.after(caller.tenant(), observation, screened.resolution())
                        .thenApply(matched -> new ScreenedResolutions.Screened(matched, screened.afterErasure())))
                .thenCompose(screened -> audit.changed(screened, caller, RESOLVE_RPC,
                        concat(screened.resolution().profileId(), screened.resolution().mergedProfileIds()),
                        screened.resolution().outcome().name().toLowerCase() + " from " + observation.sourceSystem()
                                + ": " + screened.resolution().explanation()
                                + (screened.afterErasure() ? "; identifiers of an erased person" : "")))
                .thenApply(screened -> response(screened.resolution()).toBuilder()
                        .setAfterErasure(screened.afterErasure()).build());
    }

    private static List<ProfileId> concat(ProfileId first, List<ProfileId> more) {
        List<ProfileId> all = new ArrayList<>();
        all.add(first);
        all.addAll(more);
        return all;
    }

    private ResolveResponse response(Resolution resolution) {
        ResolveResponse.Builder response = ResolveResponse.newBuilder()
                .setProfileId(resolution.profileId().toString())
                .setOutcome(switch (resolution.outcome()) {
                    case CREATED -> ResolveOutcome.RESOLVE_OUTCOME_CREATED;
                    case MATCHED -> ResolveOutcome.RESOLVE_OUTCOME_MATCHED;
                    case MERGED -> ResolveOutcome.RESOLVE_OUTCOME_MERGED;
                    case CONFLICT -> ResolveOutcome.RESOLVE_OUTCOME_CONFLICT;
                })
                .setExplanation(resolution.explanation())
                .addAllMergedProfileIds(resolution.mergedProfileIds().stream().map(ProfileId::toString).toList());
        resolution.mergeId().ifPresent(id -> response.setMergeId(id.toString()));
        resolution.reviewItemId().ifPresent(id -> response.setReviewItemId(id.toString()));
        resolution.identifiers().forEach(id -> response.addIdentifiers(identifiers.write(id)));
        return response.build();
    }
}
