package io.tellonce.bench.data;

import io.grpc.Status;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.FailureCodes;
import io.tellonce.bench.load.LabelCounts;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.ProfileLookup;
import java.time.Duration;
import java.util.ArrayList;
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
 * seeding measures the write path a real import would take. The steps (see {@link SeedStep}) run one
 * after the other, each over the whole population; answers that say "try again" are retried with
 * back-off.
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

    /** Whether the first and the last person of the population can already be found. */
    public boolean seeded(int population) {
        return found(0) && found(population - 1);
    }

    /** Each step in turn, as one pass over the whole population, so that each step's rate is its own. */
    public SeedingResult seed(int population) throws InterruptedException {
        long start = System.nanoTime();
        List<SeedingResult.Step> results = new ArrayList<>();
        for (SeedStep step : steps) {
            results.add(pass(step, population));
        }
        return new SeedingResult(population, concurrency, Duration.ofNanos(System.nanoTime() - start), results, false);
    }

    private SeedingResult.Step pass(SeedStep step, int population) throws InterruptedException {
        LabelCounts outcomes = new LabelCounts();
        LabelCounts errors = new LabelCounts();
        LongAdder retries = new LongAdder();
        LongAdder calls = new LongAdder();
        Semaphore slots = new Semaphore(concurrency);
        ScheduledExecutorService backOff = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        long lastReport = start;
        try {
            for (int i = 0; i < population; i++) {
                slots.acquire();
                Person person = people.person(i);
                withRetries(() -> step.call().apply(person), ATTEMPTS, retries, backOff)
                        .whenComplete((labels, failure) -> {
                            if (failure == null) {
                                labels.forEach(outcomes::increment);
                                calls.add(labels.size());
                            } else {
                                errors.increment(FailureCodes.of(failure));
                            }
                            slots.release();
                        });
                long now = System.nanoTime();
                if (now - lastReport > TimeUnit.SECONDS.toNanos(10)) {
                    lastReport = now;
                    System.out.printf("  %s: %,d of %,d people (%.0f calls/s)%n", step.name(), i, population,
                            calls.sum() / ((now - start) / 1e9));
                }
            }
            slots.acquire(concurrency);
        } finally {
            backOff.shutdownNow();
        }
        return new SeedingResult.Step(step.name(), calls.sum(), Duration.ofNanos(System.nanoTime() - start),
                outcomes.snapshot(), errors.snapshot(), retries.sum());
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
