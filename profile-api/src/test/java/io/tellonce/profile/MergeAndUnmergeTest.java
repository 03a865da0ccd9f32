package io.tellonce.profile;

import static io.tellonce.profile.support.Requests.crm;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.graphOf;
import static io.tellonce.profile.support.Requests.phone;
import static io.tellonce.profile.support.Requests.profileById;
import static io.tellonce.profile.support.Requests.profileByIdentifier;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.Requests.whatsapp;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Timestamp;
import com.datastax.oss.driver.api.core.CqlSession;
import io.grpc.Status;
import jakarta.inject.Inject;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.ChangeLogRows;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.DecideReviewItemRequest;
import io.tellonce.proto.v1.GetIdentityGraphResponse;
import io.tellonce.proto.v1.ListReviewItemsRequest;
import io.tellonce.proto.v1.ListReviewItemsResponse;
import io.tellonce.proto.v1.ReviewDecision;
import io.tellonce.proto.v1.ReviewItem;
import io.tellonce.proto.v1.ReviewStatus;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityLink;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.MergeProfilesResponse;
import io.tellonce.proto.v1.MoveIdentifierRequest;
import io.tellonce.proto.v1.MoveIdentifierResponse;
import io.tellonce.proto.v1.PersonAttributes;
import io.tellonce.proto.v1.Profile;
import io.tellonce.proto.v1.ProfileIdentifier;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.ResolveResponse;
import io.tellonce.proto.v1.UnmergeProfileRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Identity resolution across channels: merges with evidence, exact unmerge, and policy conflicts. */
@MicronautTest
class MergeAndUnmergeTest extends ServiceTest {
    @Inject
    CqlSession session;

