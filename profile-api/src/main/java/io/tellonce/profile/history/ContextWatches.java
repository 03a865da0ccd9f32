package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.ProfileNotFound;
import jakarta.inject.Singleton;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Open context streams. Each follows its tenant's changes, keeps the ones that touch the watched
 * person's nodes, and re-reads the person's nodes whenever a merge, unmerge or identifier move touches
 * them, so that it keeps following the person (under the surviving profile id) across merges (ADR 9).
 */
@Singleton
public final class ContextWatches {
    private static final Logger LOG = LoggerFactory.getLogger(ContextWatches.class);

    private final ChangeFollower follower;
    private final PersonHistory history;
    private final InteractionStore interactions;
    private final CaseStore cases;

    public ContextWatches(ChangeFollower follower, PersonHistory history, InteractionStore interactions,
                          CaseStore cases) {
        this.follower = follower;
        this.history = history;
        this.interactions = interactions;
        this.cases = cases;
    }

    /**
     * Starts delivering the person's changes to the sink, one at a time, in order, until the person is
     * erased: then {@code end} is told once, with a {@link ProfileNotFound}, and nothing more is sent.
     *
     * @return closing it stops the stream's work; @throws ProfileNotFound (through the stage)
     */
    public CompletionStage<AutoCloseable> watch(TenantId tenant, ProfileId watched, Consumer<ContextChange> sink,
                                                Consumer<ProfileNotFound> end) {
        return history.person(tenant, watched).thenApply(person -> {
            Watch watch = new Watch(tenant, watched, person, sink, end);
            return follower.follow(tenant, watch::offer);
        });
    }

    /** One open stream. Changes are handled one after another on a chain, never two at once. */
    private final class Watch {
        private final TenantId tenant;
        private final ProfileId watched;
        private final Consumer<ContextChange> sink;
        private final Consumer<ProfileNotFound> end;
        private volatile Person person;
        private volatile boolean ended;
        private CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);

        Watch(TenantId tenant, ProfileId watched, Person person, Consumer<ContextChange> sink,
              Consumer<ProfileNotFound> end) {
            this.tenant = tenant;
            this.watched = watched;
            this.person = person;
            this.sink = sink;
            this.end = end;
        }

        synchronized void offer(ProfileChange change) {
            if (ended || !touches(change)) {
                return;
            }
            chain = chain.thenCompose(done -> ended ? CompletableFuture.completedFuture(null) : handle(change))
                    .exceptionally(failure -> {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof ProfileNotFound gone) {
                            // The person was erased (or is being): the desktop must not wait on silence.
                            finish(gone);
                        } else {
                            LOG.warn("a context stream of {} could not follow change {}: {}", watched, change.id(),
                                    failure.toString());
                        }
                        return null;
                    });
        }

        private void finish(ProfileNotFound gone) {
            if (!ended) {
                ended = true;
                end.accept(gone);
            }
        }

        private boolean touches(ProfileChange change) {
            Set<ProfileId> mine = new HashSet<>(person.nodes());
            mine.add(person.profile());
            return change.profiles().stream().anyMatch(mine::contains);
        }

        private CompletionStage<Void> handle(ProfileChange change) {
            if (change.kind() == ProfileChange.Kind.PROFILE_REMOVED) {
                finish(new ProfileNotFound(watched.toString()));
                return CompletableFuture.completedFuture(null);
            }
            if (change.kind().regroups()) {
                return history.person(tenant, watched).thenAccept(now -> {
                    person = now;
                    emit(change, Optional.empty(), Optional.empty());
                });
            }
            return switch (change.kind()) {
                case INTERACTION_RECORDED -> id(change).map(id -> interactions.find(tenant, id)
                                .thenAccept(found -> found.filter(i -> person.nodes().contains(i.node()))
                                        .ifPresent(i -> emit(change, Optional.of(i), Optional.empty()))))
                        .orElse(CompletableFuture.completedFuture(null));
                case CASE_CHANGED -> id(change).map(id -> cases.find(tenant, id)
                                .thenAccept(found -> found.ifPresent(c -> emit(change, Optional.empty(), Optional.of(c)))))
                        .orElse(CompletableFuture.completedFuture(null));
                default -> CompletableFuture.completedFuture(null);
            };
        }

        private void emit(ProfileChange change, Optional<Interaction> interaction, Optional<CustomerCase> aCase) {
            sink.accept(new ContextChange(change.kind(), person.profile(), interaction, aCase, change.detail(),
                    change.at()));
        }

        private static Optional<UUID> id(ProfileChange change) {
            try {
                return Optional.of(UUID.fromString(change.detail()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }
}
