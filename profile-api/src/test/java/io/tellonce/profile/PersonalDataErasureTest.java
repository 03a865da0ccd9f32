package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.profile.support.ServiceUnderTest;
import io.tellonce.profile.support.StoreContents;
import io.tellonce.profile.support.TcpProxy;
import io.tellonce.proto.v1.CaseStatus;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.ConsentChannel;
import io.tellonce.proto.v1.ConsentPurpose;
import io.tellonce.proto.v1.ConsentServiceGrpc;
import io.tellonce.proto.v1.ConsentStatus;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.ErasePersonRequest;
import io.tellonce.proto.v1.ErasureReceipt;
import io.tellonce.proto.v1.ExportPersonalDataRequest;
import io.tellonce.proto.v1.ExportPersonalDataResponse;
import io.tellonce.proto.v1.GetProfileRequest;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.LegalBasis;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.PrivacyServiceGrpc;
import io.tellonce.proto.v1.ProfileLookup;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveRequest;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.SearchProfilesRequest;
import io.tellonce.proto.v1.SearchServiceGrpc;
import io.tellonce.proto.v1.SetConsentRequest;
import io.tellonce.proto.v1.Speaker;
import io.tellonce.proto.v1.TranscriptMessage;
import io.tellonce.proto.v1.UpdateCaseRequest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The privacy rights of issue 5 through gRPC on the real stores: the export holds every kind of
 * record; after an erasure no table of the keyspace (whichever tables there are) and no index holds
 * anything of the person; identifiers sent again follow the tenant's suppression policy; erasure is
 * idempotent and completes in Elasticsearch after an outage.
 */
@MicronautTest
class PersonalDataErasureTest extends ServiceTest {
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @Inject
    CqlSession session;

    private TcpProxy elasticsearch;

    PersonalDataErasureTest() {
        super("erasure_test");
    }

    @Override
    public Map<String, String> getProperties() {
        elasticsearch = ServiceUnderTest.elasticsearchProxy();
        Map<String, String> properties = service.propertiesBehind(elasticsearch);
        properties.put("tellonce.privacy.suppression-secret", "a test secret, never a real one " + UUID.randomUUID());
        properties.put("tellonce.privacy.tenants.strict.reappearance", "refuse");
        properties.put("tellonce.privacy.erasure-sweep-interval", "1s");
        properties.put("tellonce.privacy.erasure-sweep-grace", "5m");
        return properties;
    }

    @AfterAll
    void closeProxy() throws IOException {
        elasticsearch.close();
    }

    /** A person with every kind of record, and the values that must not survive an erasure. */
    private record Person(String profileId, String email, List<String> secrets) {
    }

