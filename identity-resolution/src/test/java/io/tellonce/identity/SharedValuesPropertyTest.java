package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Once a value is shared, no sequence of observations links two profiles through it: resolving
 * observations that carry the value ends in exactly the profiles (and outcomes) that resolving them
 * without it does. Other values of the small identifier space may become shared on the way, alike in
 * both runs.
 */
class SharedValuesPropertyTest {
    private static final TenantId TENANT = new TenantId("acme");
    private static final MergePolicy POLICY = MergePolicy.defaults().withSharedAfterProfiles(3);
    private static final Identifier SHARED = new Identifier(IdentifierKind.EMAIL, "", "family@example.com");
    private static final Identifier OWNERS_PHONE = new Identifier(IdentifierKind.PHONE, "", "+447700900100");
    private static final List<Identifier> OTHERS = Stream.of(
            IntStream.range(0, 4).mapToObj(i -> new Identifier(IdentifierKind.EMAIL, "", "person" + i + "@example.com")),
            IntStream.range(0, 4).mapToObj(i -> new Identifier(IdentifierKind.PHONE, "", "+4477009001" + (10 + i))),
            IntStream.range(0, 3).mapToObj(i -> new Identifier(IdentifierKind.CRM_ID, "", "C-" + i)),
            IntStream.range(0, 2).mapToObj(i -> new Identifier(IdentifierKind.DEVICE_ID, "", "tablet-" + i)))
            .flatMap(s -> s).toList();

    /** A graph and resolver; the owner of the shared value exists before the history starts. */
    static final class Run {
        final InMemoryIdentityGraph graph = new InMemoryIdentityGraph();
        final IdentityResolver resolver = new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()),
                tenant -> POLICY);
        private int step;

        Optional<Resolution> resolve(List<Identifier> ids) {
            Observation observation = new Observation(ids, Map.of(), "shop",
                    Instant.parse("2026-11-01T09:00:00Z").plusSeconds(step++));
            try {
                return Optional.of(resolver.resolve(TENANT, observation).toCompletableFuture().join());
            } catch (CompletionException e) {
                assertThat(e.getCause()).isInstanceOf(UnidentifiableObservation.class);
                return Optional.empty();
            }
        }

        /** Each profile's identifiers, without the shared value: the clustering of everything else. */
        Set<Set<Identifier>> profiles() {
            Map<ProfileId, Set<Identifier>> byProfile = new HashMap<>();
            Stream.concat(OTHERS.stream(), Stream.of(OWNERS_PHONE)).forEach(id -> {
                Claim claim = graph.owners.get(TENANT + "/" + id);
                if (claim != null) {
                    byProfile.computeIfAbsent(graph.rootOf(claim.owner()), k -> new HashSet<>()).add(id);
                }
            });
            return Set.copyOf(byProfile.values());
        }

        Set<Identifier> sharedValues() {
            Set<Identifier> shared = new HashSet<>();
            OTHERS.forEach(id -> {
                Claim claim = graph.owners.get(TENANT + "/" + id);
                if (claim != null && claim.shared()) {
                    shared.add(id);
                }
            });
            return shared;
        }
    }

    @Property(tries = 200)
    void aSharedValueLinksNoOne(@ForAll("histories") List<List<Identifier>> history) {
        Run with = new Run();
        ProfileId owner = with.resolve(List.of(OWNERS_PHONE, SHARED)).orElseThrow().profileId();
        ProfileId ownerNode = with.graph.owners.get(TENANT + "/" + SHARED).owner();
        assertThat(with.graph.sighted(TENANT, new Sighting(SHARED, owner, "profile elsewhere"), 2)
                .toCompletableFuture().join()).isPresent();
        Run without = new Run();
        without.resolve(List.of(OWNERS_PHONE));

        for (List<Identifier> ids : history) {
            List<Identifier> stripped = ids.stream().filter(id -> !id.equals(SHARED)).toList();
            Optional<Resolution> carried = with.resolve(ids);
            Optional<Resolution> alone = stripped.isEmpty() ? Optional.empty() : without.resolve(stripped);

            assertThat(carried.map(Resolution::outcome)).as("outcome of %s", ids).isEqualTo(alone.map(Resolution::outcome));
            carried.ifPresent(resolution -> assertThat(resolution.explanation())
                    .doesNotContain("matched on " + SHARED).doesNotContain(SHARED + " together"));
            assertThat(with.profiles()).as("profiles after %s", ids).isEqualTo(without.profiles());
            assertThat(with.sharedValues()).isEqualTo(without.sharedValues());
        }
        Claim claim = with.graph.owners.get(TENANT + "/" + SHARED);
        assertThat(claim.owner()).isEqualTo(ownerNode);
        assertThat(claim.shared()).isTrue();
    }

    @Property(tries = 50)
    void anObservationOfOnlyASharedValueIdentifiesNoOne(@ForAll("histories") List<List<Identifier>> history) {
        Run run = new Run();
        run.resolve(List.of(OWNERS_PHONE, SHARED));
        run.graph.sighted(TENANT, new Sighting(SHARED, new ProfileId(UUID.randomUUID()), "profile elsewhere"), 2);
        history.forEach(run::resolve);

        assertThatThrownBy(() -> run.resolver.resolve(TENANT, new Observation(List.of(SHARED), Map.of(), "shop",
                Instant.parse("2026-11-02T09:00:00Z"))).toCompletableFuture().join())
                .hasCauseInstanceOf(UnidentifiableObservation.class);
    }

    @Provide
    Arbitrary<List<List<Identifier>>> histories() {
        List<Identifier> space = new ArrayList<>(OTHERS);
        space.add(SHARED);
        space.add(SHARED);
        space.add(OWNERS_PHONE);
        return Arbitraries.of(space).list().ofMinSize(1).ofMaxSize(3).list().ofMinSize(1).ofMaxSize(25);
    }
}
