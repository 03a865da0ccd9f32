package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.BatchCheckConsentRequest;
import io.tellonce.proto.v1.BatchCheckConsentResponse;
import io.tellonce.proto.v1.CheckConsentRequest;
import io.tellonce.proto.v1.CheckConsentResponse;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentCheck;
import io.tellonce.proto.v1.ConsentCheckResult;
import io.tellonce.proto.v1.ConsentDecision;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentRecord;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.ConsentVerdict;
import io.tellonce.proto.v1.DecisionBasis;
import io.tellonce.proto.v1.GetConsentHistoryRequest;
import io.tellonce.proto.v1.GetConsentHistoryResponse;
import io.tellonce.proto.v1.GetConsentsRequest;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.GetProfileResponse;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MergeProfilesResponse;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.SetConsentResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import io.tellonce.proto.v1.WithheldField;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The consent ledger through gRPC on the real stores: decisions with reasons, merges, batches, purpose-aware reads. */
@MicronautTest
class ConsentLedgerTest extends ServiceTest {
    @Inject
    CqlSession session;

    ConsentLedgerTest() {
        super("consent_test");
    }

    @Override
    public java.util.Map<String, String> getProperties() {
        java.util.Map<String, String> properties = new java.util.HashMap<>(super.getProperties());
        properties.put("tellonce.consent.tenants.lenient.allowed-by-default", "analytics");
        return properties;
    }

    private ConsentServiceGrpc.ConsentServiceBlockingStub consent() {
        return asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub profiles() {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private static ProfileLookup byId(String profileId) {
        return ProfileLookup.newBuilder().setProfileId(profileId).build();
    }

    private static ProfileLookup by(Identifier identifier) {
        return ProfileLookup.newBuilder().setIdentifier(identifier).build();
    }

    private static Timestamp at(String time) {
        Instant instant = Instant.parse(time);
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).build();
    }

    private static SetConsentRequest.Builder answer(ProfileLookup lookup, ConsentPurpose purpose, ConsentChannel channel,
                                                    ConsentStatus status, String capturedAt) {
        return SetConsentRequest.newBuilder().setLookup(lookup).setPurpose(purpose).setChannel(channel).setStatus(status)
                .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("app").setActor("customer")
                .setCaptureTime(at(capturedAt)).setPolicyVersion("2026-10").setEvidence("form 17: 'Send me offers'");
    }

    private ConsentDecision check(ProfileLookup lookup, ConsentPurpose purpose, ConsentChannel channel) {
        return consent().checkConsent(CheckConsentRequest.newBuilder().setCheck(ConsentCheck.newBuilder()
                .setLookup(lookup).setPurpose(purpose).setChannel(channel)).build()).getDecision();
    }

    private String newPerson(Identifier... identifiers) {
        return identity().resolve(seen("web", identifiers)).getProfileId();
    }

    @Test
    void aGrantAllowsAWithdrawalDeniesAndEachDecisionSaysWhyAndOnWhichRecord() {
        String person = newPerson(email(uniqueEmail("grace")));

        SetConsentResponse granted = consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z").build());
        ConsentDecision allowed = check(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL);
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentStatus.CONSENT_STATUS_WITHDRAWN, "2026-11-20T09:00:00Z").build());
        ConsentDecision denied = check(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL);

        assertThat(granted.getProfileId()).isEqualTo(person);
        assertThat(allowed.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_ALLOW);
        assertThat(allowed.getReason()).isEqualTo("allowed: granted by customer on 2026-11-01 via app (email)");
        assertThat(allowed.getRecord().getRecordId()).isEqualTo(granted.getRecord().getRecordId());
        assertThat(denied.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(denied.getBasis()).isEqualTo(DecisionBasis.DECISION_BASIS_REFUSED);
        assertThat(denied.getReason()).isEqualTo("denied: withdrawn by customer on 2026-11-20 via app (email)");
        assertThat(denied.getRecord().getEvidence()).isEqualTo("form 17: 'Send me offers'");
    }

