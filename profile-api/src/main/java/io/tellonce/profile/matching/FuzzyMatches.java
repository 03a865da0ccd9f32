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
 * profile index read back from Cassandra, scored through {@link MatchFinder} (the matching report's
 * path), and the tenant policy's decision on each. Changes nothing.
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
     * @param self the probe's own profile, when it has one: never its own match
     * @return at most {@code maxResults} candidates of at least {@code minProbability}, most probable first
     */
    public CompletionStage<Found> find(TenantId tenant, MatchRecord probe, Optional<ProfileId> self, int maxResults,
                                       double minProbability) {
        MatchPolicy policy = policies.apply(tenant);
        Optional<MatchPolicy> shadow = policies.shadow(tenant);
        return models.model(tenant).thenApplyAsync(model -> {
            ProfileCandidates.Lookup lookup = candidates.lookup(tenant, self);
            List<MatchCandidate> found = new MatchFinder(lookup, new Matcher(comparisons, model.model()),
                    CANDIDATE_LIMIT).find(probe, minProbability);
            List<Match> matches = found.stream().limit(maxResults)
                    .map(candidate -> new Match(lookup.view(candidate.record()), candidate.evidence(),
                            policy.decide(candidate.evidence().probability()),
                            shadow.map(rules -> rules.decide(candidate.evidence().probability()))))
                    .toList();
            return new Found(matches, policy, model.name());
        }, blocking);
    }

    /** One candidate: its profile as Cassandra holds it, the evidence, what the policy (and a shadow one) does with it. */
    public record Match(ProfileView profile, MatchEvidence evidence, MatchPolicy.Decision decision,
                        Optional<MatchPolicy.Decision> shadowDecision) {
    }

    public record Found(List<Match> matches, MatchPolicy policy, String model) {
        public Found {
            matches = List.copyOf(matches);
        }
    }
}
