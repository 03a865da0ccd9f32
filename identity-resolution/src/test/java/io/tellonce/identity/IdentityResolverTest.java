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
    private final IdentityResolver resolver = new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()));

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
    void aKnownIdentifierMatchesAndNewOnesJoinTheProfile() {
        Resolution created = resolve(seen(EMAIL));
        Resolution matched = resolve(seen(PHONE, EMAIL));

        assertThat(matched.outcome()).isEqualTo(ResolveOutcome.MATCHED);
        assertThat(matched.profileId()).isEqualTo(created.profileId());
        assertThat(matched.explanation()).isEqualTo("matched on email alice@example.com");
        assertThat(graph.owners.get("acme/phone +447700900123").owner()).isEqualTo(created.profileId());
    }

    @Test
    void identifiersOfTwoProfilesMatchTheStrongestKindAndMergeNothing() {
        Resolution byEmail = resolve(seen(EMAIL));
        Resolution byCrm = resolve(seen(CRM));

        Resolution both = resolve(seen(EMAIL, CRM));

        assertThat(both.profileId()).isEqualTo(byCrm.profileId());
        assertThat(both.explanation()).contains("matched on crm_id C-1")
                .contains("not merged: email alice@example.com belongs to profile " + byEmail.profileId());
        assertThat(graph.owners.get("acme/email alice@example.com").owner()).isEqualTo(byEmail.profileId());
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
            assertThat(graph.profiles).containsExactly(answers.get(0).profileId());
        } finally {
            pool.shutdownNow();
        }
    }
}
