package io.tellonce.bench.data;

import io.grpc.Status;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.FailureCodes;
import io.tellonce.bench.load.LabelCounts;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Puts the synthetic population into the service through its public API (Resolve), many requests in
 * flight, so seeding measures the write path a real CRM import would take.
 */
public final class Seeder {
    /** Answers that say "try again later": contention on the same people, or back-pressure. */
    private static final Set<Status.Code> RETRYABLE = Set.of(Status.Code.ABORTED, Status.Code.UNAVAILABLE,
            Status.Code.RESOURCE_EXHAUSTED, Status.Code.DEADLINE_EXCEEDED);
    private static final int ATTEMPTS = 6;

    private final ServiceClient service;
    private final PersonGenerator people;
    private final Observations observations;
    private final int concurrency;

    public Seeder(ServiceClient service, PersonGenerator people, Observations observations, int concurrency) {
        this.service = service;
        this.people = people;
        this.observations = observations;
        this.concurrency = concurrency;
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
                ResolveRequest request = observations.crmRecord(people.person(i));
                resolve(request, ATTEMPTS, retries, backOff).whenComplete((answer, failure) -> {
                    if (failure == null) {
                        outcomes.increment(answer.getOutcome().name().replace("RESOLVE_OUTCOME_", ""));
                    } else {
                        errors.increment(FailureCodes.of(failure));
                    }
                    slots.release();
                });
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

    private CompletionStage<ResolveResponse> resolve(ResolveRequest request, int attemptsLeft, LongAdder retries,
                                                     ScheduledExecutorService backOff) {
        return ServiceClient.stage(service.identity().withDeadlineAfter(30, TimeUnit.SECONDS).resolve(request))
                .handle((answer, failure) -> {
                    if (failure == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    if (attemptsLeft <= 1 || !RETRYABLE.contains(Status.fromThrowable(failure).getCode())) {
                        return CompletableFuture.<ResolveResponse>failedFuture(failure);
                    }
                    retries.increment();
                    long delayMillis = 20L << (ATTEMPTS - attemptsLeft);
                    CompletableFuture<ResolveResponse> retried = new CompletableFuture<>();
                    backOff.schedule(() -> resolve(request, attemptsLeft - 1, retries, backOff)
                            .whenComplete((again, error) -> {
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
