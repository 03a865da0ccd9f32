package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.byId;
import static io.tellonce.profile.support.Interactions.contextOf;
import static io.tellonce.profile.support.Interactions.inbound;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asCaller;
import static io.tellonce.profile.support.ServiceUnderTest.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.type.Date;
import io.grpc.BindableService;
import io.grpc.Metadata;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.devstack.AccessTokenClaims;
import io.tellonce.profile.security.CallerRole;
import io.tellonce.profile.security.RpcPermissions;
import io.tellonce.profile.support.AnyRpc;
import io.tellonce.profile.support.AnyRpc.Outcome;
import io.tellonce.profile.support.AnyRpc.Rpc;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.TestTokens;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.ContextServiceGrpc;
import io.tellonce.proto.v1.GetCustomerContextResponse;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PostalAddress;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.Speaker;
import io.tellonce.proto.v1.TranscriptMessage;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Who may call what, through gRPC on the real stores: no token or a bad one is UNAUTHENTICATED on
 * every RPC, each role gets exactly the RPCs it is declared for, the tenant comes from the token, and
 * bots and personalisation engines see redacted answers.
 */
@MicronautTest
class CallerAuthenticationTest extends ServiceTest {
    private static final byte[] EMPTY_REQUEST = new byte[0];

    @Inject
    List<BindableService> services;
    @Inject
    RpcPermissions permissions;

    CallerAuthenticationTest() {
        super("auth_test");
    }

    private List<Rpc> rpcs() {
        List<Rpc> rpcs = AnyRpc.served(services);
        assertThat(rpcs).as("the service serves its RPCs").hasSizeGreaterThan(20);
        return rpcs;
    }

    @Test
    void everyRpcRefusesACallWithoutAValidToken() {
        AccessTokenClaims agent = TestTokens.claims("acme", "agent-1", List.of("agent"));
        List<String> badTokens = List.of(
                "not-a-jwt",
                TestTokens.sign(agent.expiringAt(Instant.now().minus(10, ChronoUnit.MINUTES))),
                TestTokens.signedByStranger(agent),
                TestTokens.sign(agent.withIssuer("someone-else")),
                TestTokens.sign(agent.withAudience("another-service")),
                TestTokens.forRoles("acme", "nobody", List.of("superuser")));
        for (Rpc rpc : rpcs()) {
            assertThat(AnyRpc.call(service.channel(), rpc, EMPTY_REQUEST, null, null).code())
                    .as("%s without a token", rpc).isEqualTo(Status.Code.UNAUTHENTICATED);
            for (String token : badTokens) {
                assertThat(AnyRpc.call(service.channel(), rpc, EMPTY_REQUEST, token, null).code())
                        .as("%s with a bad token", rpc).isEqualTo(Status.Code.UNAUTHENTICATED);
            }
        }
    }

    @Test
    void theRefusalSaysWhatIsWrongWithTheToken() {
        Rpc getProfile = rpc("tellonce.v1.ProfileService/GetProfile");
        AccessTokenClaims agent = TestTokens.claims("acme", "agent-1", List.of("agent"));

        assertThat(AnyRpc.call(service.channel(), getProfile, EMPTY_REQUEST, null, null).description())
                .contains("authorization: Bearer");
        assertThat(AnyRpc.call(service.channel(), getProfile, EMPTY_REQUEST,
                TestTokens.sign(agent.expiringAt(Instant.now().minus(10, ChronoUnit.MINUTES))), null).description())
                .containsIgnoringCase("expired");
        assertThat(AnyRpc.call(service.channel(), getProfile, EMPTY_REQUEST, TestTokens.signedByStranger(agent), null)
                .description()).containsIgnoringCase("signature");
    }

    @Test
    void eachRoleCallsExactlyTheRpcsDeclaredForIt() {
        List<String> misjudged = new ArrayList<>();
        for (Rpc rpc : rpcs()) {
            for (CallerRole role : CallerRole.values()) {
                String token = TestTokens.forRoles("acme", "caller-" + role.claimValue(), List.of(role.claimValue()));
                Outcome outcome = AnyRpc.call(service.channel(), rpc, EMPTY_REQUEST, token, null);
                boolean allowed = permissions.rolesFor(rpc.fullName()).contains(role);
                boolean refused = outcome.code() == Status.Code.PERMISSION_DENIED;
                if (allowed == refused || outcome.code() == Status.Code.UNAUTHENTICATED
                        || outcome.code() == Status.Code.INTERNAL || outcome.code() == Status.Code.UNKNOWN) {
                    misjudged.add(role.claimValue() + " -> " + rpc + ": " + outcome);
                }
            }
        }
        assertThat(misjudged).isEmpty();
    }