    private Person richPerson(String tenant) {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String mail = uniqueEmail("zebulon" + tag);
        String number = uniquePhone();
        String crmId = "CRM-" + tag;
        String given = "Zebulon" + tag;
        String family = "Quixtrot" + tag;
        String transcript = "my secret router password is hunter" + tag;
        String summary = "asked about the parcel to " + tag + " Lane";
        String title = "Parcel lost at " + tag + " Lane";
        String evidence = "signed form " + tag;
        String caseNote = "called back on " + tag;
        ResolveResponse first = identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(mail)).addIdentifiers(phone(number))
                .setAttributes(PersonAttributes.newBuilder().setGivenName(given).setFamilyName(family))
                .setIdempotencyKey("resolve-" + tag).build());
        String other = identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("crm")
                .addIdentifiers(crm(crmId)).build()).getProfileId();
        String profile = identity(tenant).mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(first.getProfileId()).addProfileIds(other).setActor("sup").setReason("same person")
                .build()).getProfileId();
        // A second CRM id seen with the first is a conflict: a review item whose evidence names both.
        String rival = identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("crm")
                .addIdentifiers(crm("CRM-RIVAL-" + tag)).build()).getProfileId();
        ResolveResponse conflict = identity(tenant).resolve(ResolveRequest.newBuilder().setSourceSystem("crm")
                .addIdentifiers(crm(crmId)).addIdentifiers(crm("CRM-RIVAL-" + tag)).build());
        assertThat(conflict.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CONFLICT);
        assertThat(rival).isNotEqualTo(profile);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Interaction recorded = history(tenant).recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(email(mail))
                .setInteraction(Interaction.newBuilder().setChannel(Channel.CHANNEL_CHAT)
                        .setDirection(Direction.DIRECTION_INBOUND).setOccurTime(ts(now.minusSeconds(60)))
                        .setTopic("parcel.lost").setSummary(summary).setSourceSystem("chat")
                        .addTranscript(TranscriptMessage.newBuilder().setSpeaker(Speaker.SPEAKER_CUSTOMER)
                                .setText(transcript)))
                .setIdempotencyKey("chat-" + tag).build()).getInteraction();
        String caseId = history(tenant).openCase(OpenCaseRequest.newBuilder().setLookup(byId(profile)).setTitle(title)
                .setTopic("parcel.lost").setActor("agent-1").setIdempotencyKey("case-" + tag).build()).getCase()
                .getCaseId();
        history(tenant).updateCase(UpdateCaseRequest.newBuilder().setCaseId(caseId)
                .setStatus(CaseStatus.CASE_STATUS_PENDING).setAddInteractionId(recorded.getInteractionId())
                .setActor("agent-1").setNote(caseNote).build());
        ConsentServiceGrpc.ConsentServiceBlockingStub consent = asTenant(
                ConsentServiceGrpc.newBlockingStub(service.channel()), tenant);
        consent.setConsent(SetConsentRequest.newBuilder().setLookup(byId(profile))
                .setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING).setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL)
                .setIdentifier(email(mail)).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
                .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("web").setActor("customer")
                .setCaptureTime(ts(now.minusSeconds(30))).setEvidence(evidence).setIdempotencyKey("consent-" + tag)
                .build());
        asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), tenant)
                .getProfile(GetProfileRequest.newBuilder().setLookup(byId(profile)).build());
        String e164 = first.getIdentifiersList().stream().filter(id -> id.getValue().startsWith("+"))
                .findFirst().orElseThrow().getValue();
        return new Person(profile, mail, List.of(mail.toLowerCase(Locale.ROOT), e164, crmId, given, family,
                transcript, summary, title, evidence, caseNote));
    }

    @Test
    void theExportHoldsEveryKindOfRecordOfEveryMergedIdentity() {
        Person person = richPerson("acme");
        List<ExportPersonalDataResponse> sections = new ArrayList<>();
        asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()), "acme")
                .exportPersonalData(ExportPersonalDataRequest.newBuilder().setLookup(byEmail(person.email())).build())
                .forEachRemaining(sections::add);

        assertThat(sections).allMatch(section -> section.getProfileId().equals(person.profileId()));
        assertThat(sections.get(0).getSummary().getNodeIdsList()).hasSize(2);
        String all = sections.toString();
        assertThat(sections).anyMatch(s -> s.getProfile().getIdentifiersCount() == 3
                && s.getProfile().getAttributes().getGivenName().startsWith("Zebulon"));
        assertThat(sections).anyMatch(s -> s.getIdentityGraph().getLinksCount() > 0
                && s.getIdentityGraph().getNodesCount() == 2);
        assertThat(sections).anyMatch(s -> s.getInteractions().getInteractionsCount() == 1
                && s.getInteractions().getInteractions(0).getTranscriptCount() == 1);
        assertThat(sections).anyMatch(s -> s.hasCase() && s.getCase().getHistoryCount() >= 2);
        assertThat(sections).anyMatch(s -> s.getConsentRecords().getRecordsCount() == 1);
        assertThat(sections).anyMatch(s -> s.getAuditEntries().getEntriesList().stream()
                .anyMatch(entry -> entry.getRpc().equals("tellonce.v1.ProfileService/GetProfile")));
        person.secrets().forEach(secret -> assertThat(all).contains(secret));
    }

    @Test
    void afterErasureNoTableAndNoIndexHoldsAnythingOfThePerson() {
        Person person = richPerson("acme");
        Eventually.await("the person is indexed", CATCH_UP, () -> indexHolds(person.secrets()), found -> !found.isEmpty());

        ErasureReceipt receipt = erase("acme", byEmail(person.email()), "");

        assertThat(receipt.getProfileId()).isEqualTo(person.profileId());
        assertThat(receipt.getNodeIdsCount()).isEqualTo(2);
        assertThat(receipt.getRemovedMap()).containsEntry("nodes", 2L).containsEntry("interactions", 1L)
                .containsEntry("cases", 1L).containsEntry("consent_records", 1L).containsEntry("review_items", 1L)
                .containsEntry("identifiers", 3L);
        assertThat(receipt.getRemovedMap().get("remembered_responses")).isGreaterThanOrEqualTo(3L);
        assertThat(receipt.getSuppressedIdentifiers()).isEqualTo(3);
        assertThat(receipt.hasCompleteTime()).isTrue();
        assertThat(cassandraHolds(person.secrets())).as("Cassandra rows holding the person's data").isEmpty();
        Eventually.await("the index forgets the person", CATCH_UP, () -> indexHolds(person.secrets()), List::isEmpty);
        assertThat(Failures.code(() -> asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getProfile(GetProfileRequest.newBuilder().setLookup(byId(person.profileId())).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), "acme")
                .searchProfiles(SearchProfilesRequest.newBuilder().setQuery(person.email()).build()).getHitsCount())
                .isZero();
        assertThat(session.execute(SimpleStatement.newInstance("SELECT rpc, actor, detail FROM audit_log WHERE tenant = ?"
                + " AND node_id = ? AND day = ?", "acme", UUID.fromString(person.profileId()),
                java.time.LocalDate.now(java.time.ZoneOffset.UTC))).all())
                .as("who read and changed the data stays, with what was said about the person removed")
                .anyMatch(row -> row.getString("rpc").equals("tellonce.v1.ProfileService/GetProfile")
                        && row.getString("detail") == null)
                .anyMatch(row -> row.getString("rpc").equals("tellonce.v1.PrivacyService/ErasePerson"));
    }

    /** Issue 17: an erasure is a durable intent; one a crash interrupted is finished though nobody asks again. */
    @Test
    void anErasureInterruptedAndNeverRepeatedIsFinishedByTheBackgroundSweep() {
        Person person = richPerson("acme");
        List<UUID> nodes = exportedNodes(person);
        // Begun long enough ago that it no longer runs.
        UUID erasure = interruptedErasure(person, nodes, Instant.now().minus(Duration.ofMinutes(10)));

        Eventually.await("the sweep finishes the erasure", CATCH_UP, () -> session.execute(SimpleStatement.newInstance(
                "SELECT status FROM erasure WHERE tenant = 'acme' AND node_id = ?", nodes.get(0))).one().getString("status"),
                "erased"::equals);

        assertThat(cassandraHolds(person.secrets())).isEmpty();
        assertThat(erase("acme", byEmail(person.email()), "").getErasureId()).isEqualTo(erasure.toString());
    }

    /** Issue 17: a delete stamped now lost to writes stamped with a caller's time up to five minutes ahead. */
    @Test
    void writesStampedInTheFutureAreErasedToo() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String mail = uniqueEmail("ahead" + tag);
        String given = "Futurus" + tag;
        String evidence = "form signed ahead " + tag;
        Instant ahead = Instant.now().plus(Duration.ofMinutes(4)).truncatedTo(ChronoUnit.SECONDS);
        String profile = identity("acme").resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(mail)).setObservedAt(ts(ahead))
                .setAttributes(PersonAttributes.newBuilder().setGivenName(given)).build()).getProfileId();
        asTenant(ConsentServiceGrpc.newBlockingStub(service.channel()), "acme").setConsent(SetConsentRequest.newBuilder()
                .setLookup(byId(profile)).setPurpose(ConsentPurpose.CONSENT_PURPOSE_MARKETING)
                .setChannel(ConsentChannel.CONSENT_CHANNEL_EMAIL).setStatus(ConsentStatus.CONSENT_STATUS_GRANTED)
                .setLegalBasis(LegalBasis.LEGAL_BASIS_CONSENT).setSourceSystem("web").setActor("customer")
                .setCaptureTime(ts(ahead)).setEvidence(evidence).build());
        history("acme").recordInteraction(RecordInteractionRequest.newBuilder().setProfileId(profile)
                .setInteraction(Interaction.newBuilder().setChannel(Channel.CHANNEL_CHAT)
                        .setDirection(Direction.DIRECTION_INBOUND).setOccurTime(ts(ahead)).setTopic("ahead")
                        .setSummary("spoke ahead " + tag).setSourceSystem("chat")).build());

        erase("acme", byId(profile), "");

        assertThat(cassandraHolds(List.of(mail, given, evidence, "spoke ahead " + tag))).isEmpty();
    }

    /** Issue 17: a desktop watching the person must not wait on a stream that will never speak again. */
    @Test
    void anOpenContextStreamOnTheErasedPersonEndsWithNotFound() throws InterruptedException {
        String mail = uniqueEmail("watched");
        String profile = identity("acme").resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(mail)).build()).getProfileId();
        java.util.concurrent.BlockingQueue<Object> heard = new java.util.concurrent.LinkedBlockingQueue<>();
        asTenant(io.tellonce.proto.v1.ContextServiceGrpc.newStub(service.channel()), "acme")
                .withDeadlineAfter(2, java.util.concurrent.TimeUnit.MINUTES)
                .watchCustomerContext(io.tellonce.proto.v1.WatchCustomerContextRequest.newBuilder()
                        .setLookup(byId(profile)).build(), new io.grpc.stub.StreamObserver<>() {
                            @Override
                            public void onNext(io.tellonce.proto.v1.WatchCustomerContextResponse change) {
                                heard.add(change);
                            }

                            @Override
                            public void onError(Throwable failure) {
                                heard.add(Status.fromThrowable(failure).getCode());
                            }

                            @Override
                            public void onCompleted() {
                                heard.add("completed");
                            }
                        });
        // The stream is open once it delivers a change: keep recording until one arrives.
        Object first = null;
        for (int i = 0; i < 30 && first == null; i++) {
            history("acme").recordInteraction(RecordInteractionRequest.newBuilder().setProfileId(profile)
                    .setInteraction(Interaction.newBuilder().setChannel(Channel.CHANNEL_CHAT)
                            .setDirection(Direction.DIRECTION_INBOUND).setOccurTime(ts(Instant.now()))
                            .setTopic("watch").setSourceSystem("chat")).build());
            first = heard.poll(1, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(first).isInstanceOf(io.tellonce.proto.v1.WatchCustomerContextResponse.class);

        erase("acme", byId(profile), "");

        Object end = heard.poll(60, java.util.concurrent.TimeUnit.SECONDS);
        while (end instanceof io.tellonce.proto.v1.WatchCustomerContextResponse) {
            end = heard.poll(60, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertThat(end).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void erasingAgainByAnyIdOrIdentifierOrKeyReturnsTheSameReceipt() {
        Person person = richPerson("acme");
        ErasureReceipt first = erase("acme", byId(person.profileId()), "erase-" + person.profileId());

        assertThat(erase("acme", byId(person.profileId()), "")).isEqualTo(first);
        assertThat(erase("acme", byEmail(person.email()), "")).isEqualTo(first);
        assertThat(erase("acme", byId(first.getNodeIds(1)), "")).isEqualTo(first);
        assertThat(erase("acme", byId(person.profileId()), "erase-" + person.profileId())).isEqualTo(first);
    }

    @Test
    void anErasureInterruptedMidwayIsFinishedByRepeatingIt() {
        Person person = richPerson("acme");
        ErasureReceipt receipt = erase("acme", byId(person.profileId()), "");
        assertThat(receipt.hasCompleteTime()).isTrue();
        Person another = richPerson("acme");
        UUID erasure = interruptedErasure(another, exportedNodes(another), Instant.now());

        ErasureReceipt finished = erase("acme", byEmail(another.email()), "");

        assertThat(finished.getErasureId()).isEqualTo(erasure.toString());
        assertThat(finished.getActor()).isEqualTo("dpo");
        assertThat(finished.hasCompleteTime()).isTrue();
        assertThat(cassandraHolds(another.secrets())).isEmpty();
    }

    @Test
    void identifiersOfAnErasedPersonStartAFlaggedFreshProfileByDefault() {
        Person person = richPerson("acme");
        erase("acme", byId(person.profileId()), "");

        ResolveResponse again = identity("acme").resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(person.email())).build());

        assertThat(again.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(again.getAfterErasure()).isTrue();
        assertThat(again.getProfileId()).isNotEqualTo(person.profileId());
        assertThat(session.execute(SimpleStatement.newInstance("SELECT erasure_id FROM profile_after_erasure"
                + " WHERE tenant = 'acme' AND node_id = ?", UUID.fromString(again.getProfileId()))).all()).hasSize(1);
        ResolveResponse unrelated = identity("acme").resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(uniqueEmail("someone-else"))).build());
        assertThat(unrelated.getAfterErasure()).isFalse();
    }

    @Test
    void aTenantThatRefusesIdentifiersOfErasedPeopleRefusesThemAndWritesNothing() {
        Person person = richPerson("strict");
        erase("strict", byId(person.profileId()), "");

        assertThat(Failures.code(() -> identity("strict").resolve(ResolveRequest.newBuilder().setSourceSystem("web")
                .addIdentifiers(email(person.email())).build()))).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Failures.code(() -> history("strict").recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(email(person.email())).setInteraction(Interaction.newBuilder()
                        .setChannel(Channel.CHANNEL_CHAT).setDirection(Direction.DIRECTION_INBOUND)
                        .setOccurTime(ts(Instant.now().minusSeconds(5))).setSourceSystem("chat")).build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Failures.code(() -> asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "strict")
                .getProfile(GetProfileRequest.newBuilder().setLookup(byEmail(person.email())).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(cassandraHolds(person.secrets())).isEmpty();
    }

    @Test
    void anErasureWhileElasticsearchIsAwayCompletesThereWhenItReturns() throws IOException {
        Person person = richPerson("acme");
        Eventually.await("the person is indexed", CATCH_UP, () -> indexHolds(person.secrets()), found -> !found.isEmpty());
        elasticsearch.cut();
        ErasureReceipt receipt;
        try {
            receipt = erase("acme", byId(person.profileId()), "");
            assertThat(cassandraHolds(person.secrets())).isEmpty();
            assertThat(indexHolds(person.secrets())).as("Elasticsearch is away: still indexed").isNotEmpty();
        } finally {
            elasticsearch.restore();
        }
        assertThat(receipt.hasCompleteTime()).isTrue();
        Eventually.await("the index forgets the person", CATCH_UP, () -> indexHolds(person.secrets()), List::isEmpty);
    }

    @Test
    void badRequestsNameTheFieldAndUnknownPeopleAreNotFound() {
        PrivacyServiceGrpc.PrivacyServiceBlockingStub privacy = asTenant(
                PrivacyServiceGrpc.newBlockingStub(service.channel()), "acme");
        assertThat(Failures.invalidFields(() -> privacy.erasePerson(ErasePersonRequest.getDefaultInstance())))
                .containsExactlyInAnyOrder("lookup", "actor", "reason");
        assertThat(Failures.invalidFields(() -> privacy.erasePerson(ErasePersonRequest.newBuilder()
                .setLookup(ProfileLookup.newBuilder().setProfileId("not-a-uuid")).setActor("dpo").setReason("ticket")
                .setIdempotencyKey("has spaces").build())))
                .containsExactlyInAnyOrder("lookup.profile_id", "idempotency_key");
        assertThat(Failures.invalidFields(() -> privacy.exportPersonalData(ExportPersonalDataRequest
                .getDefaultInstance()).forEachRemaining(section -> { })))
                .containsExactly("lookup");
        assertThat(Failures.code(() -> erase("acme", byId(UUID.randomUUID().toString()), "")))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> erase("acme", byEmail(uniqueEmail("nobody")), "")))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> privacy.exportPersonalData(ExportPersonalDataRequest.newBuilder()
                .setLookup(byId(UUID.randomUUID().toString())).build()).forEachRemaining(section -> { })))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    /** What a crash after the mark and the first deletes leaves: the marks, and only part of the data gone. */
    private UUID interruptedErasure(Person person, List<UUID> nodes, Instant requestedAt) {
        UUID erasure = UUID.randomUUID();
        for (UUID node : nodes) {
            session.execute(SimpleStatement.newInstance("INSERT INTO erasure (tenant, node_id, erasure_id, profile_id,"
                            + " node_ids, status, removed, suppressed, actor, reason, requested_at)"
                            + " VALUES ('acme', ?, ?, ?, ?, 'erasing', {'nodes': 2}, 3, 'dpo', 'ticket 7', ?)",
                    node, erasure, UUID.fromString(person.profileId()), nodes, requestedAt));
            session.execute(SimpleStatement.newInstance("DELETE FROM consent_ledger WHERE tenant = 'acme'"
                    + " AND node_id = ?", node));
        }
        return erasure;
    }

    private List<UUID> exportedNodes(Person person) {
        return asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()), "acme")
                .exportPersonalData(ExportPersonalDataRequest.newBuilder().setLookup(byId(person.profileId())).build())
                .next().getSummary().getNodeIdsList().stream().map(UUID::fromString).toList();
    }

    private ErasureReceipt erase(String tenant, ProfileLookup lookup, String key) {
        return asTenant(PrivacyServiceGrpc.newBlockingStub(service.channel()), tenant)
                .erasePerson(ErasePersonRequest.newBuilder().setLookup(lookup).setActor("dpo-1")
                        .setReason("ticket DSAR-1").setIdempotencyKey(key).build()).getReceipt();
    }

    private List<String> cassandraHolds(List<String> secrets) {
        assertThat(contents().tables()).contains("identity_node", "interaction", "audit_log", "idempotent_response", "erasure");
        return contents().cassandraHolding(secrets);
    }

    private List<String> indexHolds(List<String> secrets) {
        return contents().indexesHolding(secrets);
    }

    private StoreContents contents() {
        return new StoreContents(session, service.namespace());
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history(String tenant) {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private static ProfileLookup byId(String profileId) {
        return ProfileLookup.newBuilder().setProfileId(profileId).build();
    }

    private static ProfileLookup byEmail(String address) {
        return ProfileLookup.newBuilder().setIdentifier(email(address)).build();
    }

    private static com.google.protobuf.Timestamp ts(Instant at) {
        return com.google.protobuf.Timestamp.newBuilder().setSeconds(at.getEpochSecond()).build();
    }
}
