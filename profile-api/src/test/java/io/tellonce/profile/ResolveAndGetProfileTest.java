package io.tellonce.profile;

import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.google.protobuf.Timestamp;
import com.google.type.Date;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.ChangeLogRows;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc.IdentityServiceBlockingStub;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ProfileServiceGrpc.ProfileServiceBlockingStub;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import io.grpc.Status;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Resolve and GetProfile against the real service on real Cassandra and Elasticsearch. */
@MicronautTest
class ResolveAndGetProfileTest extends ServiceTest {
    @Inject
    CqlSession session;

    ResolveAndGetProfileTest() {
        super("it_resolve");
    }

    private IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private ProfileServiceBlockingStub profiles(String tenant) {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private static Identifier email(String value) {
        return Identifier.newBuilder().setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL).setValue(value).build();
    }

    private static Identifier phone(String value) {
        return Identifier.newBuilder().setKind(IdentifierKind.IDENTIFIER_KIND_PHONE).setValue(value).build();
    }

    private static String unique(String local) {
        return local + "-" + UUID.randomUUID() + "@example.com";
    }

    private static ResolveRequest seen(Identifier... identifiers) {
        return ResolveRequest.newBuilder().addAllIdentifiers(List.of(identifiers)).setSourceSystem("web").build();
    }