    @Test
    void theDeclaredRolesFollowLeastPrivilege() {
        assertThat(permissions.rolesFor("tellonce.v1.IdentityService/MergeProfiles")).containsExactly(CallerRole.ADMIN);
        assertThat(permissions.rolesFor("tellonce.v1.SearchService/Reindex")).containsExactly(CallerRole.ADMIN);
        assertThat(permissions.rolesFor("tellonce.v1.PrivacyService/QueryAudit"))
                .containsExactly(CallerRole.PRIVACY_OFFICER);
        assertThat(permissions.table()).allSatisfy((rpc, roles) -> {
            if (!Set.of("tellonce.v1.ContextService/GetCustomerContext", "tellonce.v1.HistoryService/ListOpenCases",
                    "tellonce.v1.HistoryService/RecordInteraction").contains(rpc)) {
                assertThat(roles).as(rpc).doesNotContain(CallerRole.BOT);
            }
            if (!rpc.startsWith("tellonce.v1.ConsentService/Check") && !rpc.endsWith("BatchCheckConsent")
                    && !rpc.endsWith("/GetConsents") && !rpc.endsWith("/GetProfile")) {
                assertThat(roles).as(rpc).doesNotContain(CallerRole.PERSONALISATION);
            }
        });
    }

    @Test
    void aTokenOfOneTenantNeverReachesAnotherTenantsData() {
        String mail = uniqueEmail("tenant");
        String number = uniquePhone();
        String acmeProfile = asCaller(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme", "crm", "ingest")
                .resolve(ResolveRequest.newBuilder().addIdentifiers(email(mail)).addIdentifiers(phone(number))
                        .setAttributes(PersonAttributes.newBuilder().setFamilyName("Quibbleworth"))
                        .setSourceSystem("crm").build()).getProfileId();
        GetProfileResponse before = asCaller(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme", "a", "agent")
                .getProfile(GetProfileRequest.newBuilder().setLookup(byId(acmeProfile)).build());
        String globex = TestTokens.forTenant("globex");
        Metadata namingAcme = new Metadata();
        namingAcme.put(Metadata.Key.of("x-tenant-id", Metadata.ASCII_STRING_MARSHALLER), "acme");

        List<String> leaks = new ArrayList<>();
        for (Rpc rpc : rpcs()) {
            byte[] request = AnyRpc.naming(rpc, acmeProfile, mail);
            Outcome outcome = AnyRpc.call(service.channel(), rpc, request, globex, null);
            // The e-mail is in globex's own request and may come back; what acme alone holds must not.
            if (outcome.mentions(acmeProfile) || outcome.mentions(number) || outcome.mentions("Quibbleworth")) {
                leaks.add(rpc + " answered globex with acme's person: " + outcome);
            }
            assertThat(AnyRpc.call(service.channel(), rpc, request, globex, namingAcme).code())
                    .as("%s naming another tenant than the token's", rpc).isEqualTo(Status.Code.PERMISSION_DENIED);
        }
        assertThat(leaks).isEmpty();
        GetProfileResponse after = asCaller(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme", "a", "agent")
                .getProfile(GetProfileRequest.newBuilder().setLookup(byId(acmeProfile)).build());
        assertThat(after.getProfile().getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .isEqualTo(before.getProfile().getIdentifiersList().stream().map(ProfileIdentifier::getIdentifier).toList());
        assertThat(after.getProfile().getProfileId()).isEqualTo(acmeProfile);
    }

    @Test
    void aBotSeesMaskedIdentifiersNoAddressOrBirthDateAndOnlyItsOwnChannelsTranscripts() {
        String mail = uniqueEmail("bot");
        String number = uniquePhone();
        String profile = asCaller(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme", "crm", "ingest")
                .resolve(ResolveRequest.newBuilder().addIdentifiers(email(mail)).addIdentifiers(phone(number))
                        .setAttributes(PersonAttributes.newBuilder().setGivenName("Ada").setFamilyName("Lovelace")
                                .setDateOfBirth(Date.newBuilder().setYear(1990).setMonth(12).setDay(10))
                                .setAddress(PostalAddress.newBuilder().addLines("12 Analytical Row")
                                        .setLocality("London").setPostalCode("N1 9GU")))
                        .setSourceSystem("crm").build()).getProfileId();
        var recorder = asCaller(HistoryServiceGrpc.newBlockingStub(service.channel()), "acme", "ingest-1", "ingest");
        Instant now = Instant.now();
        recorder.recordInteraction(onProfile(profile, inbound(Channel.CHANNEL_CHAT, now.minusSeconds(120), "billing")
                .addTranscript(said("my bill is wrong"))));
        recorder.recordInteraction(onProfile(profile, inbound(Channel.CHANNEL_VOICE, now.minusSeconds(60), "billing")
                .addTranscript(said("I called about my bill, my card ends 4242"))));

        GetCustomerContextResponse bot = withToken(ContextServiceGrpc.newBlockingStub(service.channel()),
                TestTokens.sign(TestTokens.claims("acme", "bot-1", List.of("bot")).withChannel("chat")))
                .getCustomerContext(contextOf(byId(profile)));
        GetCustomerContextResponse agent = asCaller(ContextServiceGrpc.newBlockingStub(service.channel()), "acme",
                "agent-1", "agent").getCustomerContext(contextOf(byId(profile)));

        assertThat(agent.getProfile().getAttributes().hasAddress()).isTrue();
        assertThat(agent.getProfile().getAttributes().hasDateOfBirth()).isTrue();
        assertThat(agent.getRecentInteractionsList()).allSatisfy(i -> assertThat(i.getTranscriptCount()).isOne());
        assertThat(agent.toString()).contains(mail);

        assertThat(bot.getProfile().getAttributes().getGivenName()).isEqualTo("Ada");
        assertThat(bot.getProfile().getAttributes().hasAddress()).isFalse();
        assertThat(bot.getProfile().getAttributes().hasDateOfBirth()).isFalse();
        assertThat(bot.toString()).doesNotContain(mail).doesNotContain(number).doesNotContain("Analytical")
                .doesNotContain("card ends 4242");
        assertThat(bot.getProfile().getIdentifiersList()).extracting(id -> id.getIdentifier().getValue())
                .contains(mail.charAt(0) + "*".repeat(mail.indexOf('@') - 1) + mail.substring(mail.indexOf('@')),
                        "*".repeat(number.length() - 4) + number.substring(number.length() - 4));
        assertThat(bot.getRecentInteractionsList()).filteredOn(i -> i.getChannel() == Channel.CHANNEL_CHAT)
                .singleElement().satisfies(chat -> assertThat(chat.getTranscriptCount()).isOne());
        assertThat(bot.getRecentInteractionsList()).filteredOn(i -> i.getChannel() == Channel.CHANNEL_VOICE)
                .singleElement().satisfies(voice -> {
                    assertThat(voice.getTranscriptCount()).isZero();
                    assertThat(voice.getTopic()).as("the topic stays: a bot may know what the call was about")
                            .isEqualTo("billing");
                });
    }

    @Test
    void aPersonalisationEngineReadsOnlyConsentedAttributesAndNoIdentifiers() {
        String mail = uniqueEmail("perso");
        String profile = asCaller(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme", "crm", "ingest")
                .resolve(ResolveRequest.newBuilder().addIdentifiers(email(mail))
                        .setAttributes(PersonAttributes.newBuilder().setGivenName("Grace").setLocale("en-GB"))
                        .setSourceSystem("crm").build()).getProfileId();

        GetProfileResponse read = asCaller(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme", "engine",
                "personalisation").getProfile(GetProfileRequest.newBuilder().setLookup(byId(profile)).build());

        assertThat(read.getProfile().getIdentifiersList()).isEmpty();
        assertThat(read.getProfile().getAttributes().getGivenName()).as("no consent to personalise: withheld").isEmpty();
        assertThat(read.getWithheldList()).isNotEmpty();
        assertThat(read.toString()).doesNotContain(mail);
    }

    private static TranscriptMessage.Builder said(String text) {
        return TranscriptMessage.newBuilder().setSpeaker(Speaker.SPEAKER_CUSTOMER).setText(text);
    }

    private Rpc rpc(String fullName) {
        return rpcs().stream().filter(rpc -> rpc.fullName().equals(fullName)).findFirst().orElseThrow();
    }
}
