package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.consent.ConsentChannel;
import io.tellonce.profile.consent.ConsentDecision;
import io.tellonce.profile.consent.ConsentQuestion;
import io.tellonce.profile.consent.Purpose;
import io.tellonce.profile.config.ConsentPolicies;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Reads a profile for a declared purpose: when the tenant's policy says the purpose needs consent,
 * the consent decision (channel ANY, scoped to the looked-up identifier) is read in parallel with
 * the profile and {@link ConsentedAttributes} withholds what the person has not agreed to show.
 */
@Singleton
public final class PurposeReads {
    private final ProfileQueries profiles;
    private final ConsentChecks checks;
    private final ConsentedAttributes consented;
    private final ConsentPolicies policies;

    public PurposeReads(ProfileQueries profiles, ConsentChecks checks, ConsentedAttributes consented,
                        ConsentPolicies policies) {
        this.profiles = profiles;
        this.checks = checks;
        this.consented = consented;
        this.policies = policies;
    }

    /**
     * @param node     the node the lookup found
     * @param supplied the identifier the caller looked the person up by, if any
     * @param purpose  the declared purpose; empty reads in full (no purpose declared)
     */
    public CompletionStage<ConsentedAttributes.ConsentedProfile> profile(TenantId tenant, ProfileId node,
                                                                          Optional<Identifier> supplied,
                                                                          Optional<Purpose> purpose) {
        return profiles.byId(tenant, node).thenCombine(decision(tenant, node, supplied, purpose),
                (view, decision) -> withhold(view, decision, supplied));
    }

    /** The consent decision the read must follow; empty when the purpose needs none. */
    public CompletionStage<Optional<ConsentDecision>> decision(TenantId tenant, ProfileId node,
                                                               Optional<Identifier> supplied, Optional<Purpose> purpose) {
        if (purpose.isEmpty() || !policies.apply(tenant).readNeedsConsent(purpose.get())) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        ConsentQuestion question = new ConsentQuestion(purpose.get(), ConsentChannel.ANY, supplied);
        return checks.decide(tenant, node, question).thenApply(Optional::of);
    }

    /**
     * What of a profile already read may be shown under the decision (the customer context reads the
     * profile together with everything else, and the decision beside it).
     */
    public ConsentedAttributes.ConsentedProfile withhold(ProfileView view, Optional<ConsentDecision> decision,
                                                         Optional<Identifier> supplied) {
        return decision.map(d -> consented.apply(view, d, supplied))
                .orElseGet(() -> new ConsentedAttributes.ConsentedProfile(view, List.of(), Optional.empty()));
    }
}
