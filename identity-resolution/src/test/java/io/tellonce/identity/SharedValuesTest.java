package io.tellonce.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Values seen on enough distinct profiles become shared and link no one from then on. */
class SharedValuesTest {
    private static final TenantId TENANT = new TenantId("acme");
    private static final Identifier FAMILY = new Identifier(IdentifierKind.EMAIL, "", "family@example.com");
    private static final Identifier TABLET = new Identifier(IdentifierKind.DEVICE_ID, "", "shop-tablet-1");
    private static final String SHARED = "email family@example.com is shared by at least 3 profiles and links no one";

    private final InMemoryIdentityGraph graph = new InMemoryIdentityGraph();
    private MergePolicy policy = MergePolicy.defaults().withSharedAfterProfiles(3);
    private final IdentityResolver resolver = new IdentityResolver(graph, () -> new ProfileId(UUID.randomUUID()),
            tenant -> policy);

    private static Identifier crm(int person) {
        return new Identifier(IdentifierKind.CRM_ID, "", "C-" + person);
    }

    private static Identifier phone(int person) {
        return new Identifier(IdentifierKind.PHONE, "", "+4477009001" + (10 + person));
    }

    private Resolution resolve(Identifier... ids) {
        return resolver.resolve(TENANT, new Observation(List.of(ids), Map.of(), "web-shop",
                Instant.parse("2026-11-01T10:00:00Z"))).toCompletableFuture().join();
    }

    private boolean shared(Identifier id) {
        return graph.owners.get(TENANT + "/" + id).shared();
    }

    @Test
    void aFamilyEmailTypedNextToDifferentCrmIdsBecomesSharedOnItsThirdProfile() {
        Set<ProfileId> profiles = new HashSet<>();
        for (int person = 1; person <= 3; person++) {
            profiles.add(resolve(crm(person)).profileId());
            Resolution withEmail = resolve(crm(person), FAMILY);
            assertThat(withEmail.outcome()).isEqualTo(person == 1 ? ResolveOutcome.MATCHED : ResolveOutcome.CONFLICT);
            assertThat(shared(FAMILY)).isEqualTo(person == 3);
            assertThat(withEmail.explanation().contains(SHARED + " from now on")).isEqualTo(person == 3);
        }
        int reviews = graph.reviews.size();

        profiles.add(resolve(crm(4)).profileId());
        Resolution fourth = resolve(crm(4), FAMILY);

        assertThat(fourth.outcome()).isEqualTo(ResolveOutcome.MATCHED);
        assertThat(fourth.explanation()).isEqualTo("matched on crm_id C-4; " + SHARED);
        assertThat(graph.reviews).hasSize(reviews);
        assertThat(graph.recorded.get(fourth.profileId())).contains(FAMILY);
        assertThat(profiles).hasSize(4).contains(fourth.profileId());
    }

    @Test
    void crmIdsThePolicyRefusedCountAsPeopleEvenWithoutAProfile() {
        ProfileId first = resolve(crm(1), FAMILY).profileId();
        assertThat(resolve(crm(2), FAMILY).outcome()).isEqualTo(ResolveOutcome.CONFLICT);
        assertThat(resolve(crm(3), FAMILY).explanation()).contains(SHARED + " from now on");

        Resolution fourth = resolve(crm(4), FAMILY);

        assertThat(fourth.outcome()).isEqualTo(ResolveOutcome.CREATED);
        assertThat(fourth.profileId()).isNotEqualTo(first);
        assertThat(fourth.explanation()).endsWith(SHARED);
        assertThat(graph.owners.get(TENANT + "/" + FAMILY).owner()).isEqualTo(first);
    }

    @Test
    void thesamePersonSeenAgainIsNotCountedTwice() {
        resolve(crm(1), FAMILY);
        for (int i = 0; i < 5; i++) {
            resolve(crm(2), FAMILY);
        }

        assertThat(shared(FAMILY)).isFalse();
        assertThat(graph.sightings.get(TENANT + "/" + FAMILY)).hasSize(2);
    }

    @Test
    void aWeakValueOnSeveralPeoplesObservationsBecomesSharedAndIdentifiesNoOneAlone() {
        ProfileId owner = resolve(phone(1), TABLET).profileId();
        assertThat(resolve(TABLET).profileId()).isEqualTo(owner);
        resolve(phone(2), TABLET);
        resolve(phone(3), TABLET);

        assertThat(shared(TABLET)).isTrue();
        assertThatThrownBy(() -> resolve(TABLET))
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UnidentifiableObservation.class)
                .hasMessageContaining("device_id shop-tablet-1 is shared by at least 3 profiles and links no one");
    }

    @Test
    void zeroTurnsTheDetectionOff() {
        policy = MergePolicy.defaults().withSharedAfterProfiles(0);
        resolve(crm(1), FAMILY);
        for (int person = 2; person <= 10; person++) {
            assertThat(resolve(crm(person), FAMILY).outcome()).isEqualTo(ResolveOutcome.CONFLICT);
        }

        assertThat(shared(FAMILY)).isFalse();
        assertThat(graph.sightings).isEmpty();
    }

    @Test
    void oneProfileIsNotShared() {
        assertThatThrownBy(() -> MergePolicy.defaults().withSharedAfterProfiles(1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("shared-after-profiles");
    }
}
