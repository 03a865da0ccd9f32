package io.tellonce.profile.history;

import io.tellonce.identity.Claim;
import io.tellonce.identity.Identifier;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.Observation;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.app.Erasures;
import io.tellonce.profile.app.PreconditionFailed;
import io.tellonce.profile.app.RecordNotFound;
import io.tellonce.profile.app.ScreenedResolutions;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Records an interaction on the identity node the channel knows the person by: the node a given
 * profile id names, or the node that owns the strongest of the channel's identifiers after they were
 * resolved exactly as by Resolve. So an interaction stays with the side whose identifier it came by
 * when a merge is undone (ADR 8).
 */
@Singleton
public final class InteractionRecorder {
    private final ScreenedResolutions resolutions;
    private final IdentityGraph graph;
    private final PersonHistory history;
    private final InteractionStore interactions;
    private final CaseStore cases;
    private final Clock clock;
    private final Erasures erasures;

    public InteractionRecorder(ScreenedResolutions resolutions, IdentityGraph graph, PersonHistory history,
                               InteractionStore interactions, CaseStore cases, Clock clock, Erasures erasures) {
        this.erasures = erasures;
        this.resolutions = resolutions;
        this.graph = graph;
        this.history = history;
        this.interactions = interactions;
        this.cases = cases;
        this.clock = clock;
    }

    /** Who the interaction is about: a profile id, or what the channel saw. */
    public sealed interface Subject {
        record ById(ProfileId profile) implements Subject {
        }

        record Seen(Observation observation) implements Subject {
        }
    }

    /** The interaction as stored and the person's current profile. */
    public record Recorded(Interaction interaction, ProfileId profile) {
    }

    /**
     * @param idempotencyKey when present, the interaction's id derives from it, so that two racing first
     *                       attempts with one key store one interaction
     */
    public CompletionStage<Recorded> record(TenantId tenant, Subject subject, InteractionDraft draft,
                                            Optional<String> idempotencyKey) {
        UUID id = idempotencyKey.map(key -> UUID.nameUUIDFromBytes(("interaction/" + tenant + "/" + key)
                .getBytes(StandardCharsets.UTF_8))).orElseGet(UUID::randomUUID);
        // The case is checked before anything is written, identity included.
        CompletionStage<Optional<CustomerCase>> itsCase = draft.caseId().isEmpty()
                ? CompletableFuture.completedFuture(Optional.empty())
                : cases.find(tenant, draft.caseId().get()).thenApply(found -> Optional.of(found.orElseThrow(
                        () -> new RecordNotFound("tellonce.v1.Case", draft.caseId().get().toString()))));
        return itsCase.thenCompose(aCase -> node(tenant, subject).thenCompose(placed ->
                samePerson(tenant, aCase, placed).thenCompose(checked -> {
                    Interaction interaction = draft.on(id, placed.node(), clock.instant());
                    return interactions.record(tenant, interaction, aCase)
                            .thenCompose(done -> erasures.refuseIfErased(tenant, placed.node(),
                                    () -> interactions.withdraw(tenant, interaction)))
                            .thenApply(done -> new Recorded(interaction, placed.profile()));
                })));
    }

    /** An interaction may only join a case of the same person: an agent's slip must not mix two customers. */
    private CompletionStage<Void> samePerson(TenantId tenant, Optional<CustomerCase> aCase, Placement placed) {
        if (aCase.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return history.person(tenant, aCase.get().node()).thenAccept(owner -> {
            if (!owner.profile().equals(placed.profile())) {
                throw new PreconditionFailed("case " + aCase.get().id() + " belongs to profile " + owner.profile()
                        + ", not to " + placed.profile() + "; record the interaction without case_id or on that case's"
                        + " person");
            }
        });
    }

    private record Placement(ProfileId node, ProfileId profile) {
    }

    private CompletionStage<Placement> node(TenantId tenant, Subject subject) {
        if (subject instanceof Subject.ById byId) {
            return history.person(tenant, byId.profile())
                    .thenApply(person -> new Placement(byId.profile(), person.profile()));
        }
        Observation observation = ((Subject.Seen) subject).observation();
        // Screened like Resolve: a tenant that refuses identifiers of erased people refuses this too.
        return resolutions.resolve(tenant, observation).thenApply(ScreenedResolutions.Screened::resolution)
                .thenCompose(resolution ->
                graph.claims(tenant, observation.identifiers()).thenApply(claims ->
                        new Placement(strongestOwner(observation, claims).orElse(resolution.profileId()),
                                resolution.profileId())));
    }

    /** The node owning the strongest claimed identifier: the one the resolver attached the observation to. */
    private static Optional<ProfileId> strongestOwner(Observation observation, Map<Identifier, Claim> claims) {
        return observation.identifiers().stream().sorted(Identifier.PRIORITY_ORDER)
                .filter(claims::containsKey).findFirst().map(identifier -> claims.get(identifier).owner());
    }
}
