package io.tellonce.bench.scenario;

import io.tellonce.bench.data.InteractionGenerator;
import io.tellonce.bench.data.NewCustomers;
import io.tellonce.bench.grpc.ServiceClient;
import io.tellonce.bench.load.Operation;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.SearchProfilesRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a change takes to become searchable: one operation writes a new person (every other one a
 * Resolve of a web sign-up, the rest a RecordInteraction of a first WhatsApp contact, which creates the
 * profile too) and then searches for their e-mail or number every {@link #POLL} until a hit comes back.
 * The operation's latency, from the write's start, is the lag (so it includes the write itself: an
 * upper bound). Polls are bounded: one per {@link #POLL} per write in flight, given up after {@link #GIVE_UP}.
 */
final class IndexLagProbe {
    static final Duration POLL = Duration.ofMillis(50);
    static final Duration GIVE_UP = Duration.ofSeconds(30);

    private final ServiceClient service;
    private final NewCustomers customers;
    private final AtomicLong writes = new AtomicLong();
    // One timer thread for every probe's polls: it only sends the next search.
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "index-lag-polls");
        thread.setDaemon(true);
        return thread;
    });

    IndexLagProbe(ServiceClient service, long runNonce) {
        this.service = service;
        // Another nonce than resolve-new's: the two scenarios must never create the same person.
        this.customers = new NewCustomers(runNonce ^ 0x1A6L);
    }

    static Operation indexLag(ScenarioContext context) {
        IndexLagProbe probe = new IndexLagProbe(context.service(), context.runNonce());
        return probe::writeThenFind;
    }

    private CompletionStage<String> writeThenFind() {
        ResolveRequest customer = customers.next();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        if (writes.getAndIncrement() % 2 == 0) {
            return ServiceClient.stage(service.identity().resolve(customer))
                    .thenCompose(done -> findable(customer.getIdentifiers(0).getValue(), deadline))
                    .thenApply(polls -> "resolve");
        }
        return ServiceClient.stage(service.history().recordInteraction(
                        InteractionGenerator.firstContact(customer.getIdentifiers(1), Instant.now())))
                .thenCompose(done -> findable(customer.getIdentifiers(1).getValue(), deadline))
                .thenApply(polls -> "record-interaction");
    }

    /** Completes once a search for the text has a hit; fails when the deadline passes first. */
    private CompletionStage<Void> findable(String text, long deadline) {
        SearchProfilesRequest request = SearchProfilesRequest.newBuilder().setQuery(text).setPageSize(1).build();
        return ServiceClient.stage(service.search().searchProfiles(request)).thenCompose(answer -> {
            if (answer.getHitsCount() > 0) {
                return CompletableFuture.completedFuture(null);
            }
            if (System.nanoTime() > deadline) {
                return CompletableFuture.failedFuture(new TimeoutException("not searchable after " + GIVE_UP));
            }
            CompletableFuture<Void> next = new CompletableFuture<>();
            timer.schedule(() -> findable(text, deadline).whenComplete((done, failure) -> {
                if (failure == null) {
                    next.complete(null);
                } else {
                    next.completeExceptionally(failure);
                }
            }), POLL.toMillis(), TimeUnit.MILLISECONDS);
            return next;
        });
    }
}
