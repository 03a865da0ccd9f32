package io.tellonce.profile.app;

import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.PrivacyPolicies;
import jakarta.inject.Singleton;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;

/**
 * Screens the identifiers a channel sends against the suppression records of erased people (ADR 14).
 * Only identifiers that nobody owns now count: an identifier that a live profile has claimed since
 * belongs to that profile. The common case (no suppression record) costs one read per identifier.
 */
@Singleton
public final class Suppressions {
    private final ErasureLedger ledger;
    private final PrivacyPolicies policies;
    private final IdentityGraph graph;

    public Suppressions(ErasureLedger ledger, PrivacyPolicies policies, IdentityGraph graph) {
        this.ledger = ledger;
        this.policies = policies;
        this.graph = graph;
    }

    /** @param erasures the erasures whose identifiers reappear; empty when none does */
    public record Screening(Set<UUID> erasures) {
        public Screening {
            erasures = Set.copyOf(erasures);
        }

        public boolean afterErasure() {
            return !erasures.isEmpty();
        }
    }

    /** @throws PreconditionFailed (in the stage) when the tenant refuses identifiers of erased people */
    public CompletionStage<Screening> screen(TenantId tenant, List<Identifier> identifiers) {
        PrivacyPolicies.Policy policy = policies.of(tenant);
        if (policy.hashes().isEmpty() || identifiers.isEmpty()) {
            return CompletableFuture.completedFuture(new Screening(Set.of()));
        }
        Map<String, Identifier> byHash = new LinkedHashMap<>();
        identifiers.forEach(id -> byHash.put(policy.hashes().get().of(id), id));
        return ledger.suppressed(tenant, byHash.keySet()).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.completedFuture(new Screening(Set.of()));
            }
            List<Identifier> suppressed = found.keySet().stream().map(byHash::get).toList();
            return graph.claims(tenant, suppressed).thenApply(claims -> {
                Map<String, ErasureLedger.Suppression> unowned = found.entrySet().stream()
                        .filter(entry -> !claims.containsKey(byHash.get(entry.getKey())))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                if (unowned.isEmpty()) {
                    return new Screening(Set.of());
                }
                if (policy.reappearance() == Reappearance.REFUSE) {
                    ErasureLedger.Suppression first = unowned.values().iterator().next();
                    throw new PreconditionFailed("identifiers: " + unowned.size() + " of them belonged to a person"
                            + " erased on " + first.erasedAt().atZone(ZoneOffset.UTC).toLocalDate()
                            + " (erasure " + first.erasureId() + "), and this tenant refuses identifiers of"
                            + " erased people (tellonce.privacy.reappearance=refuse); nothing was written");
                }
                return new Screening(unowned.values().stream().map(ErasureLedger.Suppression::erasureId)
                        .collect(Collectors.toSet()));
            });
        });
    }

    /** Flags the profile that received identifiers of erased people; nothing when the screening was clear. */
    public CompletionStage<Void> flag(TenantId tenant, ProfileId profile, Screening screening) {
        if (!screening.afterErasure()) {
            return CompletableFuture.completedFuture(null);
        }
        return ledger.flagReappearance(tenant, profile, screening.erasures());
    }
}
