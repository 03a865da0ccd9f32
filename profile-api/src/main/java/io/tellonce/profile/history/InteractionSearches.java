package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.IndexCall;
import io.tellonce.profile.app.ProfileNotFound;
import io.tellonce.search.InteractionHit;
import io.tellonce.search.InteractionIndex;
import io.tellonce.search.InteractionSearch;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.stream.Collectors;

/**
 * Search over the conversation history: Elasticsearch finds, Cassandra answers. Each hit is read back
 * from Cassandra, the interaction as it is stored and the profile its node belongs to now, so a hit
 * follows merges and unmerges the index never hears of, and a hit Cassandra no longer has (an erased
 * person the index has not caught up with) is dropped.
 */
@Singleton
public final class InteractionSearches {
    private final InteractionIndex index;
    private final InteractionStore interactions;
    private final PersonNodes persons;
    private final ExecutorService blocking;

    public InteractionSearches(InteractionIndex index, InteractionStore interactions, PersonNodes persons,
                               @Named("search") ExecutorService blocking) {
        this.index = index;
        this.interactions = interactions;
        this.persons = persons;
        this.blocking = blocking;
    }

    /**
     * @param person only this person's interactions (any of their profile ids), when present
     * @throws ProfileNotFound (through the stage) when the person is not found
     */
    public CompletionStage<Found> search(TenantId tenant, String text, InteractionSearch.Filters filters,
                                         Optional<ProfileId> person, InteractionSearch.Order order, int from,
                                         int size) {
        CompletionStage<InteractionSearch.Filters> scoped = person.isEmpty()
                ? CompletableFuture.completedFuture(filters)
                : persons.of(tenant, person.get()).thenApply(found -> filters.withNodes(found
                        .orElseThrow(() -> new ProfileNotFound("profile id " + person.get()))
                        .nodes().stream().map(ProfileId::toString).collect(Collectors.toSet())));
        return scoped.thenApplyAsync(scope -> query(new InteractionSearch(tenant.value(), text, scope, order, from,
                        size)), blocking)
                .thenCompose(page -> readBack(tenant, page));
    }

    private InteractionIndex.Page query(InteractionSearch search) {
        return IndexCall.answer(() -> index.search(search));
    }


    private CompletionStage<Found> readBack(TenantId tenant, InteractionIndex.Page page) {
        List<CompletableFuture<Optional<Match>>> reads = page.hits().stream()
                .map(hit -> readBack(tenant, hit).toCompletableFuture()).toList();
        return CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Match> matches = new ArrayList<>();
            reads.forEach(read -> read.join().ifPresent(matches::add));
            return new Found(matches, page.total());
        });
    }

    private CompletionStage<Optional<Match>> readBack(TenantId tenant, InteractionHit hit) {
        CompletableFuture<Optional<Interaction>> interaction = interactions.find(tenant,
                UUID.fromString(hit.interactionId())).toCompletableFuture();
        CompletableFuture<Optional<Person>> person = persons.of(tenant, ProfileId.parse(hit.nodeId()))
                .toCompletableFuture();
        return interaction.thenCombine(person, (found, owner) -> found.isEmpty() || owner.isEmpty() ? Optional.empty()
                : Optional.of(match(found.get(), owner.get().profile(), hit)));
    }

    /**
     * The one place a hit is put together. Role-based redaction belongs here once callers have roles
     * (a bot must not see the transcripts, and so the transcript highlights, of other channels).
     */
    private static Match match(Interaction interaction, ProfileId profile, InteractionHit hit) {
        return new Match(interaction, profile, hit.score(), hit.summaryHighlights(), hit.transcriptHighlights());
    }

    /** One page of matches and how many there are in all, as the index counts them. */
    public record Found(List<Match> matches, long total) {
        public Found {
            matches = List.copyOf(matches);
        }
    }

    /** An interaction that matched, with the profile it belongs to now. */
    public record Match(Interaction interaction, ProfileId profile, double score, List<String> summaryHighlights,
                        List<String> transcriptHighlights) {
        public Match {
            summaryHighlights = List.copyOf(summaryHighlights);
            transcriptHighlights = List.copyOf(transcriptHighlights);
        }
    }
}
