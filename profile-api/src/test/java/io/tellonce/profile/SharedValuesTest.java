package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.graphOf;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.MergePolicies;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.GraphInvariants;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A value seen on enough distinct profiles is marked shared and links no one (ADR 18), on the real stores. */
@MicronautTest
class SharedValuesTest extends ServiceTest {
    private static final String TENANT = "family";
    private static final int SHARED_AFTER = 3;

    @Inject
    CqlSession session;
    @Inject
    MergePolicies policies;

    SharedValuesTest() {
        super("it_shared");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tellonce.identity.merge-policy.tenants." + TENANT + ".shared-after-profiles",
                String.valueOf(SHARED_AFTER));
        return properties;
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), TENANT);
    }

    private ProfileIdentifier listed(String profileId, Identifier identifier) {
        return identity().getIdentityGraph(graphOf(profileId)).getNodesList().stream()
                .flatMap(node -> node.getIdentifiersList().stream())
                .filter(listed -> listed.getIdentifier().getValue().equals(identifier.getValue()))
                .findFirst().orElseThrow();
    }

    @Test
    void peopleTypingOneFamilyEmailNextToTheirOwnCrmIdsStaySeparateAndTheEmailBecomesShared() {
        Identifier family = email(uniqueEmail("family"));
        String value = family.getValue();
        List<String> profiles = new java.util.ArrayList<>();
        List<ResolveResponse> withEmail = new java.util.ArrayList<>();
        Identifier firstCrm = crm("C-" + UUID.randomUUID());
        for (int person = 1; person <= SHARED_AFTER + 1; person++) {
            Identifier crmId = person == 1 ? firstCrm : crm("C-" + UUID.randomUUID());
            profiles.add(identity().resolve(seen("crm", crmId)).getProfileId());
            withEmail.add(identity().resolve(seen("web-shop", crmId, family)));
        }

        assertThat(withEmail.stream().map(ResolveResponse::getOutcome)).containsExactly(
                ResolveOutcome.RESOLVE_OUTCOME_MATCHED, ResolveOutcome.RESOLVE_OUTCOME_CONFLICT,
                ResolveOutcome.RESOLVE_OUTCOME_CONFLICT, ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        assertThat(withEmail.get(2).getExplanation()).contains("email " + value + " is shared by at least "
                + SHARED_AFTER + " profiles and links no one from now on");
        assertThat(withEmail.get(3).getExplanation()).endsWith("email " + value + " is shared by at least "
                + SHARED_AFTER + " profiles and links no one");
        Set<String> distinct = new HashSet<>(profiles);
        withEmail.forEach(response -> distinct.add(response.getProfileId()));
        assertThat(distinct).hasSize(SHARED_AFTER + 1).containsExactlyInAnyOrderElementsOf(profiles);

        // The owner keeps it (seen again, still as its claim) and the latest person records it; both
        // show since when it is shared.
        ResolveResponse ownerAgain = identity().resolve(seen("web-shop", firstCrm, family));
        assertThat(ownerAgain.getProfileId()).isEqualTo(profiles.get(0));
        ProfileIdentifier onOwner = listed(profiles.get(0), family);
        assertThat(onOwner.getEvidence()).doesNotContain("recorded only");
        ProfileIdentifier onLatest = listed(profiles.get(SHARED_AFTER), family);
        assertThat(onOwner.hasSharedTime()).isTrue();
        assertThat(onLatest.getSharedTime()).isEqualTo(onOwner.getSharedTime());

        var alone = Failures.failure(() -> identity().resolve(seen("web-shop", family)));
        assertThat(alone.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(alone.getStatus().getDescription()).contains("identifiers").contains("is shared by at least");

        assertThat(new GraphInvariants(session, TENANT).broken(policies.apply(new TenantId(TENANT)))).isEmpty();
    }

    @Test
    void crmIdsRefusedOnTheOwnersProfileCountAsPeopleAndGetTheirOwnProfileOnceTheEmailIsShared() {
        Identifier family = email(uniqueEmail("household"));
        List<Identifier> crmIds = List.of(crm("C-" + UUID.randomUUID()), crm("C-" + UUID.randomUUID()),
                crm("C-" + UUID.randomUUID()), crm("C-" + UUID.randomUUID()));
        String owner = identity().resolve(seen("web-shop", crmIds.get(0), family)).getProfileId();
        ResolveResponse second = identity().resolve(seen("web-shop", crmIds.get(1), family));
        ResolveResponse third = identity().resolve(seen("web-shop", crmIds.get(2), family));
        ResolveResponse fourth = identity().resolve(seen("web-shop", crmIds.get(3), family));
        ResolveResponse secondAgain = identity().resolve(seen("web-shop", crmIds.get(1), family));

        assertThat(List.of(second.getProfileId(), third.getProfileId())).containsOnly(owner);
        assertThat(third.getExplanation()).contains("links no one from now on");
        assertThat(fourth.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(secondAgain.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(Set.of(owner, fourth.getProfileId(), secondAgain.getProfileId())).hasSize(3);
    }
}
