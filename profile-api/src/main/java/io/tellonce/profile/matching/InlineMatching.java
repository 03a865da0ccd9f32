package io.tellonce.profile.matching;

import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.MergeResult;
import io.tellonce.identity.Observation;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.Resolution;
import io.tellonce.identity.ResolveOutcome;
import io.tellonce.identity.ReviewItem;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileClusters;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fuzzy matching inside Resolve, for tenants whose policy turns it on: an observation that created a
 * new profile (no identifier was known) is matched against the tenant's profiles. The most probable
 * candidate at or above the review threshold opens a review item; at or above the auto-merge
 * threshold, when the tenant enabled auto-merge, the two are merged with the evidence in the merge
 * ledger (undoable like every merge). Matching never fails a Resolve: when it cannot run (the index
 * is down), the profile stays as created and the explanation says so. During a shadow run (ADR 19)
 * the explanation and the log also say what the shadow would have done, when that differs; the
 * shadow itself never writes.
 */
@Singleton
public final class InlineMatching {
    static final String RULE = "fuzzy match";
    static final String ACTOR = "tellonce fuzzy matching";
    /** Candidates looked at: the live choice is the first; the shadow's may be further down the live order. */
    static final int SHADOW_CANDIDATES = 20;
    private static final Logger LOG = LoggerFactory.getLogger(InlineMatching.class);

    private final FuzzyMatches matches;
    private final MatchPolicies policies;
    private final PersonRecords records;
    private final IdentityGraph graph;
    private final ProfileClusters clusters;

    public InlineMatching(FuzzyMatches matches, MatchPolicies policies, PersonRecords records, IdentityGraph graph,
                          ProfileClusters clusters) {
        this.matches = matches;
        this.policies = policies;
        this.records = records;
        this.graph = graph;
        this.clusters = clusters;
    }

    public CompletionStage<Resolution> after(TenantId tenant, Observation observation, Resolution resolution) {
        MatchPolicy policy = policies.apply(tenant);
        if (!policy.inline() || resolution.outcome() != ResolveOutcome.CREATED) {
            return CompletableFuture.completedFuture(resolution);
        }
        ProfileId created = resolution.profileId();
        double floor = Math.min(policy.reviewThreshold(),
                policies.shadow(tenant).map(MatchPolicy::reviewThreshold).orElse(1.0));
        return matches.find(tenant, records.record(created.toString(), observation.attributes(),
                        resolution.identifiers()), Optional.of(created), SHADOW_CANDIDATES, floor, true)
                .thenCompose(found -> {
                    // Most probable first by the live model: the first at or above the review threshold is the live choice.
                    Optional<FuzzyMatches.Match> best = found.matches().stream()
                            .filter(match -> match.decision() != MatchPolicy.Decision.NONE).findFirst();
                    String shadow = ShadowOutcome.of(found, best).map(note -> "; " + note).orElse("");
                    if (!shadow.isEmpty()) {
                        LOG.info("shadow matching for profile {} differs: {}", created, shadow.substring(2));
                    }
                    return best.isEmpty()
                            ? CompletableFuture.completedFuture(explained(resolution, "; no fuzzy match at or above"
                                    + " the review threshold " + policy.reviewThreshold() + shadow))
                            : act(tenant, observation, resolution, best.get())
                                    .thenApply(acted -> explained(acted, shadow));
                })
                .exceptionally(failure -> {
                    LOG.warn("inline fuzzy matching skipped for profile {}: {}", created, failure.toString());
                    return explained(resolution, "; fuzzy matching could not run (" + failure.getMessage() + ")");
                });
    }

    private CompletionStage<Resolution> act(TenantId tenant, Observation observation, Resolution resolution,
                                            FuzzyMatches.Match best) {
        ProfileId candidate = best.profile().profileId();
        String evidence = "fuzzy match of " + resolution.profileId() + " with " + candidate + ": "
                + EvidenceText.of(best.evidence());
        if (best.decision() == MatchPolicy.Decision.AUTO_MERGE) {
            String reason = String.format(Locale.ROOT, "probability %.6f at or above the auto-merge threshold %s",
                    best.evidence().probability(), policies.apply(tenant).autoMergeThreshold());
            return clusters.merge(tenant, List.of(candidate, resolution.profileId()), RULE, evidence, ACTOR, reason)
                    .thenApply(merged -> merged(resolution, merged, evidence))
                    .exceptionallyCompose(refused -> review(tenant, observation, resolution, candidate, evidence,
                            "auto-merge refused (" + refused.getMessage() + "): "));
        }
        return review(tenant, observation, resolution, candidate, evidence, "");
    }

    private CompletionStage<Resolution> review(TenantId tenant, Observation observation, Resolution resolution,
                                               ProfileId candidate, String evidence, String why) {
        String reason = why + "probably the same person (fuzzy match at or above the review threshold)";
        return graph.openReview(tenant, new ReviewItem(List.of(candidate, resolution.profileId()), reason, evidence,
                        observation.sourceSystem(), observation.observedAt()))
                .thenApply(item -> new Resolution(resolution.profileId(), resolution.outcome(),
                        resolution.identifiers(), resolution.explanation() + "; " + reason + " with profile "
                        + candidate + ", review item " + item + " opened: " + evidence,
                        resolution.mergedProfileIds(), resolution.mergeId(), Optional.of(item)));
    }

    private static Resolution merged(Resolution resolution, MergeResult merged, String evidence) {
        return new Resolution(merged.profile(), ResolveOutcome.MERGED, resolution.identifiers(),
                resolution.explanation() + "; then merged automatically, merge " + merged.mergeId() + ": " + evidence,
                merged.absorbed(), Optional.of(merged.mergeId()), Optional.empty());
    }

    private static Resolution explained(Resolution resolution, String more) {
        return new Resolution(resolution.profileId(), resolution.outcome(), resolution.identifiers(),
                resolution.explanation() + more, resolution.mergedProfileIds(), resolution.mergeId(),
                resolution.reviewItemId());
    }
}
