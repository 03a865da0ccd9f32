package io.tellonce.bench.data;

import io.grpc.Status;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.FailureCodes;
import io.tellonce.bench.load.LabelCounts;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.ProfileLookup;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Puts the synthetic population into the service through its public API, many people in flight, so
 * seeding measures the write path a real import would take. Each person goes through the steps in
 * order (see {@link SeedStep}); answers that say "try again" are retried with back-off.
 */
public final class Seeder {
    /** Answers that say "try again later": contention on the same people, or back-pressure. */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.ABORTED, Status.Code.UNAVAILABLE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.DEADLINE_EXCEEDED);
    private static final int ATTEMPTS = 6;

    private final ServiceClient service;
    private final PersonGenerator people;
    private final List<SeedStep> steps;
    private final int concurrency;

    public Seeder(ServiceClient service, PersonGenerator people, List<SeedStep> steps, int concurrency) {
        this.service = service;
        this.people = people;
        this.steps = List.copyOf(steps);
        this.concurrency = concurrency;
    }

    /** Resolve of each person's CRM record: every identifier and attribute, with an idempotency key. */
    public static SeedStep resolveCrmRecord(ServiceClient service, Observations observations) {
        return new SeedStep("resolve", person -> ServiceClient.stage(service.identity()
                        .withDeadlineAfter(30, TimeUnit.SECONDS).resolve(observations.crmRecord(person)))
                .thenApply(answer -> answer.getOutcome().name().replace("RESOLVE_OUTCOME_", "")));
    }

    /** Whether the first and the last person of the population can already be found. */
    public boolean seeded(int population) {
        return found(0) && found(population - 1);
    }

    public SeedingResult seed(int population) throws InterruptedException {
        LabelCounts outcomes = new LabelCounts();
        LabelCounts errors = new LabelCounts();
        LongAdder retries = new LongAdder();
        Semaphore slots = new Semaphore(concurrency);
        ScheduledExecutorService backOff = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long lastReport = start;
        try {
            for (int i = 0; i < population; i++) {
                slots.acquire();
                seedPerson(people.person(i), outcomes, errors, retries, backOff).whenComplete((done, failure) -> slots.release());
                long now = System.nanoTime();
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = now;
                    System.out.printf("  seeded %,d of %,d people (%.0f/s)%n", i, population, i / ((now - start) / 1e9));
                }
            }
            slots.acquire(concurrency);
        } finally {
            backOff.shutdownNow();
        }
        return new SeedingResult(population, concurrency, Duration.ofNanos(System.nanoTime() - start),
                outcomes.snapshot(), errors.snapshot(), retries.sum(), false);
    }

    /** The person's steps in order; a step that fails for good ends the person's seeding. */
    private CompletionStage<Void> seedPerson(Person person, LabelCounts outcomes, LabelCounts errors, LongAdder retries,
                                             ScheduledExecutorService backOff) {
        CompletionStage<Void> chain = CompletableFuture.completedFuture(null);
        for (SeedStep step : steps) {
            chain = chain.thenCompose(previous -> withRetries(() -> step.call().apply(person), ATTEMPTS, retries, backOff)
                    .thenAccept(outcome -> outcomes.increment(step.name() + ":" + outcome)));
        }
        return chain.exceptionally(failure -> {
            errors.increment(FailureCodes.of(failure));
            return null;
        });
    }

    private static <T> CompletionStage<T> withRetries(Supplier<CompletionStage<T>> call, int attemptsLeft, LongAdder retries,
                                                      ScheduledExecutorService backOff) {
        return call.get().handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (attemptsLeft <= 1 || !RETRYABLE.contains(Status.fromThrowable(failure).getCode())) {
                        return CompletableFuture.<T>failedFuture(failure);
                    }
                    retries.increment();
                    long delayMillis = 20L << (ATTEMPTS - attemptsLeft);
                    CompletableFuture<T> retried = new CompletableFuture<>();
                    backOff.schedule(() -> withRetries(call, attemptsLeft - 1, retries, backOff).whenComplete((again, error) -> {
                        if (error == null) {
                            retried.complete(again);
                        } else {
                            retried.completeExceptionally(error);
                        }
                    }), delayMillis, TimeUnit.MILLISECONDS);
                    return retried;
                })
                .thenCompose(next -> next);
    }

    private boolean found(int index) {
        GetProfileRequest request = GetProfileRequest.newBuilder().setLookup(ProfileLookup.newBuilder()
                .setIdentifier(people.person(index).identifiers().get(0))).build();
        try {
            ServiceClient.stage(service.profiles().withDeadlineAfter(10, TimeUnit.SECONDS).getProfile(request))
                    .toCompletableFuture().join();
            return true;
        } catch (RuntimeException notFound) {
            return false;
        }
    }
}
