package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.byId;
import static io.tellonce.profile.support.Interactions.contextOf;
import static io.tellonce.profile.support.Interactions.inbound;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.Requests.whatsapp;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.AuditEntry;
import io.tellonce.proto.v1.Case;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.QueryAuditRequest;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.ContextChangeKind;
import io.tellonce.proto.v1.ContextServiceGrpc;
import io.tellonce.proto.v1.GetCustomerContextRequest;
import io.tellonce.proto.v1.GetCustomerContextResponse;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierGroup;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MergeProfilesResponse;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.Participants;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import io.tellonce.proto.v1.WatchCustomerContextRequest;
import io.tellonce.proto.v1.WatchCustomerContextResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The one-call customer context and its change stream, through gRPC on the real stores. */
@MicronautTest
class CustomerContextTest extends ServiceTest {
    CustomerContextTest() {
        super("context_test");
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history() {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private ContextServiceGrpc.ContextServiceBlockingStub contexts() {
        return asTenant(ContextServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private static ProfileLookup byIdentifier(Identifier identifier) {
        return ProfileLookup.newBuilder().setIdentifier(identifier).build();
    }

    @Test
    void aWhatsappBotConversationThenACallFromTheLinkedNumberShowsTheAgentTheSummaryAndTheOpenCase() {
        String number = uniquePhone();
        Instant botTime = Instant.now().minus(Duration.ofHours(3));
        Interaction bot = history().recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(whatsapp(number))
                .setInteraction(inbound(Channel.CHANNEL_WHATSAPP, botTime, "router.fault")
                        .setParticipants(Participants.newBuilder().setBotId("helpbot"))
                        .setSummary("Router drops every evening; bot ran a line test, fault found, engineer needed"))
                .build()).getInteraction();
        Case opened = history().openCase(OpenCaseRequest.newBuilder().setLookup(byIdentifier(whatsapp(number)))
                .setTitle("Router fault: engineer visit").setTopic("router.fault").setActor("helpbot").build()).getCase();
        // The WhatsApp platform reports the handle together with the phone number: they are linked.
        identity().resolve(seen("whatsapp", whatsapp(number), phone(number)));

        GetCustomerContextResponse screenPop = contexts().getCustomerContext(contextOf(byIdentifier(phone(number))));

        assertThat(screenPop.getProfile().getProfileId()).isEqualTo(bot.getProfileId());
        assertThat(screenPop.getRecentInteractionsList()).extracting(Interaction::getSummary)
                .containsExactly("Router drops every evening; bot ran a line test, fault found, engineer needed");
        assertThat(screenPop.getOpenCasesList()).extracting(Case::getCaseId).containsExactly(opened.getCaseId());
        assertThat(screenPop.getIdentifierGroupsList()).extracting(IdentifierGroup::getChannel)
                .contains("whatsapp", "phone");
        assertThat(screenPop.hasConsent()).as("present and empty until the consent issue").isTrue();

        Interaction call = history().recordInteraction(RecordInteractionRequest.newBuilder().addIdentifiers(phone(number))
                .setInteraction(inbound(Channel.CHANNEL_VOICE, Instant.now(), "router.fault")).build()).getInteraction();
        GetCustomerContextResponse after = contexts().getCustomerContext(contextOf(byIdentifier(whatsapp(number))));

        assertThat(after.getRecentInteractionsList()).extracting(Interaction::getInteractionId)
                .containsExactly(call.getInteractionId(), bot.getInteractionId());
        assertThat(after.getSignals().getChannelSwitch().getFromInteractionId()).isEqualTo(bot.getInteractionId());
        assertThat(after.getSignals().getChannelSwitch().getToInteractionId()).isEqualTo(call.getInteractionId());
        assertThat(after.getSignals().getRepeatContactsList()).singleElement()
                .satisfies(repeat -> assertThat(repeat.getTopic()).isEqualTo("router.fault"));
    }

    @Test
    void afterAMergeTheContextShowsBothHistoriesAndAfterTheUnmergeEachSideItsOwn() {
        Identifier ann = email(uniqueEmail("ann"));
        Identifier annPhone = phone(uniquePhone());
        String older = identity().resolve(seen("web", ann)).getProfileId();
        String newer = identity().resolve(seen("phone", annPhone)).getProfileId();
        String mail = record(RecordInteractionRequest.newBuilder().addIdentifiers(ann), Channel.CHANNEL_EMAIL);
        String call = record(RecordInteractionRequest.newBuilder().addIdentifiers(annPhone), Channel.CHANNEL_VOICE);

        MergeProfilesResponse merged = identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(older).addProfileIds(newer).setActor("supervisor-1").setReason("same person").build());

        for (ProfileLookup lookup : new ProfileLookup[] {byId(older), byId(newer), byIdentifier(annPhone)}) {
            GetCustomerContextResponse both = contexts().getCustomerContext(contextOf(lookup));
            assertThat(both.getProfile().getProfileId()).isEqualTo(older);
            assertThat(both.getRecentInteractionsList()).extracting(Interaction::getInteractionId)
                    .containsExactlyInAnyOrder(mail, call);
        }

        identity().unmergeProfile(UnmergeProfileRequest.newBuilder().setMergeId(merged.getMergeId())
                .setActor("supervisor-1").setReason("two people").build());

        assertThat(contexts().getCustomerContext(contextOf(byId(older))).getRecentInteractionsList())
                .extracting(Interaction::getInteractionId).containsExactly(mail);
        assertThat(contexts().getCustomerContext(contextOf(byIdentifier(annPhone))).getRecentInteractionsList())
                .extracting(Interaction::getInteractionId).containsExactly(call);
    }

    @Test
    void theContextCarriesTheConsentOfEveryMergedSideAndEveryReadIsAudited() {
        Identifier mail = email(uniqueEmail("cora"));
        Identifier mobile = phone(uniquePhone());
        String older = identity().resolve(seen("web", mail)).getProfileId();
        String newer = identity().resolve(seen("phone", mobile)).getProfileId();
        asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), "acme").setConsent(SetConsentRequest.newBuilder()
                .setLookup(byId(newer)).setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
                .setChannel(ConsentChannel.CONSENT_CHANNEL_SMS).setStatus(ConsentStatus.CONSENT_STATUS_WITHDRAWN)
                .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("app").setActor("customer")
                .setCaptureTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .build());
        identity().mergeProfiles(MergeProfilesRequest.newBuilder().addProfileIds(older).addProfileIds(newer)
                .setActor("supervisor-1").setReason("same person").build());
        Instant before = Instant.now().minusSeconds(1);

        GetCustomerContextResponse context = contexts().getCustomerContext(contextOf(byIdentifier(mail)));

        assertThat(context.getConsent().getConsentsList()).singleElement().satisfies(record -> {
            assertThat(record.getPurpose()).isEqualTo(ConsentPurpose.CONSENT_PURPOSE_MARKETING);
            assertThat(record.getStatus()).isEqualTo(ConsentStatus.CONSENT_STATUS_WITHDRAWN);
        });
        assertThat(asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()), "acme").queryAudit(
                        QueryAuditRequest.newBuilder().setLookup(byId(older))
                                .setStartTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(before.getEpochSecond()))
                                .setEndTime(com.google.protobuf.Timestamp.newBuilder()
                                        .setSeconds(Instant.now().plusSeconds(1).getEpochSecond())).build())
                .getEntriesList()).extracting(AuditEntry::getRpc).contains("tellonce.v1.ContextService/GetCustomerContext");
    }

    @Test
    void aContextReadForMarketingWithholdsWhatThePersonHasNotAgreedToAndSaysWhy() {
        Identifier mail = email(uniqueEmail("dora"));
        Identifier mobile = phone(uniquePhone());
        String person = identity().resolve(io.tellonce.proto.v1.ResolveRequest.newBuilder().addIdentifiers(mail)
                .addIdentifiers(mobile).setAttributes(io.tellonce.proto.v1.PersonAttributes.newBuilder()
                        .setGivenName("Dora").setFamilyName("Marquez")).setSourceSystem("crm").build()).getProfileId();
        var forMarketing = io.tellonce.proto.v1.GetCustomerContextRequest.newBuilder().setLookup(byIdentifier(mail))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).build();

        GetCustomerContextResponse withheld = contexts().getCustomerContext(forMarketing);

        assertThat(withheld.getProfile().getAttributes().getGivenName()).isEmpty();
        assertThat(withheld.getWithheldList()).isNotEmpty();
        assertThat(withheld.getDecision().getVerdict()).isEqualTo(io.tellonce.proto.v1.ConsentVerdict.CONSENT_VERDICT_DENY);
        assertThat(withheld.toString()).doesNotContain(mobile.getValue()).doesNotContain("Marquez");
        assertThat(contexts().getCustomerContext(contextOf(byIdentifier(mail))).getProfile().getAttributes()
                .getGivenName()).as("no declared purpose: served in full").isEqualTo("Dora");

        asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), "acme").setConsent(SetConsentRequest.newBuilder()
                .setLookup(byId(person)).setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
                .setChannel(ConsentChannel.CONSENT_CHANNEL_ANY).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
                .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("app").setActor("customer")
                .setCaptureTime(com.google.protobuf.Timestamp.newBuilder().setSeconds(Instant.now().getEpochSecond()))
                .build());
        GetCustomerContextResponse granted = contexts().getCustomerContext(forMarketing);

        assertThat(granted.getProfile().getAttributes().getFamilyName()).isEqualTo("Marquez");
        assertThat(granted.getWithheldList()).isEmpty();
        assertThat(granted.getDecision().getVerdict()).isEqualTo(io.tellonce.proto.v1.ConsentVerdict.CONSENT_VERDICT_ALLOW);
    }

    private String record(RecordInteractionRequest.Builder who, Channel channel) {
        return history().recordInteraction(who.setInteraction(inbound(channel, Instant.now(), "t")).build())
                .getInteraction().getInteractionId();
    }

    @Test
    void theWatchStreamDeliversChangesAndKeepsFollowingThePersonAcrossAMerge() throws InterruptedException {
        String older = identity().resolve(seen("web", email(uniqueEmail("w")))).getProfileId();
        String watched = identity().resolve(seen("web", email(uniqueEmail("w")))).getProfileId();
        BlockingQueue<WatchCustomerContextResponse> changes = new LinkedBlockingQueue<>();
        Context.CancellableContext desktop = Context.current().withCancellation();
        desktop.run(() -> asTenant(ContextServiceGrpc.newStub(service.channel()), "acme").withDeadlineAfter(2, TimeUnit.MINUTES)
                .watchCustomerContext(WatchCustomerContextRequest.newBuilder().setLookup(byId(watched)).build(),
                        new StreamObserver<>() {
                            @Override
                            public void onNext(WatchCustomerContextResponse change) {
                                changes.add(change);
                            }

                            @Override
                            public void onError(Throwable t) {
                            }

                            @Override
                            public void onCompleted() {
                            }
                        }));
        try {
            Thread.sleep(500); // let the stream open before the first change
            String first = history().recordInteraction(onProfile(watched, inbound(Channel.CHANNEL_CHAT, Instant.now(), "a")))
                    .getInteraction().getInteractionId();
            assertThat(next(changes, c -> c.getInteraction().getInteractionId().equals(first)).getKind())
                    .isEqualTo(ContextChangeKind.CONTEXT_CHANGE_KIND_INTERACTION_RECORDED);

            identity().mergeProfiles(MergeProfilesRequest.newBuilder().addProfileIds(older).addProfileIds(watched)
                    .setActor("supervisor-1").setReason("same person").build());
            assertThat(next(changes, c -> c.getKind() == ContextChangeKind.CONTEXT_CHANGE_KIND_PROFILES_MERGED)
                    .getProfileId()).as("the stream follows the surviving profile").isEqualTo(older);

            String onOtherSide = history().recordInteraction(onProfile(older,
                    inbound(Channel.CHANNEL_VOICE, Instant.now(), "a"))).getInteraction().getInteractionId();
            WatchCustomerContextResponse seen = next(changes, c -> c.getInteraction().getInteractionId().equals(onOtherSide));
            assertThat(seen.getProfileId()).isEqualTo(older);

            String caseId = history().openCase(OpenCaseRequest.newBuilder().setLookup(byId(older)).setTitle("t")
                    .setActor("agent").build()).getCase().getCaseId();
            assertThat(next(changes, c -> c.getCase().getCaseId().equals(caseId)).getKind())
                    .isEqualTo(ContextChangeKind.CONTEXT_CHANGE_KIND_CASE_CHANGED);
        } finally {
            desktop.cancel(null);
        }
    }

    /** The next change the predicate accepts; the bound is generous because the build machine is shared. */
    private static WatchCustomerContextResponse next(BlockingQueue<WatchCustomerContextResponse> changes,
                                                     Predicate<WatchCustomerContextResponse> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            WatchCustomerContextResponse change = changes.poll(100, TimeUnit.MILLISECONDS);
            if (change != null && wanted.test(change)) {
                return change;
            }
        }
        throw new AssertionError("the expected change did not arrive on the stream");
    }

    @Test
    void unknownLookupsAreNotFoundAndBadCountsAreInvalid() {
        assertThat(Failures.code(() -> contexts().getCustomerContext(contextOf(byId(UUID.randomUUID().toString())))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> contexts().getCustomerContext(contextOf(byIdentifier(email(uniqueEmail("x")))))))
                .isEqualTo(Status.Code.NOT_FOUND);
        String profile = identity().resolve(seen("web", email(uniqueEmail("c")))).getProfileId();
        assertThat(Failures.invalidFields(() -> contexts().getCustomerContext(GetCustomerContextRequest.newBuilder()
                .setLookup(byId(profile)).setInteractionCount(100_000).build()))).containsExactly("interaction_count");
    }
}
