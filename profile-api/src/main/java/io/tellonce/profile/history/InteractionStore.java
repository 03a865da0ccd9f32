package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/** Interactions, stored per identity node. */
public interface InteractionStore {

    /**
     * Records the interaction, its case's activity (when it names one) and a change for the readers
     * that follow, all or nothing. Safe to repeat: the same interaction id is stored once.
     */
    CompletionStage<Void> record(TenantId tenant, Interaction interaction, Optional<CustomerCase> itsCase);

    /**
     * Removes an interaction just recorded for a person who turned out to be being erased, and publishes
     * the change so that the search index drops it too (ADR 14).
     */
    CompletionStage<Void> withdraw(TenantId tenant, Interaction interaction);

    CompletionStage<Optional<Interaction>> find(TenantId tenant, UUID id);

    /**
     * One node's interactions in the window that pass the filter, newest first: at least {@code limit}
     * when there are that many, plus any that share the last one's instant (so that merging several
     * nodes' answers and cutting at a page boundary never depends on how ties were ordered).
     */
    CompletionStage<List<Interaction>> newestFirst(TenantId tenant, ProfileId node, HistoryWindow window,
                                                   Predicate<Interaction> filter, int limit);
}
