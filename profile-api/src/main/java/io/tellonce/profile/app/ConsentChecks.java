package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.consent.ConsentDecision;
import io.tellonce.profile.consent.ConsentPolicy;
import io.tellonce.profile.consent.ConsentQuestion;
import io.tellonce.profile.consent.ConsentRecord;
import io.tellonce.profile.consent.ConsentRules;
import io.tellonce.profile.config.ConsentPolicies;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Answers consent questions. A batch reads each person once however many questions name them: the
 * distinct lookups are resolved in parallel, then each distinct profile's nodes' current answers are
 * read in parallel (one partition per node), then every question is decided in memory.
 */
@Singleton
public final class ConsentChecks {
    private final PersonLookups lookups;
    private final ProfileMembers members;
    private final ConsentLedger ledger;
    private final ConsentRules rules;
    private final ConsentPolicies policies;
    private final Clock clock;

    public ConsentChecks(PersonLookups lookups, ProfileMembers members, ConsentLedger ledger, ConsentRules rules,
                         ConsentPolicies policies, Clock clock) {
        this.lookups = lookups;
        this.members = members;
        this.ledger = ledger;
        this.rules = rules;
        this.policies = policies;
        this.clock = clock;
    }

    public record Check(PersonLookup lookup, ConsentQuestion question) {
    }

    /** @param node the node the lookup found, when it found one */
    public record Result(Optional<ProfileId> node, Optional<ProfileId> profile, ConsentDecision decision) {
    }

    /** Decides for a profile known to exist, e.g. for a purpose-aware read. */
    public CompletionStage<ConsentDecision> decide(TenantId tenant, ProfileId node, ConsentQuestion question) {
        return check(tenant, List.of(new Check(PersonLookup.of(node), question)))
                .thenApply(results -> results.get(0).decision());
    }

    public CompletionStage<List<Result>> check(TenantId tenant, List<Check> checks) {
        ConsentPolicy policy = policies.apply(tenant);
        Map<PersonLookup, CompletableFuture<Found>> people = new LinkedHashMap<>();
        checks.forEach(check -> people.computeIfAbsent(check.lookup(), lookup -> find(tenant, lookup)));
        return CompletableFuture.allOf(people.values().toArray(CompletableFuture[]::new)).thenCompose(found -> {
            Map<ProfileId, CompletableFuture<List<ConsentRecord>>> records = new LinkedHashMap<>();
            people.values().forEach(person -> person.join().members().ifPresent(m ->
                    records.computeIfAbsent(m.profile(), profile -> ledger.current(tenant, m.nodes()).toCompletableFuture())));
            return CompletableFuture.allOf(records.values().toArray(CompletableFuture[]::new)).thenApply(read -> {
                List<Result> results = new ArrayList<>(checks.size());
                for (Check check : checks) {
                    Found person = people.get(check.lookup()).join();
                    boolean byDefault = policy.allowsByDefault(check.question().purpose());
                    results.add(person.members().map(m -> new Result(person.node(), Optional.of(m.profile()),
                                    rules.decide(records.get(m.profile()).join(), check.question(), byDefault, clock.instant())))
                            .orElseGet(() -> new Result(person.node(), Optional.empty(),
                                    rules.noProfile(check.question(), byDefault, check.lookup().toString()))));
                }
                return results;
            });
        });
    }

    private record Found(Optional<ProfileId> node, Optional<ProfileMembers.Members> members) {
    }

    private CompletableFuture<Found> find(TenantId tenant, PersonLookup lookup) {
        return lookups.node(tenant, lookup)
                .thenCompose(node -> members.of(tenant, node).thenApply(m -> new Found(Optional.of(node), m)))
                .exceptionally(failure -> {
                    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                            ? failure.getCause() : failure;
                    if (cause instanceof ProfileNotFound) {
                        return new Found(Optional.empty(), Optional.empty());
                    }
                    throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
                })
                .toCompletableFuture();
    }
}
