package io.tellonce.identity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Finds the profile an observation belongs to, or creates it, by exact identifiers.
 *
 * <p>Correct under concurrency without locks: a new profile claims its identifiers one by one in
 * {@link Identifier#PRIORITY_ORDER}, so two resolvers racing for the same new identifiers contend on
 * the same first claim, and exactly one wins; the loser discards its unseen profile and resolves
 * again, now matching the winner.
 */
public final class IdentityResolver {
    private static final int ATTEMPTS = 3;

    private final IdentityGraph graph;
    private final Supplier<ProfileId> newProfileIds;

    public IdentityResolver(IdentityGraph graph, Supplier<ProfileId> newProfileIds) {
        this.graph = graph;
        this.newProfileIds = newProfileIds;
    }

    public CompletionStage<Resolution> resolve(TenantId tenant, Observation observation) {
        List<Identifier> ordered = observation.identifiers().stream()
                .distinct()
                .sorted(Identifier.PRIORITY_ORDER)
                .toList();
        return attempt(tenant, observation, ordered, ATTEMPTS);
    }

    private CompletionStage<Resolution> attempt(TenantId tenant, Observation observation,
                                                List<Identifier> ordered, int attemptsLeft) {
        if (attemptsLeft == 0) {
            return CompletableFuture.failedFuture(new ConcurrentResolutionException(
                    "identifiers kept changing owner during resolution; retry the request"));
        }
        return graph.claims(tenant, ordered).thenCompose(claims -> claims.isEmpty()
                ? create(tenant, observation, ordered, attemptsLeft)
                : match(tenant, observation, ordered, claims));
    }

    private CompletionStage<Resolution> create(TenantId tenant, Observation observation,
                                               List<Identifier> ordered, int attemptsLeft) {
        ProfileId candidate = newProfileIds.get();
        Identifier first = ordered.get(0);
        return graph.createProfile(tenant, candidate, observation)
                .thenCompose(created -> graph.claim(tenant, first, candidate, observation))
                .thenCompose(claim -> {
                    if (!claim.owner().equals(candidate)) {
                        return graph.discard(tenant, candidate)
                                .thenCompose(discarded -> attempt(tenant, observation, ordered, attemptsLeft - 1));
                    }
                    return claimRest(tenant, observation, ordered.subList(1, ordered.size()), candidate)
                            .thenApply(others -> new Resolution(candidate, ResolveOutcome.CREATED, ordered,
                                    "created a new profile: no identifier was known"
                                            + describeOthers(others, candidate)));
                });
    }

    private CompletionStage<Resolution> match(TenantId tenant, Observation observation,
                                              List<Identifier> ordered, Map<Identifier, Claim> claims) {
        Identifier strongest = ordered.stream().filter(claims::containsKey).findFirst().orElseThrow();
        ProfileId profile = claims.get(strongest).owner();
        List<Identifier> unowned = ordered.stream().filter(id -> !claims.containsKey(id)).toList();
        return claimRest(tenant, observation, unowned, profile)
                .thenCompose(claimed -> {
                    Map<Identifier, Claim> all = new HashMap<>(claims);
                    all.putAll(claimed);
                    Map<Identifier, Claim> own = all.entrySet().stream()
                            .filter(e -> e.getValue().owner().equals(profile))
                            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
                    return graph.attach(tenant, profile, observation, own)
                            .thenApply(attached -> new Resolution(profile, ResolveOutcome.MATCHED, ordered,
                                    "matched on " + strongest + describeOthers(all, profile)));
                });
    }

    /** Claims each identifier for the profile; returns every identifier's claim afterwards. */
    private CompletionStage<Map<Identifier, Claim>> claimRest(TenantId tenant, Observation observation,
                                                                 List<Identifier> identifiers, ProfileId profile) {
        List<CompletableFuture<Map.Entry<Identifier, Claim>>> claims = new ArrayList<>();
        for (Identifier identifier : identifiers) {
            claims.add(graph.claim(tenant, identifier, profile, observation)
                    .thenApply(claim -> Map.entry(identifier, claim))
                    .toCompletableFuture());
        }
        return CompletableFuture.allOf(claims.toArray(CompletableFuture[]::new))
                .thenApply(done -> claims.stream().map(CompletableFuture::join)
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Names the identifiers that stay with another profile: merging profiles is not done here. */
    private static String describeOthers(Map<Identifier, Claim> claims, ProfileId profile) {
        List<String> elsewhere = claims.entrySet().stream()
                .filter(e -> !e.getValue().owner().equals(profile))
                .sorted(Map.Entry.comparingByKey(Identifier.PRIORITY_ORDER))
                .map(e -> e.getKey() + " belongs to profile " + e.getValue().owner())
                .toList();
        return elsewhere.isEmpty() ? "" : "; not merged: " + String.join(", ", elsewhere);
    }
}