    @Test
    void aLateArrivingOlderAnswerDoesNotReplaceANewerOne() {
        String person = newPerson(email(uniqueEmail("late")));
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_PROFILING,
                ConsentChannel.CONSENT_CHANNEL_ANY, ConsentStatus.CONSENT_STATUS_DENIED, "2026-11-10T09:00:00Z").build());
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_PROFILING,
                ConsentChannel.CONSENT_CHANNEL_ANY, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z").build());

        assertThat(check(byId(person), ConsentPurpose.CONSENT_PURPOSE_PROFILING, ConsentChannel.CONSENT_CHANNEL_ANY)
                .getReason()).startsWith("denied: denied by customer on 2026-11-10");
        assertThat(consent().getConsents(GetConsentsRequest.newBuilder().setLookup(byId(person)).build()).getConsentsList())
                .singleElement().extracting(ConsentRecord::getStatus).isEqualTo(ConsentStatus.CONSENT_STATUS_DENIED);
        assertThat(consent().getConsentHistory(GetConsentHistoryRequest.newBuilder().setLookup(byId(person)).build())
                .getRecordsList()).extracting(ConsentRecord::getStatus)
                .containsExactly(ConsentStatus.CONSENT_STATUS_DENIED, ConsentStatus.CONSENT_STATUS_GRANTED);
    }

    @Test
    void anExpiredGrantDeniesAndNothingRecordedFollowsTheTenantsDefault() {
        String person = newPerson(email(uniqueEmail("exp")));
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_SMS, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-01-01T00:00:00Z")
                .setExpireTime(at("2026-02-01T00:00:00Z")).build());

        ConsentDecision expired = check(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_SMS);
        ConsentDecision unknown = check(byId(person), ConsentPurpose.CONSENT_PURPOSE_ANALYTICS,
                ConsentChannel.CONSENT_CHANNEL_ANY);

        assertThat(expired.getBasis()).isEqualTo(DecisionBasis.DECISION_BASIS_EXPIRED);
        assertThat(expired.getReason()).endsWith("expired on 2026-02-01");
        assertThat(unknown.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(unknown.getBasis()).isEqualTo(DecisionBasis.DECISION_BASIS_DEFAULT);
        assertThat(unknown.getReason()).isEqualTo(
                "denied: no consent recorded for analytics; the tenant's default for analytics is deny");
        String lenientPerson = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "lenient")
                .resolve(seen("web", email(uniqueEmail("len")))).getProfileId();
        assertThat(asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), "lenient")
                .checkConsent(CheckConsentRequest.newBuilder().setCheck(ConsentCheck.newBuilder().setLookup(byId(lenientPerson))
                        .setPurpose(ConsentPurpose.CONSENT_PURPOSE_ANALYTICS)
                        .setChannel(ConsentChannel.CONSENT_CHANNEL_ANY)).build()).getDecision().getVerdict())
                .as("a tenant configured to allow analytics by default").isEqualTo(ConsentVerdict.CONSENT_VERDICT_ALLOW);
    }

    @Test
    void anUnsubscribeOfOneAddressStaysWithThatAddress() {
        Identifier home = email(uniqueEmail("home"));
        Identifier work = email(uniqueEmail("work"));
        String person = newPerson(home, work);
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z").build());
        consent().setConsent(answer(by(work), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                ConsentChannel.CONSENT_CHANNEL_EMAIL, ConsentStatus.CONSENT_STATUS_WITHDRAWN, "2026-11-02T09:00:00Z")
                .setIdentifier(work).build());

        ConsentDecision toWork = check(by(work), ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL);
        ConsentDecision toHome = check(by(home), ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL);

        assertThat(toWork.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(toWork.getReason()).contains("for email " + work.getValue().toLowerCase());
        assertThat(toHome.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_ALLOW);
    }

    @Test
    void aMergeOfAWithdrawnAndAGrantedSideStaysWithdrawnAndUnmergeGivesEachSideItsOwnLedger() {
        String withdrawnSide = newPerson(email(uniqueEmail("w")));
        String grantedSide = newPerson(phone(uniquePhone()));
        consent().setConsent(answer(byId(grantedSide), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z").build());
        consent().setConsent(answer(byId(withdrawnSide), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY, ConsentStatus.CONSENT_STATUS_WITHDRAWN, "2026-11-05T09:00:00Z").build());

        MergeProfilesResponse merged = identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(withdrawnSide).addProfileIds(grantedSide).setActor("supervisor-7")
                .setReason("same person").build());
        ConsentDecision afterMerge = check(byId(grantedSide), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY);
        GetConsentHistoryResponse history = consent().getConsentHistory(GetConsentHistoryRequest.newBuilder()
                .setLookup(byId(merged.getProfileId())).build());

        assertThat(afterMerge.getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(afterMerge.getReason()).startsWith("denied: withdrawn by customer on 2026-11-05");
        assertThat(history.getRecordsList()).extracting(ConsentRecord::getNodeId)
                .containsExactly(withdrawnSide, grantedSide);

        identity().unmergeProfile(UnmergeProfileRequest.newBuilder().setMergeId(merged.getMergeId())
                .setActor("supervisor-7").setReason("two people").build());

        assertThat(check(byId(grantedSide), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY).getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_ALLOW);
        assertThat(check(byId(withdrawnSide), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY).getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
    }

    @Test
    void aBatchOfAThousandChecksForManyPeopleAndUnknownOnesIsAnsweredInOrder() {
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String person = newPerson(email(uniqueEmail("batch" + i)));
            people.add(person);
            consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_MARKETING,
                    ConsentChannel.CONSENT_CHANNEL_ANY, i % 2 == 0 ? ConsentStatus.CONSENT_STATUS_GRANTED
                            : ConsentStatus.CONSENT_STATUS_DENIED, "2026-11-01T09:00:00Z").build());
        }
        BatchCheckConsentRequest.Builder batch = BatchCheckConsentRequest.newBuilder();
        for (int i = 0; i < 1000; i++) {
            ProfileLookup lookup = i % 25 == 24 ? by(email(uniqueEmail("nobody"))) : byId(people.get(i % 25 % 20));
            batch.addChecks(ConsentCheck.newBuilder().setLookup(lookup).setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
                    .setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL));
        }

        BatchCheckConsentResponse answers = consent().batchCheckConsent(batch.build());

        assertThat(answers.getResultsCount()).isEqualTo(1000);
        for (int i = 0; i < 1000; i++) {
            ConsentCheckResult result = answers.getResults(i);
            if (i % 25 == 24) {
                assertThat(result.getProfileId()).isEmpty();
                assertThat(result.getDecision().getBasis()).isEqualTo(DecisionBasis.DECISION_BASIS_NO_PROFILE);
                assertThat(result.getDecision().getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
            } else {
                int person = i % 25 % 20;
                assertThat(result.getProfileId()).isEqualTo(people.get(person));
                assertThat(result.getDecision().getVerdict()).as("check " + i).isEqualTo(person % 2 == 0
                        ? ConsentVerdict.CONSENT_VERDICT_ALLOW : ConsentVerdict.CONSENT_VERDICT_DENY);
            }
        }
    }

    @Test
    void setConsentReplayedWithItsKeyRecordsOnceAndAnswersTheSame() {
        String person = newPerson(email(uniqueEmail("idem")));
        SetConsentRequest request = answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_CUSTOM,
                ConsentChannel.CONSENT_CHANNEL_PUSH, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z")
                .setCustomPurpose("loyalty-offers").setIdempotencyKey("app-" + UUID.randomUUID()).build();

        SetConsentResponse first = consent().setConsent(request);
        SetConsentResponse again = consent().setConsent(request);

        assertThat(again).isEqualTo(first);
        assertThat(consent().getConsentHistory(GetConsentHistoryRequest.newBuilder().setLookup(byId(person)).build())
                .getRecordsList()).singleElement().satisfies(record -> {
                    assertThat(record.getCustomPurpose()).isEqualTo("loyalty-offers");
                    assertThat(record.getPurpose()).isEqualTo(ConsentPurpose.CONSENT_PURPOSE_CUSTOM);
                });
        assertThat(Failures.invalidFields(() -> consent().setConsent(request.toBuilder()
                .setStatus(ConsentStatus.CONSENT_STATUS_DENIED).build()))).containsExactly("idempotency_key");
    }

    @Test
    void badAnswersAreRefusedNamingEachFieldAndNothingIsWritten() {
        String person = newPerson(email(uniqueEmail("bad")));
        SetConsentRequest bad = SetConsentRequest.newBuilder().setLookup(byId(person))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_UNSPECIFIED).setChannel(ConsentChannel.CONSENT_CHANNEL_UNSPECIFIED)
                .setStatusValue(42).setCaptureTime(at("2026-11-02T00:00:00Z")).setExpireTime(at("2026-11-01T00:00:00Z"))
                .build();

        assertThat(Failures.invalidFields(() -> consent().setConsent(bad))).containsExactlyInAnyOrder("purpose",
                "channel", "status", "source_system", "actor", "expire_time");
        // Sizes are checked where the request enters, before anything else reads it (ADR 20).
        assertThat(Failures.invalidFields(() -> consent().setConsent(bad.toBuilder().setEvidence("x".repeat(5000)).build())))
                .containsExactly("evidence");
        assertThat(Failures.invalidFields(() -> consent().setConsent(answer(byId(person),
                ConsentPurpose.CONSENT_PURPOSE_CUSTOM, ConsentChannel.CONSENT_CHANNEL_EMAIL,
                ConsentStatus.CONSENT_STATUS_WITHDRAWN, "2026-11-01T00:00:00Z").setCustomPurpose("Bad Name")
                .setExpireTime(at("2027-01-01T00:00:00Z")).build()))).containsExactlyInAnyOrder("custom_purpose", "expire_time");
        assertThat(Failures.invalidFields(() -> consent().setConsent(answer(byId(person),
                ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
                ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T00:00:00Z").setIdentifier(email(uniqueEmail("notme")))
                .build()))).containsExactly("identifier");
        assertThat(Failures.invalidFields(() -> consent().batchCheckConsent(BatchCheckConsentRequest.newBuilder()
                .addChecks(ConsentCheck.newBuilder().setLookup(byId(person))
                        .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).setChannel(ConsentChannel.CONSENT_CHANNEL_SMS))
                .addChecks(ConsentCheck.newBuilder().setLookup(byId("nope")).setChannelValue(99)).build())))
                .containsExactlyInAnyOrder("checks[1].lookup.profile_id", "checks[1].purpose", "checks[1].channel");
        assertThat(Failures.code(() -> consent().setConsent(answer(byId(UUID.randomUUID().toString()),
                ConsentPurpose.CONSENT_PURPOSE_MARKETING, ConsentChannel.CONSENT_CHANNEL_EMAIL,
                ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T00:00:00Z").build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(session.execute("SELECT * FROM consent_ledger WHERE tenant = 'acme' AND node_id = ?",
                UUID.fromString(person)).all()).isEmpty();
    }

    @Test
    void aPersonalisationReadWithoutConsentWithholdsAttributesAndOtherIdentifiersAndSaysWhy() {
        Identifier address = email(uniqueEmail("pia"));
        Identifier mobile = phone(uniquePhone());
        String person = identity().resolve(seen("web", address, mobile).toBuilder()
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Pia").setFamilyName("Holm")).build())
                .getProfileId();
        GetProfileRequest forPersonalisation = GetProfileRequest.newBuilder().setLookup(by(address))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION).build();

        GetProfileResponse withheld = profiles().getProfile(forPersonalisation);
        GetProfileResponse undeclared = profiles().getProfile(GetProfileRequest.newBuilder().setLookup(by(address)).build());
        consent().setConsent(answer(byId(person), ConsentPurpose.CONSENT_PURPOSE_PERSONALISATION,
                ConsentChannel.CONSENT_CHANNEL_ANY, ConsentStatus.CONSENT_STATUS_GRANTED, "2026-11-01T09:00:00Z").build());
        GetProfileResponse granted = profiles().getProfile(forPersonalisation);

        assertThat(withheld.getProfile().getProfileId()).isEqualTo(person);
        assertThat(withheld.getProfile().getAttributes()).isEqualTo(PersonAttributes.getDefaultInstance());
        assertThat(withheld.getProfile().getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(address.toBuilder().setValue(address.getValue().toLowerCase()).build());
        assertThat(withheld.getWithheldList()).extracting(WithheldField::getField)
                .containsExactly("attributes.family_name", "attributes.given_name", "identifiers");
        assertThat(withheld.getWithheld(0).getReason()).isEqualTo("withheld: denied: no consent recorded for"
                + " personalisation; the tenant's default for personalisation is deny");
        assertThat(withheld.getDecision().getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(undeclared.getProfile().getAttributes().getGivenName()).isEqualTo("Pia");
        assertThat(undeclared.getWithheldList()).isEmpty();
        assertThat(granted.getProfile().getAttributes().getGivenName()).isEqualTo("Pia");
        assertThat(granted.getProfile().getIdentifiersCount()).isEqualTo(2);
        assertThat(granted.getWithheldList()).isEmpty();
        assertThat(granted.getDecision().getVerdict()).isEqualTo(ConsentVerdict.CONSENT_VERDICT_ALLOW);
        assertThat(Failures.invalidFields(() -> profiles().getProfile(forPersonalisation.toBuilder()
                .setCustomPurpose("x").build()))).containsExactly("custom_purpose");
    }
}