    MergeAndUnmergeTest() {
        super("it_merge");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private ProfileServiceGrpc.ProfileServiceBlockingStub profiles() {
        return asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private Profile profile(String id) {
        return profiles().getProfile(profileById(id)).getProfile();
    }

    @Test
    void aWhatsappNumberThenAnEmailThenACrmIdEndInOneProfileThatExplainsEachIdentifier() {
        String number = uniquePhone();
        Identifier address = email(uniqueEmail("wendy"));
        Identifier crmId = crm("C-" + UUID.randomUUID());

        ResolveResponse chat = identity().resolve(seen("whatsapp", whatsapp(number)));
        ResolveResponse mail = identity().resolve(seen("email-desk", address, whatsapp(number)));
        ResolveResponse crmSync = identity().resolve(seen("crm", crmId, address));

        assertThat(chat.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CREATED);
        assertThat(mail.getProfileId()).isEqualTo(chat.getProfileId());
        assertThat(crmSync.getProfileId()).isEqualTo(chat.getProfileId());
        assertThat(profiles().getProfile(profileByIdentifier(crmId)).getProfile().getProfileId())
                .isEqualTo(chat.getProfileId());
        GetIdentityGraphResponse graph = identity().getIdentityGraph(graphOf(chat.getProfileId()));
        assertThat(graph.getNodesList()).singleElement().satisfies(node -> assertThat(node.getIdentifiersList())
                .extracting(ProfileIdentifier::getEvidence)
                .anySatisfy(evidence -> assertThat(evidence).startsWith("first seen by whatsapp"))
                .anySatisfy(evidence -> assertThat(evidence).startsWith("email-desk saw it with channel_handle:whatsapp"))
                .anySatisfy(evidence -> assertThat(evidence).startsWith("crm saw it with email")));
    }

    @Test
    void anObservationJoiningTwoProfilesMergesThemAndUnmergeRestoresEachSideExactly() {
        Identifier ann = email(uniqueEmail("ann"));
        Identifier annPhone = phone(uniquePhone());
        String older = identity().resolve(seen("web", ann).toBuilder()
                .setAttributes(PersonAttributes.newBuilder().setGivenName("Ann").setFamilyName("Lee"))
                .setObservedAt(at("2026-10-01T10:00:00Z")).build()).getProfileId();
        String newer = identity().resolve(seen("phone", annPhone).toBuilder()
                .setAttributes(PersonAttributes.newBuilder().setFamilyName("Lee-Smith").setLocale("en-GB"))
                .setObservedAt(at("2026-11-01T10:00:00Z")).build()).getProfileId();
        Profile olderBefore = profile(older);
        Profile newerBefore = profile(newer);

        ResolveResponse merged = identity().resolve(seen("shop", ann, annPhone));

        assertThat(merged.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MERGED);
        assertThat(merged.getProfileId()).isEqualTo(older);
        assertThat(merged.getMergedProfileIdsList()).containsExactly(newer);
        Profile one = profile(newer);
        assertThat(one.getProfileId()).as("the absorbed id keeps resolving").isEqualTo(older);
        assertThat(one.getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactlyInAnyOrder(ann, annPhone);
        assertThat(one.getAttributes().getFamilyName()).as("latest observation wins").isEqualTo("Lee-Smith");
        assertThat(one.getAttributes().getGivenName()).isEqualTo("Ann");
        IdentityLink link = identity().getIdentityGraph(graphOf(older)).getLinksList().get(0);
        assertThat(link.getEvidence()).contains("shop saw").contains(ann.getValue()).contains(annPhone.getValue());
        assertThat(link.getMergeId()).isEqualTo(merged.getMergeId());

        // Later observations stay with the side whose identifiers they matched.
        Identifier later = email(uniqueEmail("ann-work"));
        identity().resolve(seen("app", annPhone, later));

        var split = identity().unmergeProfile(UnmergeProfileRequest.newBuilder().setMergeId(merged.getMergeId())
                .setActor("supervisor-7").setReason("two different people sharing a shop account").build());

        assertThat(split.getProfileIdsList()).containsExactlyInAnyOrder(older, newer);
        assertThat(ChangeLogRows.detailsNaming(session, "acme", UUID.fromString(older), Duration.ofMinutes(5)))
                .as("issue 17: the change log outlives erasure and holds no free text about the person")
                .noneMatch(detail -> detail.contains("shop account"));
        Profile olderAfter = profile(older);
        Profile newerAfter = profile(newer);
        assertThat(olderAfter.getProfileId()).isEqualTo(older);
        assertThat(olderAfter.getIdentifiersList()).isEqualTo(olderBefore.getIdentifiersList());
        assertThat(olderAfter.getAttributes()).isEqualTo(olderBefore.getAttributes());
        assertThat(newerAfter.getProfileId()).isEqualTo(newer);
        assertThat(newerAfter.getAttributes()).isEqualTo(newerBefore.getAttributes());
        assertThat(newerAfter.getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactlyInAnyOrder(annPhone, later);
        GetIdentityGraphResponse graph = identity().getIdentityGraph(graphOf(older));
        assertThat(graph.getLinksList()).singleElement().satisfies(undone -> {
            assertThat(undone.getActive()).isFalse();
            assertThat(undone.getUndoneBy()).isEqualTo("supervisor-7");
        });
        assertThat(Failures.code(() -> identity().unmergeProfile(UnmergeProfileRequest.newBuilder()
                .setMergeId(merged.getMergeId()).setActor("supervisor-7").setReason("again").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(changesNaming(older)).as("the change feed tells the indexer")
                .contains("profiles merged", "profile unmerged");
    }

    private List<String> changesNaming(String profileId) {
        return ChangeLogRows.naming(session, "acme", UUID.fromString(profileId), Duration.ofMinutes(5));
    }

    @Test
    void twoCrmIdsNeverMergeAndTheObservationOpensAReviewItem() {
        Identifier first = email(uniqueEmail("kim"));
        Identifier second = phone(uniquePhone());
        String a = identity().resolve(seen("crm", crm("C-" + UUID.randomUUID()), first)).getProfileId();
        String b = identity().resolve(seen("crm", crm("C-" + UUID.randomUUID()), second)).getProfileId();

        ResolveResponse both = identity().resolve(seen("web", first, second));

        assertThat(both.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_CONFLICT);
        assertThat(both.getProfileId()).isEqualTo(a);
        assertThat(both.getReviewItemId()).isNotEmpty();
        assertThat(both.getExplanation()).contains("2 crm_id identifiers where the policy allows 1");
        assertThat(profile(b).getProfileId()).isEqualTo(b);
        assertThat(identity().getIdentityGraph(graphOf(a)).getLinksList()).isEmpty();
    }

    @Test
    void policyConflictsWaitInTheReviewQueueUntilAPersonDecides() {
        String tenant = "review" + (int) (Math.random() * 1_000_000);
        var identity = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
        String first = conflict(identity);
        String second = conflict(identity);

        ListReviewItemsResponse page1 = identity.listReviewItems(ListReviewItemsRequest.newBuilder().setPageSize(1).build());
        ListReviewItemsResponse page2 = identity.listReviewItems(ListReviewItemsRequest.newBuilder().setPageSize(1)
                .setPageToken(page1.getNextPageToken()).build());

        assertThat(page1.getReviewItemsList()).extracting(ReviewItem::getReviewItemId).containsExactly(second);
        assertThat(page2.getReviewItemsList()).extracting(ReviewItem::getReviewItemId).containsExactly(first);
        assertThat(page2.getReviewItems(0).getReason()).contains("2 crm_id identifiers");
        assertThat(page2.getReviewItems(0).getProfileIdsCount()).isEqualTo(2);

        DecideReviewItemRequest.Builder decide = DecideReviewItemRequest.newBuilder().setReviewItemId(first)
                .setActor("supervisor-9").setReason("checked the CRM");
        assertThat(Failures.code(() -> identity.decideReviewItem(decide.setDecision(ReviewDecision.REVIEW_DECISION_MERGE)
                .build()))).as("the policy still forbids the merge").isEqualTo(Status.Code.FAILED_PRECONDITION);
        ReviewItem decided = identity.decideReviewItem(decide.setDecision(ReviewDecision.REVIEW_DECISION_KEEP_APART)
                .build()).getReviewItem();

        assertThat(decided.getStatus()).isEqualTo(ReviewStatus.REVIEW_STATUS_DECIDED);
        assertThat(decided.getDecision()).isEqualTo(ReviewDecision.REVIEW_DECISION_KEEP_APART);
        assertThat(decided.getDecidedBy()).isEqualTo("supervisor-9");
        assertThat(identity.listReviewItems(ListReviewItemsRequest.getDefaultInstance()).getReviewItemsList())
                .extracting(ReviewItem::getReviewItemId).containsExactly(second);
        assertThat(identity.listReviewItems(ListReviewItemsRequest.newBuilder()
                .setStatus(ReviewStatus.REVIEW_STATUS_DECIDED).build()).getReviewItemsList())
                .extracting(ReviewItem::getReviewItemId).containsExactly(first);
        assertThat(Failures.code(() -> identity.decideReviewItem(decide.build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(Failures.invalidFields(() -> identity.decideReviewItem(DecideReviewItemRequest.newBuilder()
                .setReviewItemId(first).setActor("s").setReason("r").build()))).containsExactly("decision");
        assertThat(Failures.invalidFields(() -> identity.listReviewItems(ListReviewItemsRequest.newBuilder()
                .setPageToken("not-a-token").build()))).containsExactly("page_token");
        assertThat(Failures.code(() -> identity.decideReviewItem(decide.setReviewItemId(
                com.datastax.oss.driver.api.core.uuid.Uuids.timeBased().toString()).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        // Found by RandomRequestsTest: a UUID that is not time-based, as no review item id is, was INTERNAL.
        assertThat(Failures.invalidFields(() -> identity.decideReviewItem(decide.setReviewItemId(
                java.util.UUID.randomUUID().toString()).build()))).containsExactly("review_item_id");
    }

    /** Two profiles with different CRM ids, joined by one observation: a review item. */
    private static String conflict(IdentityServiceGrpc.IdentityServiceBlockingStub identity) {
        Identifier address = email(uniqueEmail("rae"));
        Identifier number = phone(uniquePhone());
        identity.resolve(seen("crm", crm("C-" + UUID.randomUUID()), address));
        identity.resolve(seen("crm", crm("C-" + UUID.randomUUID()), number));
        return identity.resolve(seen("web", address, number)).getReviewItemId();
    }

    @Test
    void aRecycledNumberMovesToItsNewOwnerOrToANewProfileOfItsOwn() {
        Identifier number = phone(uniquePhone());
        Identifier previousOwner = email(uniqueEmail("old-owner"));
        String from = identity().resolve(seen("crm", previousOwner, number)).getProfileId();
        String to = identity().resolve(seen("web", email(uniqueEmail("new-owner")))).getProfileId();
        MoveIdentifierRequest move = MoveIdentifierRequest.newBuilder().setIdentifier(number).setToProfileId(to)
                .setActor("supervisor-2").setReason("number recycled by the carrier").build();

        MoveIdentifierResponse moved = identity().moveIdentifier(move);

        assertThat(moved.getFromProfileId()).isEqualTo(from);
        assertThat(moved.getToProfileId()).isEqualTo(to);
        assertThat(profiles().getProfile(profileByIdentifier(number)).getProfile().getProfileId()).isEqualTo(to);
        assertThat(profile(from).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(previousOwner);
        assertThat(profile(to).getIdentifiersList()).filteredOn(listed -> listed.getIdentifier().equals(number))
                .singleElement().satisfies(listed -> assertThat(listed.getEvidence())
                        .contains("moved from profile " + from + " by supervisor-2"));
        assertThat(identity().moveIdentifier(move).getToProfileId()).as("repeating a move is safe").isEqualTo(to);
        assertThat(changesNaming(to)).contains("identifier moved");
        assertThat(ChangeLogRows.detailsNaming(session, "acme", UUID.fromString(to), Duration.ofMinutes(5)))
                .as("issue 17: the change log outlives erasure and names no identifier")
                .noneMatch(detail -> detail.contains(number.getValue()));

        String fresh = identity().moveIdentifier(move.toBuilder().clearToProfileId().build()).getToProfileId();

        assertThat(fresh).isNotIn(from, to);
        assertThat(profile(fresh).getIdentifiersList()).extracting(ProfileIdentifier::getIdentifier)
                .containsExactly(number);
        assertThat(Failures.code(() -> identity().moveIdentifier(move.toBuilder()
                .setIdentifier(phone(uniquePhone())).build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.invalidFields(() -> identity().moveIdentifier(move.toBuilder()
                .setIdentifier(email("broken")).setToProfileId("x").clearActor().build())))
                .containsExactlyInAnyOrder("identifier.value", "to_profile_id", "actor");
    }

    @Test
    void aMoveTheTargetsPolicyForbidsIsRefused() {
        Identifier crmId = crm("C-" + UUID.randomUUID());
        identity().resolve(seen("crm", crmId, email(uniqueEmail("pat"))));
        String other = identity().resolve(seen("crm", crm("C-" + UUID.randomUUID()))).getProfileId();

        assertThat(Failures.code(() -> identity().moveIdentifier(MoveIdentifierRequest.newBuilder()
                .setIdentifier(crmId).setToProfileId(other).setActor("s").setReason("r").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void aSupervisorMergesByHandAndTheLedgerNamesThem() {
        String a = identity().resolve(seen("web", email(uniqueEmail("lou")))).getProfileId();
        String b = identity().resolve(seen("app", phone(uniquePhone()))).getProfileId();

        MergeProfilesResponse merged = identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(b).addProfileIds(a).setActor("supervisor-3").setReason("same person, confirmed by call")
                .build());

        assertThat(merged.getProfileId()).isEqualTo(a);
        assertThat(merged.getMergedProfileIdsList()).containsExactly(b);
        assertThat(identity().getIdentityGraph(graphOf(b)).getLinksList()).singleElement().satisfies(link -> {
            assertThat(link.getRule()).isEqualTo("manual");
            assertThat(link.getActor()).isEqualTo("supervisor-3");
            assertThat(link.getReason()).isEqualTo("same person, confirmed by call");
        });
        assertThat(Failures.code(() -> identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(a).addProfileIds(b).setActor("supervisor-3").setReason("again").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
    }

    @Test
    void aManualMergeAgainstThePolicyIsRefused() {
        String a = identity().resolve(seen("crm", crm("C-" + UUID.randomUUID()))).getProfileId();
        String b = identity().resolve(seen("crm", crm("C-" + UUID.randomUUID()))).getProfileId();

        assertThat(Failures.code(() -> identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds(a).addProfileIds(b).setActor("supervisor-3").setReason("looks alike").build())))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(profile(b).getProfileId()).isEqualTo(b);
    }

    @Test
    void supervisorRequestsNameTheirFaults() {
        assertThat(Failures.invalidFields(() -> identity().mergeProfiles(MergeProfilesRequest.newBuilder()
                .addProfileIds("x").build()))).containsExactlyInAnyOrder("profile_ids", "profile_ids[0]", "actor", "reason");
        assertThat(Failures.invalidFields(() -> identity().unmergeProfile(UnmergeProfileRequest.newBuilder()
                .setMergeId("nope").setActor("s").setReason("r").build()))).containsExactly("merge_id");
        assertThat(Failures.code(() -> identity().unmergeProfile(UnmergeProfileRequest.newBuilder()
                .setMergeId(UUID.randomUUID().toString()).setActor("s").setReason("r").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> identity().getIdentityGraph(graphOf(UUID.randomUUID().toString()))))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    private static Timestamp at(String instant) {
        return Timestamp.newBuilder().setSeconds(Instant.parse(instant).getEpochSecond()).build();
    }
}