    private Profile profileByIdentifier(String tenant, Identifier identifier) {
        return profiles(tenant).getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setIdentifier(identifier)).build()).getProfile();
    }

    @Test
    void aNewEmailCreatesAProfileAndTheSameEmailInAnyCaseOrSpacingMatchesIt() {
        String address = unique("alice");

        ResolveResponse created = identity("acme").resolve(seen(email(address)));
        ResolveResponse again = identity("acme").resolve(seen(email("  " + address.toUpperCase() + " ")));

        assertThat(created.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(again.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        assertThat(again.getProfileId()).isEqualTo(created.getProfileId());
        assertThat(again.getIdentifiers(0).getValue()).isEqualTo(address);
        assertThat(again.getExplanation()).isEqualTo("matched on email " + address);
    }

    @Test
    void getProfileFindsTheProfileByIdAndByEveryIdentifierWithItsAttributes() {
        String address = unique("bob");
        ResolveRequest request = seen(email(address), phone("07700 900456")).toBuilder()
                .setSourceSystem("crm")
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Bob").setFamilyName("Jones")
                        .setDateOfBirth(Date.newBuilder().setYear(1980).setMonth(2).setDay(29))
                        .setAddress(PostalAddress.newBuilder().addLines("1 High Street").addLines("Flat 2")
                                .setLocality("Leeds").setPostalCode("LS1 1AA").setCountryCode("GB"))
                        .putCustom("tier", "gold"))
                .build();
        String profileId = identity("acme").resolve(request).getProfileId();

        Profile byId = profiles("acme").getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(profileId)).build()).getProfile();
        Profile byPhone = profileByIdentifier("acme", phone("+44 7700 900456"));

        assertThat(byPhone).isEqualTo(byId);
        assertThat(byId.getProfileId()).isEqualTo(profileId);
        assertThat(byId.getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactlyInAnyOrder(email(address), phone("+447700900456"));
        assertThat(byId.getIdentifiersList()).extracting(ProfileIdentifier::getSourceSystem).containsOnly("crm");
        assertThat(byId.getAttributes()).isEqualTo(request.getAttributes());
    }

    @Test
    void seeingAKnownCustomerAgainWithNothingNewPublishesNothingButALostListingIsRepairedAndPublished() {
        String address = unique("dora");
        String profileId = identity("acme").resolve(seen(email(address))).getProfileId();
        UUID node = UUID.fromString(profileId);
        int published = changesNaming(profileId).size();

        identity("acme").resolve(seen(email(address)));
        identity("acme").resolve(seen(email(address)));

        assertThat(changesNaming(profileId)).as("a plain match re-indexes nothing").hasSize(published);

        // A crash between a claim and its listing: the second address is claimed for the node but not listed on it.
        String second = unique("dora.work");
        String kind = session.execute(SimpleStatement.newInstance("SELECT kind FROM identity_node"
                + " WHERE tenant = 'acme' AND node_id = ? AND kind > ''", node)).one().getString("kind");
        session.execute(SimpleStatement.newInstance("INSERT INTO identifier_owner (tenant, kind, namespace, value,"
                + " node_id, source_system, claimed_at, evidence) VALUES ('acme', ?, '', ?, ?, 'web', ?, 'test')",
                kind, second, node, Instant.now()));
        assertThat(profileByIdentifier("acme", email(second)).getIdentifiersList())
                .extracting(ProfileIdentifier::getIdentifier).containsExactly(email(address));

        ResolveResponse repaired = identity("acme").resolve(seen(email(second)));

        assertThat(repaired.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        assertThat(repaired.getProfileId()).isEqualTo(profileId);
        assertThat(profileByIdentifier("acme", email(address)).getIdentifiersList())
                .extracting(ProfileIdentifier::getIdentifier).containsExactlyInAnyOrder(email(address), email(second));
        assertThat(changesNaming(profileId)).as("the repair tells the indexer").hasSize(published + 1);
    }

    private List<String> changesNaming(String profileId) {
        return ChangeLogRows.naming(session, "acme", UUID.fromString(profileId), Duration.ofMinutes(5));
    }

    @Test
    void theLatestObservationWinsPerAttributeEvenWhenItArrivesFirst() {
        Identifier id = email(unique("carol"));
        identity("acme").resolve(seen(id).toBuilder().setObservedAt(at("2026-11-20T10:00:00Z"))
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Carol").setFamilyName("Newname")).build());
        identity("acme").resolve(seen(id).toBuilder().setObservedAt(at("2026-01-01T10:00:00Z"))
                .setAttributes(PersonAttributes.newBuilder().setFamilyName("Oldname").setLocale("en-GB")).build());

        PersonAttributes attributes = profileByIdentifier("acme", id).getAttributes();

        assertThat(attributes.getFamilyName()).isEqualTo("Newname");
        assertThat(attributes.getLocale()).isEqualTo("en-GB");
        assertThat(attributes.getGivenName()).isEqualTo("Carol");
    }

    @Test
    void aKnownIdentifierBringsNewIdentifiersIntoItsProfile() {
        Identifier address = email(unique("dave"));
        String profileId = identity("acme").resolve(seen(address)).getProfileId();

        ResolveResponse matched = identity("acme").resolve(seen(phone("+1 415 555 0101"), address));

        assertThat(matched.getProfileId()).isEqualTo(profileId);
        assertThat(profileByIdentifier("acme", phone("+14155550101")).getProfileId()).isEqualTo(profileId);
    }

    @Test
    void tenantsNeverSeeEachOthersProfiles() {
        Identifier address = email(unique("erin"));
        String acmeProfile = identity("acme").resolve(seen(address)).getProfileId();

        ResolveResponse globex = identity("globex").resolve(seen(address));

        assertThat(globex.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(globex.getProfileId()).isNotEqualTo(acmeProfile);
        assertThat(Failures.code(() -> profiles("globex").getProfile(GetProfileRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId(acmeProfile)).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void concurrentResolvesOfTheSameNewIdentifiersCreateExactlyOneProfile() {
        Identifier address = email(unique("frank"));
        Identifier number = phone("+4420" + (10_000_000 + (int) (Math.random() * 89_999_999)));
        ExecutorService callers = Executors.newFixedThreadPool(32);
        try {
            List<CompletableFuture<ResolveResponse>> racing = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                ResolveRequest request = i % 2 == 0 ? seen(address, number) : seen(number, address);
                racing.add(CompletableFuture.supplyAsync(() -> identity("acme").resolve(request), callers));
            }
            List<ResolveResponse> answers = racing.stream().map(CompletableFuture::join).toList();

            String winner = answers.get(0).getProfileId();
            assertThat(answers).extracting(ResolveResponse::getProfileId).containsOnly(winner);
            assertThat(answers).filteredOn(a -> a.getOutcome() == ResolveOutcome.RESOLVE_OUTCOME_CREATED).hasSize(1);
            Profile profile = profileByIdentifier("acme", number);
            assertThat(profile.getProfileId()).isEqualTo(winner);
            assertThat(profile.getIdentifiersList()).hasSize(2);
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyGetsTheFirstAnswer() {
        ResolveRequest request = seen(email(unique("gina"))).toBuilder()
                .setIdempotencyKey(UUID.randomUUID().toString()).build();

        ResolveResponse first = identity("acme").resolve(request);
        ResolveResponse retry = identity("acme").resolve(request);

        assertThat(first.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(retry).isEqualTo(first);
        assertThat(identity("acme").resolve(request.toBuilder().clearIdempotencyKey().build()).getOutcome())
                .isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
    }

    @Test
    void anIdempotencyKeyReusedForAnotherRequestIsRefused() {
        String key = UUID.randomUUID().toString();
        identity("acme").resolve(seen(email(unique("hank"))).toBuilder().setIdempotencyKey(key).build());

        assertThat(Failures.invalidFields(() -> identity("acme")
                .resolve(seen(email(unique("ivy"))).toBuilder().setIdempotencyKey(key).build())))
                .containsExactly("idempotency_key");
    }

    private static Timestamp at(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }
}
