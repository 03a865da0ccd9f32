package io.tellonce.profile.matching;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.matching.Comparisons;
import io.tellonce.matching.MatchCandidate;
import io.tellonce.matching.MatchEvidence;
import io.tellonce.matching.MatchFinder;
import io.tellonce.matching.MatchRecord;
import io.tellonce.matching.Matcher;
import io.tellonce.profile.app.ProfileView;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Fuzzy matching on the real stores: the tenant's model, candidates by blocking keys from the
 * profile index scored through {@link MatchFinder} (the matching report's path) on the fields the
 * index keeps, the ones worth answering read back from Cassandra and scored again on the truth, and
 * the tenant policy's decision on each. With a shadow (a shadow policy, a shadow model or
 * both, ADR 19) every candidate is also scored and decided the shadow's way, beside the live answer
 * and never instead of it. Changes nothing.
 */
@Singleton
public final class FuzzyMatches {
    /** As in the matching report: at most this many candidates are scored per probe. */
    public static final int CANDIDATE_LIMIT = 100;

    private final MatchModels models;
    private final ProfileCandidates candidates;
    private final MatchPolicies policies;
    private final Comparisons comparisons;
    private final ExecutorService blocking;

    public FuzzyMatches(MatchModels models, ProfileCandidates candidates, MatchPolicies policies,
                        Comparisons comparisons, @Named("search") ExecutorService blocking) {
        this.models = models;
        this.candidates = candidates;
        this.policies = policies;
        this.comparisons = comparisons;
        this.blocking = blocking;
    }

    /**
     * @param self           the probe's own profile, when it has one: never its own match
     * @param shadowCounts   whether a candidate the shadow puts at or above {@code minProbability} is
     *                       kept although the live model puts it below (what the shadow would do differently)
     * @return at most {@code maxResults} candidates of at least {@code minProbability}, most probable first
     */
    public CompletionStage<Found> find(TenantId tenant, MatchRecord probe, Optional<ProfileId> self, int maxResults,
                                       double minProbability, boolean shadowCounts) {
        MatchPolicy policy = policies.apply(tenant);
        Optional<MatchPolicy> shadowPolicy = policies.shadow(tenant);
        return models.models(tenant).thenApplyAsync(tenantModels -> {
            ProfileCandidates.Lookup lookup = candidates.lookup(tenant, self);
            Matcher live = new Matcher(comparisons, tenantModels.live().model());
            Optional<Matcher> shadowModel = tenantModels.shadow().map(model -> new Matcher(comparisons, model.model()));
            boolean shadowed = shadowModel.isPresent() || shadowPolicy.isPresent();
            MatchPolicy shadowRules = shadowPolicy.orElse(policy);
            // Every candidate is scored (there are at most CANDIDATE_LIMIT), most probable first by the
            // live model: the shadow never reorders the live answer. The floor is applied in kept(),
            // where the shadow's probability can keep a candidate too. Scored first on the index's
            // fields, then the kept ones again on what Cassandra holds now.
            Floor floor = new Floor(probe, minProbability, shadowCounts ? shadowModel : Optional.empty(), maxResults);
            List<MatchCandidate> likely = floor.kept(new MatchFinder(lookup, live, CANDIDATE_LIMIT).find(probe, 0.0));
            List<MatchRecord> truth = lookup.readBack(likely.stream().map(MatchCandidate::record).toList());
            List<Match> matches = floor.kept(new MatchFinder((p, limit) -> truth, live, CANDIDATE_LIMIT).find(probe, 0.0))
                    .stream()
                    .map(candidate -> {
                        Optional<MatchEvidence> shadowEvidence = !shadowed ? Optional.empty()
                                : Optional.of(shadowModel.map(matcher -> matcher.match(probe, candidate.record()))
                                        .orElse(candidate.evidence()));
                        return new Match(lookup.view(candidate.record()), candidate.evidence(),
                                policy.decide(candidate.evidence().probability()), shadowEvidence,
                                shadowEvidence.map(evidence -> shadowRules.decide(evidence.probability())));
                    })
                    .toList();
            return new Found(matches, policy, tenantModels.live().name(),
                    tenantModels.shadow().map(TenantModel::name));
        }, blocking);
    }

    /**
     * Which scored candidates are answered: those the live model, or a counting shadow model, puts at
     * or above the minimum probability, at most so many, in the live model's order.
     */
    private record Floor(MatchRecord probe, double minProbability, Optional<Matcher> countingShadow, int maxResults) {
        List<MatchCandidate> kept(List<MatchCandidate> scored) {
            return scored.stream()
                    .filter(candidate -> candidate.evidence().probability() >= minProbability
                            || countingShadow.map(shadow -> shadow.match(probe, candidate.record()).probability()
                                    >= minProbability).orElse(false))
                    .limit(maxResults)
                    .toList();
        }
    }

    /**
     * One candidate: its profile as Cassandra holds it, the evidence, what the policy does with it, and
     * with a shadow, the shadow model's evidence (the live evidence without a shadow model) and decision.
     */
    public record Match(ProfileView profile, MatchEvidence evidence, MatchPolicy.Decision decision,
                        Optional<MatchEvidence> shadowEvidence, Optional<MatchPolicy.Decision> shadowDecision) {

        /** Whether the shadow would do something else with this candidate than the live policy and model do. */
        public boolean shadowDiffers() {
            return shadowDecision.isPresent() && shadowDecision.get() != decision;
        }
    }

    /** @param shadowModel the shadow model's name, during a shadow run */
    public record Found(List<Match> matches, MatchPolicy policy, String model, Optional<String> shadowModel) {
        public Found {
            matches = List.copyOf(matches);
        }
    }
}
