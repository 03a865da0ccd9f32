package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileNotFound;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * A person's interactions across all the identity nodes of their profile: each node is read in
 * parallel, newest first, and the answers are merged. After a merge a profile has both sides' nodes,
 * so it sees both histories; after an unmerge each side has only its own nodes again.
 */
@Singleton
public final class PersonHistory {
    private final PersonNodes persons;
    private final InteractionStore store;

    public PersonHistory(PersonNodes persons, InteractionStore store) {
        this.persons = persons;
        this.store = store;
    }

    /** @throws ProfileNotFound (through the stage) when no profile has this id */
    public CompletionStage<Person> person(TenantId tenant, ProfileId anyId) {
        return persons.of(tenant, anyId)
                .thenApply(found -> found.orElseThrow(() -> new ProfileNotFound("profile id " + anyId)));
    }

    /** One page, newest first; {@code next} is where the following page starts, when there is one. */
    public record Page(List<Interaction> interactions, Optional<HistoryWindow.Position> next) {
        public Page {
            interactions = List.copyOf(interactions);
        }
    }

    public CompletionStage<Page> page(TenantId tenant, Person person, HistoryWindow window,
                                      Predicate<Interaction> filter, int size) {
        return Parallel.each(person.nodes(), node -> store.newestFirst(tenant, node, window, filter, size + 1))
                .thenApply(perNode -> {
                    List<Interaction> merged = merged(perNode);
                    if (merged.size() <= size) {
                        return new Page(merged, Optional.empty());
                    }
                    List<Interaction> page = merged.subList(0, size);
                    Interaction last = page.get(size - 1);
                    return new Page(page, Optional.of(new HistoryWindow.Position(last.occurredAt(), last.id())));
                });
    }

    /**
     * What a context read looks at.
     *
     * @param latest    the latest interactions asked for, newest first
     * @param recent    everything read (at least the latest, and what happened since the window's start), newest first
     * @param truncated whether a node had more in the window than the scan limit
     */
    public record Recent(List<Interaction> latest, List<Interaction> recent, boolean truncated) {
        public Recent {
            latest = List.copyOf(latest);
            recent = List.copyOf(recent);
        }
    }

    /**
     * The latest {@code count} interactions and everything since {@code since}, at most
     * {@code scanLimit} more per node.
     */
    public CompletionStage<Recent> recent(TenantId tenant, Person person, int count, Instant since, int scanLimit) {
        return Parallel.each(person.nodes(), node -> recentOfNode(tenant, node, count, since, scanLimit))
                .thenApply(perNode -> {
                    List<Interaction> all = merged(perNode.stream().map(NodeRecent::interactions).toList());
                    boolean truncated = perNode.stream().anyMatch(NodeRecent::truncated);
                    return new Recent(all.subList(0, Math.min(count, all.size())), all, truncated);
                });
    }

    private record NodeRecent(List<Interaction> interactions, boolean truncated) {
    }

    private CompletionStage<NodeRecent> recentOfNode(TenantId tenant, ProfileId node, int count, Instant since,
                                                     int scanLimit) {
        return store.newestFirst(tenant, node, HistoryWindow.EVERYTHING, any -> true, count).thenCompose(latest -> {
            if (latest.size() < count || latest.get(latest.size() - 1).occurredAt().isBefore(since)) {
                return CompletableFuture.completedFuture(new NodeRecent(latest, false));
            }
            Interaction last = latest.get(latest.size() - 1);
            HistoryWindow rest = new HistoryWindow(Optional.of(since), Optional.empty(),
                    Optional.of(new HistoryWindow.Position(last.occurredAt(), last.id())));
            return store.newestFirst(tenant, node, rest, any -> true, scanLimit).thenApply(more -> {
                List<Interaction> all = new ArrayList<>(latest);
                all.addAll(more);
                return new NodeRecent(all, more.size() >= scanLimit);
            });
        });
    }

    private static List<Interaction> merged(Collection<List<Interaction>> perNode) {
        List<Interaction> merged = new ArrayList<>();
        perNode.forEach(merged::addAll);
        merged.sort(Interaction.NEWEST_FIRST);
        return merged;
    }
}
