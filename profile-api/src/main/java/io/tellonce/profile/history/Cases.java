package io.tellonce.profile.history;

import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Erasures;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.RecordNotFound;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Opening and changing cases; every change is kept in the case's history. */
@Singleton
public final class Cases {
    static final String CASE = "tellonce.v1.Case";
    static final String INTERACTION = "tellonce.v1.Interaction";

    private final CaseStore store;
    private final InteractionStore interactions;
    private final PersonHistory history;
    private final Clock clock;
    private final Erasures erasures;

    public Cases(CaseStore store, InteractionStore interactions, PersonHistory history, Clock clock, Erasures erasures) {
        this.erasures = erasures;
        this.store = store;
        this.interactions = interactions;
        this.history = history;
        this.clock = clock;
    }

    /** A case with the person it belongs to now. */
    public record Found(CustomerCase aCase, ProfileId profile) {
    }

    /** What a request changes: a new status and/or an interaction to add, by whom and why. */
    public record Change(Optional<CaseStatus> status, Optional<UUID> addInteraction, String actor, String note) {
    }

    /**
     * Opens a case on the node: the one a profile id names, or the owner of the looked-up identifier.
     *
     * @param idempotencyKey when present, the case id derives from it
     */
    public CompletionStage<Found> open(TenantId tenant, ProfileId node, String title, String topic, String actor,
                                       String note, Optional<String> idempotencyKey) {
        UUID id = idempotencyKey.map(key -> UUID.nameUUIDFromBytes(("case/" + tenant + "/" + key)
                .getBytes(StandardCharsets.UTF_8))).orElseGet(UUID::randomUUID);
        return history.person(tenant, node).thenCompose(person -> {
            Instant now = clock.instant();
            CaseEvent opened = new CaseEvent(Uuids.timeBased(), CaseEvent.Kind.OPENED, Optional.of(CaseStatus.OPEN),
                    Optional.empty(), actor, note, now);
            CustomerCase aCase = new CustomerCase(id, node, title, topic, CaseStatus.OPEN, actor, now, now, now,
                    Optional.empty(), List.of(opened));
            return store.open(tenant, aCase, opened)
                    .thenCompose(done -> erasures.refuseIfErased(tenant, node, () -> store.withdraw(tenant, aCase)))
                    .thenApply(done -> new Found(aCase, person.profile()));
        });
    }

    /** @throws RecordNotFound (case or interaction), PreconditionFailed (the case is closed) */
    public CompletionStage<Found> update(TenantId tenant, UUID caseId, Change change) {
        CompletionStage<Optional<Interaction>> added = change.addInteraction().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : interactions.find(tenant, change.addInteraction().get()).thenApply(found -> Optional.of(found.orElseThrow(
                        () -> new RecordNotFound(INTERACTION, change.addInteraction().get().toString()))));
        return existing(tenant, caseId).thenCombine(added, (current, interaction) -> {
            if (current.status() == CaseStatus.CLOSED) {
                throw new PreconditionFailed("case " + caseId + " is closed; open a new case instead");
            }
            Instant now = clock.instant();
            List<CaseEvent> events = new ArrayList<>();
            CaseStatus status = change.status().orElse(current.status());
            if (status != current.status()) {
                events.add(new CaseEvent(Uuids.timeBased(), CaseEvent.Kind.STATUS_CHANGED, Optional.of(status),
                        Optional.empty(), change.actor(), change.note(), now));
            }
            interaction.ifPresent(i -> events.add(new CaseEvent(Uuids.timeBased(), CaseEvent.Kind.INTERACTION_ADDED,
                    Optional.empty(), Optional.of(i.id()), change.actor(), change.note(), now)));
            return new Update(current.withStatus(status, now), events, interaction);
        }).thenCompose(update -> update.events().isEmpty() ? CompletableFuture.completedFuture(null)
                : store.update(tenant, update.changed(), update.events(), update.added()))
                .thenCompose(done -> get(tenant, caseId));
    }

    private record Update(CustomerCase changed, List<CaseEvent> events, Optional<Interaction> added) {
    }

    public CompletionStage<Found> get(TenantId tenant, UUID caseId) {
        return existing(tenant, caseId).thenCompose(aCase -> history.person(tenant, aCase.node())
                .thenApply(person -> new Found(aCase, person.profile())));
    }

    private CompletionStage<CustomerCase> existing(TenantId tenant, UUID caseId) {
        return store.find(tenant, caseId)
                .thenApply(found -> found.orElseThrow(() -> new RecordNotFound(CASE, caseId.toString())));
    }

    /** The person's open and pending cases, most recently active first. */
    public CompletionStage<List<CustomerCase>> active(TenantId tenant, Person person) {
        return Parallel.each(person.nodes(), node -> store.ofNode(tenant, node)).thenApply(perNode -> perNode.stream()
                .flatMap(List::stream)
                .filter(aCase -> aCase.status().isActive())
                .sorted(Comparator.comparing(CustomerCase::lastActivityAt, Comparator.nullsLast(Comparator.reverseOrder()))
                        .thenComparing(CustomerCase::id))
                .toList());
    }

    /** Every case of the person, each with its history, oldest opened first (for an export). */
    public CompletionStage<List<CustomerCase>> all(TenantId tenant, Person person) {
        return Parallel.each(person.nodes(), node -> store.ofNode(tenant, node))
                .thenCompose(perNode -> Parallel.each(perNode.stream().flatMap(List::stream).map(CustomerCase::id)
                        .toList(), id -> store.find(tenant, id)))
                .thenApply(found -> found.stream().flatMap(Optional::stream)
                        .sorted(Comparator.comparing(CustomerCase::openedAt).thenComparing(CustomerCase::id))
                        .toList());
    }
}
