package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class IdentityResolverTest {
    private static final TenantId TENANT = new TenantId("acme");
    private static final Identifier EMAIL = new Identifier(IdentifierKind.EMAIL, "", "alice@example.com");
    private static final Identifier PHONE = new Identifier(IdentifierKind.PHONE, "", "+447700900123");
    private static final Identifier CRM = new Identifier(IdentifierKind.CRM_ID, "", "C-1");

    private final InMemoryIdentityGraph graph = new InMemoryIdentityGraph();
    private final IdentityResolver resolver = new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()),
            tenant -> MergePolicy.defaults());

    private static Observation seen(Identifier... ids) {
        return new Observation(List.of(ids), Map.of("given_name", "Alice"), "crm", Instant.parse("2026-11-01T10:00:00Z"));
    }

    private Resolution resolve(Observation observation) {
        return resolver.resolve(TENANT, observation).toCompletableFuture().join();
    }

    @Test
    void unknownIdentifiersCreateAProfileThatOwnsThemAll() {
        Resolution created = resolve(seen(EMAIL, PHONE));

        assertThat(created.outcome()).isEqualTo(ResolveOutcome.CREATED);
        assertThat(graph.owners).containsOnlyKeys("acme/email alice@example.com", "acme/phone +447700900123")
                .allSatisfy((key, claim) -> assertThat(claim.owner()).isEqualTo(created.profileId()));
    }

    @Test
    void anIdentifierWonByAConcurrentObservationMergesInsteadOfBeingDropped() {
        ProfileId competitor = new ProfileId(UUID.randomUUID());
        graph.beforeClaim = id -> {
            if (id.equals(PHONE)) {
                graph.beforeClaim = any -> { };
                // Another instance creates a profile for the same phone between our read and our claim.
                graph.createProfile(TENANT, competitor, seen(PHONE), List.of());
                graph.claim(TENANT, PHONE, competitor, seen(PHONE), "first seen elsewhere");
            }
        };

        Resolution resolved = resolve(seen(EMAIL, PHONE));

        assertThat(resolved.outcome()).isEqualTo(ResolveOutcome.MERGED);
        assertThat(graph.rootOf(competitor)).isEqualTo(resolved.profileId());
        assertThat(graph.rootOf(graph.owners.get("acme/email alice@example.com").owner()))
                .isEqualTo(resolved.profileId());
    }

    @Test
    void aKnownIdentifierMatchesAndNewOnesJoinTheProfile() {
        Resolution created = resolve(seen(EMAIL));
        Resolution matched = resolve(seen(PHONE, EMAIL));

        assertThat(matched.outcome()).isEqualTo(ResolveOutcome.MATCHED);
        assertThat(matched.profileId()).isEqualTo(created.profileId());
        assertThat(matched.explanation()).isEqualTo("matched on email alice@example.com");
        assertThat(graph.owners.get("acme/phone +447700900123").owner()).isEqualTo(created.profileId());
    }

    @Test
    void identifiersOfTwoProfilesMergeThemIntoTheOlderOne() {
        Resolution byEmail = resolve(seen(EMAIL));
        Resolution byCrm = resolve(seen(CRM));

        Resolution both = resolve(seen(EMAIL, CRM));

        assertThat(both.outcome()).isEqualTo(ResolveOutcome.MERGED);
        assertThat(both.profileId()).isEqualTo(byEmail.profileId());
        assertThat(both.mergedProfileIds()).containsExactly(byCrm.profileId());
        assertThat(both.mergeId()).isPresent();
        assertThat(both.explanation()).contains("crm saw crm_id C-1 and email alice@example.com together");
        assertThat(graph.rootOf(byCrm.profileId())).isEqualTo(byEmail.profileId());
    }

    @Test
    void twoCrmIdsNeverMergeButOpenAReviewItem() {
        Identifier otherCrm = new Identifier(IdentifierKind.CRM_ID, "", "C-2");
        Resolution first = resolve(seen(CRM, EMAIL));
        Resolution second = resolve(seen(otherCrm, PHONE));

        Resolution both = resolve(seen(EMAIL, PHONE));

        assertThat(both.outcome()).isEqualTo(ResolveOutcome.CONFLICT);
        assertThat(both.profileId()).isEqualTo(first.profileId());
        assertThat(both.reviewItemId()).isPresent();
        assertThat(both.explanation()).contains("2 crm_id identifiers where the policy allows 1");
        assertThat(graph.profiles()).containsExactlyInAnyOrder(first.profileId(), second.profileId());
        assertThat(graph.reviews).singleElement()
                .satisfies(item -> assertThat(item.profiles()).containsExactly(first.profileId(), second.profileId()));
    }

    @Test
    void aSecondCrmIdForAProfileIsNotClaimedAndOpensAReviewItem() {
        Resolution first = resolve(seen(CRM, EMAIL));

        Resolution again = resolve(seen(EMAIL, new Identifier(IdentifierKind.CRM_ID, "", "C-9")));

        assertThat(again.outcome()).isEqualTo(ResolveOutcome.CONFLICT);
        assertThat(again.profileId()).isEqualTo(first.profileId());
        assertThat(graph.owners).doesNotContainKey("acme/crm_id C-9");
    }

    @Test
    void anObservationCarryingTwoCrmIdsCreatesAProfileWithOneAndOpensAReviewItem() {
        Resolution both = resolve(seen(CRM, new Identifier(IdentifierKind.CRM_ID, "", "C-7")));

        assertThat(both.outcome()).isEqualTo(ResolveOutcome.CONFLICT);
        assertThat(both.reviewItemId()).isPresent();
        assertThat(both.explanation()).contains("created a new profile").contains("not claimed: crm_id C-7");
        assertThat(graph.owners).containsKey("acme/crm_id C-1").doesNotContainKey("acme/crm_id C-7");
        assertThat(graph.reviews).hasSize(1);
    }

    @Test
    void aWeakIdentifierNeverMergesTwoProfilesOnItsOwn() {
        Identifier tablet = new Identifier(IdentifierKind.DEVICE_ID, "", "family-tablet");
        Resolution alice = resolve(seen(EMAIL, tablet));

        Resolution bob = resolve(seen(PHONE, tablet));

        assertThat(bob.outcome()).isEqualTo(ResolveOutcome.CREATED);
        assertThat(bob.profileId()).isNotEqualTo(alice.profileId());
        assertThat(graph.profiles()).hasSize(2);
    }

    @Test
    void placeholdersAreRecordedButNeverLinkTwoPeople() {
        Identifier noreply = new Identifier(IdentifierKind.EMAIL, "", "noreply@shop.example");
        Resolution alice = resolve(seen(EMAIL, noreply));
        Resolution bob = resolve(seen(PHONE, noreply));

        assertThat(bob.profileId()).isNotEqualTo(alice.profileId());
        assertThat(graph.owners).doesNotContainKey("acme/email noreply@shop.example");
        assertThat(graph.recorded.get(alice.profileId())).containsExactly(noreply);
    }

    @Test
    void tenantsNeverShareAnIdentifier() {
        Resolution acme = resolve(seen(EMAIL));
        Resolution other = resolver.resolve(new TenantId("globex"), seen(EMAIL)).toCompletableFuture().join();

        assertThat(other.outcome()).isEqualTo(ResolveOutcome.CREATED);
        assertThat(other.profileId()).isNotEqualTo(acme.profileId());
    }

    @Test
    void racingResolutionsOfTheSameNewIdentifiersCreateOneProfile() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<CompletableFuture<Resolution>> racing = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                Observation observation = i % 2 == 0 ? seen(EMAIL, PHONE) : seen(PHONE, EMAIL);
                racing.add(CompletableFuture.supplyAsync(() -> resolve(observation), pool));
            }
            List<Resolution> answers = racing.stream().map(CompletableFuture::join).toList();

            assertThat(answers).extracting(Resolution::profileId).containsOnly(answers.get(0).profileId());
            assertThat(answers).filteredOn(r -> r.outcome() == ResolveOutcome.CREATED).hasSize(1);
            assertThat(graph.profiles()).containsExactly(answers.get(0).profileId());
        } finally {
            pool.shutdownNow();
        }
    }
}
