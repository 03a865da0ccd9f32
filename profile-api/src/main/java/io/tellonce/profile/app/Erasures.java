package io.tellonce.profile.app;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.PrivacyPolicies;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * Erases a person (ADR 14): counts what their nodes hold, marks every node as being erased and
 * records the salted hashes of their identifiers, deletes, then marks the erasure finished and
 * publishes the removal for the search index in one batch. A crash anywhere leaves a mark that the
 * next attempt finds (by any former profile id, or by any identifier through its hash) and finishes;
 * an erasure that is finished answers with its receipt.
 */
@Singleton
public final class Erasures {
    private final PersonLookups lookups;
    private final ProfileMembers members;
    private final ErasureLedger ledger;
    private final PersonalData data;
    private final PrivacyPolicies policies;
    private final Clock clock;

    public Erasures(PersonLookups lookups, ProfileMembers members, ErasureLedger ledger, PersonalData data,
                    PrivacyPolicies policies, Clock clock) {
        this.lookups = lookups;
        this.members = members;
        this.ledger = ledger;
        this.data = data;
        this.policies = policies;
        this.clock = clock;
    }

    /** @throws ProfileNotFound (in the stage) when the lookup names nobody, erased or not */
    public CompletionStage<ErasureReceipt> erase(TenantId tenant, PersonLookup lookup, String actor, String reason) {
        PrivacyPolicies.Policy policy = policies.of(tenant);
        if (policy.hashes().isEmpty()) {
            throw new PreconditionFailed("erasure needs a suppression salt for this tenant, and none is configured"
                    + " (tellonce.privacy.suppression-secret or tellonce.privacy.tenants.<tenant>.suppression-salt)");
        }
        return lookups.node(tenant, lookup)
                .thenCompose(node -> members.of(tenant, node).thenCompose(found -> found.isPresent()
                        ? live(tenant, found.get(), actor, reason)
                        : erased(tenant, ledger.ofNode(tenant, node), lookup)))
                .exceptionallyCompose(failure -> unwrap(failure) instanceof ProfileNotFound && lookup.identifier().isPresent()
                        ? erased(tenant, ledger.suppressed(tenant, List.of(policy.hashes().get()
                                        .of(lookup.identifier().get())))
                                .thenCompose(hits -> hits.isEmpty() ? CompletableFuture.completedFuture(Optional.empty())
                                        : ledger.ofNode(tenant, hits.values().iterator().next().profile())), lookup)
                        : CompletableFuture.failedFuture(failure));
    }

    /**
     * The check every write about a person makes after it is written (RecordInteraction, SetConsent,
     * OpenCase): an erasure that began before the write may already have surveyed the person, and would
     * leave the write behind, or delete it after it was acknowledged. So when the node is part of an
     * erasure, {@code withdraw} removes what the write wrote outside the node's own partitions, the
     * erasure's removal runs again over the person's nodes (it surveys anew, so it takes the rest with
     * it), and the write is refused: FAILED_PRECONDITION while the erasure had not finished, NOT_FOUND after.
     * The write comes first and the check after, and an erasure marks before it surveys: so either the
     * check sees the mark, or the survey sees the write.
     */
    public CompletionStage<Void> refuseIfErased(TenantId tenant, ProfileId node,
                                                Supplier<CompletionStage<Void>> withdraw) {
        return ledger.ofNode(tenant, node).thenCompose(found -> {
            if (found.isEmpty()) {
                return CompletableFuture.<Void>completedFuture(null);
            }
            ErasureReceipt receipt = found.get();
            RuntimeException refusal = receipt.complete() ? new ProfileNotFound(node.toString())
                    : new PreconditionFailed("the person is being erased (erasure " + receipt.erasureId()
                    + "); nothing was recorded");
            // Removal only: the erasure's receipt is its own to complete (an unfinished one is finished by
            // repeating ErasePerson), and keeps what it first answered.
            return withdraw.get()
                    .thenCompose(withdrawn -> data.remove(tenant, receipt.nodes()))
                    .thenCompose(removed -> CompletableFuture.<Void>failedFuture(refusal));
        });
    }

