package io.tellonce.bench.data;

import io.grpc.Status;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.SetConsentRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The steps of seeding, each through the public API with idempotency keys: the people (Resolve of
 * their CRM record), their history (OpenCase, then RecordInteraction per conversation) and their
 * consent (SetConsent per answer). A person's calls of one step go one after the other: the seeder's
 * concurrency is then the number of calls in flight.
 */
public final class SeedSteps {
    /** The outcome of a call about a person that no profile answers (a household's unclaimed identifier). */
    static final String NOT_FOUND = "NOT_FOUND";
    private static final long DEADLINE_SECONDS = 30;

    private final ServiceClient service;

    public SeedSteps(ServiceClient service) {
        this.service = service;
    }

    /** Resolve of each person's CRM record: every identifier and attribute, with an idempotency key. */
    public SeedStep people(Observations observations) {
        return new SeedStep("people", person -> ServiceClient.stage(service.identity()
                        .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).resolve(observations.crmRecord(person)))
                .thenApply(answer -> List.of(answer.getOutcome().name().replace("RESOLVE_OUTCOME_", ""))));
    }

    /** The person's open case, if they have one, then their conversations (those on its topic on the case). */
    public SeedStep history(CaseGenerator cases, InteractionGenerator interactions, Instant anchor) {
        return new SeedStep("history", person -> {
            Optional<CaseGenerator.Opening> opening = cases.caseOf(person);
            List<String> outcomes = new ArrayList<>();
            CompletionStage<Optional<String>> caseId = opening.isEmpty()
                    ? CompletableFuture.completedFuture(Optional.empty())
                    : orNotFound(ServiceClient.stage(service.history().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                            .openCase(opening.get().request())).thenApply(answer -> {
                                outcomes.add("case");
                                return Optional.of(answer.getCase().getCaseId());
                            }), () -> {
                                outcomes.add("case:" + NOT_FOUND);
                                return Optional.empty();
                            });
            return caseId.thenCompose(id -> inTurn(interactions.history(person, anchor,
                            opening.map(CaseGenerator.Opening::topic), id), this::record))
                    .thenApply(recorded -> {
                        outcomes.addAll(recorded);
                        return List.copyOf(outcomes);
                    });
        });
    }

    /** The person's consent answers, if they were asked. */
    public SeedStep consent(ConsentGenerator consents) {
        return new SeedStep("consent", person -> inTurn(consents.records(person), this::set));
    }

    private CompletionStage<String> record(RecordInteractionRequest request) {
        return ServiceClient.stage(service.history().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .recordInteraction(request)).thenApply(answer -> "interaction");
    }

    private CompletionStage<String> set(SetConsentRequest request) {
        return orNotFound(ServiceClient.stage(service.consent().withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
                .setConsent(request)).thenApply(answer -> "consent"), () -> "consent:" + NOT_FOUND);
    }

    /** Each request after the previous one answered; the outcomes in order. */
    static <R> CompletionStage<List<String>> inTurn(List<R> requests, Function<R, CompletionStage<String>> call) {
        CompletionStage<List<String>> chain = CompletableFuture.completedFuture(new ArrayList<>());
        for (R request : requests) {
            chain = chain.thenCompose(outcomes -> call.apply(request).thenApply(outcome -> {
                outcomes.add(outcome);
                return outcomes;
            }));
        }
        return chain;
    }

    /** NOT_FOUND is an answer about the data (nobody owns the identifier), not a failure of seeding. */
    private static <T> CompletionStage<T> orNotFound(CompletionStage<T> call, java.util.function.Supplier<T> notFound) {
        return call.handle((answer, failure) -> {
            if (failure == null) {
                return answer;
            }
            if (Status.fromThrowable(failure).getCode() == Status.Code.NOT_FOUND) {
                return notFound.get();
            }
            throw failure instanceof CompletionException completion ? completion : new CompletionException(failure);
        });
    }
}
