package io.tellonce.bench.scenario;

import io.tellonce.bench.data.ConsentGenerator;
import io.tellonce.bench.data.Person;
import io.tellonce.bench.load.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Cassandra work of one BatchCheckConsent (ConsentChecks, ConsentEndpoint): per person of the
 * batch at once, the owner of the identifier, the profile's members (node head, then cluster) and
 * every member's current answers; once all are in, one audit entry per person found, in parallel.
 */
final class RawConsentReads {
    static final String BATCH_CHECK = "tellonce.v1.ConsentService/BatchCheckConsent";

    private RawConsentReads() {
    }

    static Operation batchCheck(ScenarioContext context, RawOperations raw, RawContextReads reads, int checks) {
        int people = ConsentGenerator.peoplePerBatch(checks);
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            List<CompletableFuture<UUID>> found = new ArrayList<>();
            for (int i = 0; i < people; i++) {
                Person person = context.people().person(random.nextInt(context.population()));
                found.add(raw.owner(person.identifiers().get(0)).thenCompose(node -> node == null
                        ? CompletableFuture.completedFuture((UUID) null)
                        : raw.members(node).thenCompose(reads::currentConsent).thenApply(done -> node))
                        .toCompletableFuture());
            }
            return CompletableFuture.allOf(found.toArray(CompletableFuture[]::new)).thenCompose(done ->
                    RawOperations.eachOf(found.stream().map(CompletableFuture::join).filter(Objects::nonNull).distinct()
                            .toList(), node -> reads.audit(node, BATCH_CHECK, "consent check"))).thenApply(done -> null);
        };
    }
}