    /**
     * Finishes every erasure that was begun at least {@code grace} ago and not completed: one a crash
     * interrupted and nobody repeated. An erasure still running is younger than the grace; finishing
     * one twice is safe (every step is idempotent), only wasteful.
     *
     * @return how many it finished
     */
    public int sweep(java.time.Duration grace) {
        Instant before = clock.instant().minus(grace);
        int finished = 0;
        for (ErasureLedger.Unfinished unfinished : ledger.unfinished()) {
            if (unfinished.requestedAt().isAfter(before)) {
                continue;
            }
            Optional<ErasureReceipt> receipt = ledger.ofNode(unfinished.tenant(), unfinished.node()).toCompletableFuture().join();
            if (receipt.isPresent() && !receipt.get().complete() && policies.of(unfinished.tenant()).hashes().isPresent()) {
                finish(unfinished.tenant(), receipt.get()).toCompletableFuture().join();
                finished++;
            }
        }
        return finished;
    }

    /** A person who is there: a new erasure, or one a crash interrupted that has found more nodes since. */
    private CompletionStage<ErasureReceipt> live(TenantId tenant, ProfileMembers.Members person, String actor,
                                                 String reason) {
        List<CompletableFuture<Optional<ErasureReceipt>>> marks = person.nodes().stream()
                .map(node -> ledger.ofNode(tenant, node).toCompletableFuture()).toList();
        return CompletableFuture.allOf(marks.toArray(CompletableFuture[]::new)).thenCompose(read -> {
            Optional<ErasureReceipt> begun = marks.stream().map(CompletableFuture::join).flatMap(Optional::stream)
                    .filter(receipt -> !receipt.complete()).findFirst();
            return begun.isPresent() ? finish(tenant, begun.get().withNodes(person.nodes()))
                    : start(tenant, person, actor, reason);
        });
    }

    private CompletionStage<ErasureReceipt> erased(TenantId tenant, CompletionStage<Optional<ErasureReceipt>> found,
                                                   PersonLookup lookup) {
        return found.thenCompose(receipt -> {
            if (receipt.isEmpty()) {
                return CompletableFuture.failedFuture(new ProfileNotFound(lookup.toString()));
            }
            return receipt.get().complete() ? CompletableFuture.completedFuture(receipt.get())
                    : finish(tenant, receipt.get());
        });
    }

    private CompletionStage<ErasureReceipt> start(TenantId tenant, ProfileMembers.Members person, String actor,
                                                  String reason) {
        IdentifierHashes hashes = policies.of(tenant).hashes().orElseThrow();
        return data.holdings(tenant, person.nodes()).thenCompose(holdings -> {
            List<String> suppressed = holdings.identifiers().stream().map(hashes::of).distinct().toList();
            // The profile's own node first: removal deletes it last, so it leads to the rest until the end.
            List<ProfileId> nodes = java.util.stream.Stream.concat(java.util.stream.Stream.of(person.profile()),
                    person.nodes().stream()).distinct().toList();
            ErasureReceipt receipt = new ErasureReceipt(UUID.randomUUID(), person.profile(), nodes,
                    holdings.counts(), suppressed.size(), actor, reason, now(), Optional.empty());
            return ledger.begin(tenant, receipt, suppressed).thenCompose(marked -> removeAll(tenant, receipt));
        });
    }

    /** Finishes an erasure a crash interrupted: marks again (it may have found more), then deletes what is left. */
    private CompletionStage<ErasureReceipt> finish(TenantId tenant, ErasureReceipt receipt) {
        IdentifierHashes hashes = policies.of(tenant).hashes().orElseThrow();
        return data.holdings(tenant, receipt.nodes())
                .thenCompose(left -> ledger.begin(tenant, receipt, left.identifiers().stream().map(hashes::of)
                        .distinct().toList()))
                .thenCompose(marked -> removeAll(tenant, receipt));
    }

    private CompletionStage<ErasureReceipt> removeAll(TenantId tenant, ErasureReceipt receipt) {
        return data.remove(tenant, receipt.nodes())
                .thenCompose(removed -> {
                    ErasureReceipt done = receipt.countingAtLeast(removed).completedAt(now());
                    return ledger.complete(tenant, done).thenApply(completed -> done);
                });
    }

    /** Cassandra keeps milliseconds: a receipt read back must equal the one first returned. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

}
