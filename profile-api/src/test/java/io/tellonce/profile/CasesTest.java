package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.byId;
import static io.tellonce.profile.support.Interactions.inbound;
import static io.tellonce.profile.support.Interactions.listOf;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Case;
import io.tellonce.proto.v1.CaseEvent;
import io.tellonce.proto.v1.CaseEventKind;
import io.tellonce.proto.v1.CaseStatus;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.GetCaseRequest;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.ListOpenCasesRequest;
import io.tellonce.proto.v1.ListInteractionsRequest;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.UpdateCaseRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Cases through gRPC on the real stores: open, change status with history, collect interactions. */
@MicronautTest
class CasesTest extends ServiceTest {
    CasesTest() {
        super("cases_test");
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history() {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private Case update(String caseId, CaseStatus status, String interactionId) {
        return history().updateCase(UpdateCaseRequest.newBuilder().setCaseId(caseId).setStatus(status)
                .setAddInteractionId(interactionId).setActor("agent-7").setNote("n").build()).getCase();
    }

    @Test
    void aCaseSpansChannelsKeepsItsHistoryAndLeavesTheOpenListWhenClosed() {
        String profile = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .resolve(seen("web", email(uniqueEmail("case")))).getProfileId();
        OpenCaseRequest open = OpenCaseRequest.newBuilder().setLookup(byId(profile)).setTitle("Refund not received")
                .setTopic("Billing.Refund").setActor("bot-1").setIdempotencyKey("open-" + UUID.randomUUID()).build();
        Case opened = history().openCase(open).getCase();
        assertThat(history().openCase(open).getCase()).as("a retried open opens nothing new").isEqualTo(opened);
        assertThat(opened.getStatus()).isEqualTo(CaseStatus.CASE_STATUS_OPEN);
        assertThat(opened.getTopic()).isEqualTo("billing.refund");
        assertThat(history().getCase(GetCaseRequest.newBuilder().setCaseId(opened.getCaseId()).build()).getCase()
                .getCreateTime()).as("issue 17: the time a create answers is the time reads answer")
                .isEqualTo(opened.getCreateTime());

        Instant now = Instant.now();
        Interaction chat = history().recordInteraction(onProfile(profile,
                inbound(Channel.CHANNEL_CHAT, now.minus(Duration.ofHours(2)), "billing.refund")
                        .setCaseId(opened.getCaseId()))).getInteraction();
        Interaction call = history().recordInteraction(onProfile(profile,
                inbound(Channel.CHANNEL_VOICE, now.minus(Duration.ofHours(1)), "billing.refund"))).getInteraction();
        Interaction lateEmail = history().recordInteraction(onProfile(profile,
                inbound(Channel.CHANNEL_EMAIL, now.minus(Duration.ofDays(3)), "billing.refund"))).getInteraction();

        update(opened.getCaseId(), CaseStatus.CASE_STATUS_PENDING, "");
        update(opened.getCaseId(), CaseStatus.CASE_STATUS_UNSPECIFIED, call.getInteractionId());
        Case afterLate = update(opened.getCaseId(), CaseStatus.CASE_STATUS_UNSPECIFIED, lateEmail.getInteractionId());

        assertThat(afterLate.getLastInteractionId()).as("a late interaction does not hide the latest activity")
                .isEqualTo(call.getInteractionId());
        assertThat(afterLate.getStatus()).isEqualTo(CaseStatus.CASE_STATUS_PENDING);
        assertThat(history().listInteractions(listOf(profile).setCaseId(opened.getCaseId()).build()).getInteractionsList())
                .extracting(Interaction::getInteractionId)
                .containsExactly(call.getInteractionId(), chat.getInteractionId(), lateEmail.getInteractionId());
        assertThat(history().listOpenCases(ListOpenCasesRequest.newBuilder().setLookup(byId(profile)).build())
                .getCasesList()).extracting(Case::getCaseId).containsExactly(opened.getCaseId());

        update(opened.getCaseId(), CaseStatus.CASE_STATUS_RESOLVED, "");
        update(opened.getCaseId(), CaseStatus.CASE_STATUS_CLOSED, "");

        assertThat(history().listOpenCases(ListOpenCasesRequest.newBuilder().setLookup(byId(profile)).build())
                .getCasesList()).isEmpty();
        assertThat(Failures.code(() -> update(opened.getCaseId(), CaseStatus.CASE_STATUS_OPEN, "")))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        Case closed = history().getCase(GetCaseRequest.newBuilder().setCaseId(opened.getCaseId()).build()).getCase();
        assertThat(closed.getHistoryList()).extracting(CaseEvent::getKind).containsExactly(
                CaseEventKind.CASE_EVENT_KIND_OPENED, CaseEventKind.CASE_EVENT_KIND_INTERACTION_ADDED,
                CaseEventKind.CASE_EVENT_KIND_STATUS_CHANGED, CaseEventKind.CASE_EVENT_KIND_INTERACTION_ADDED,
                CaseEventKind.CASE_EVENT_KIND_INTERACTION_ADDED, CaseEventKind.CASE_EVENT_KIND_STATUS_CHANGED,
                CaseEventKind.CASE_EVENT_KIND_STATUS_CHANGED);
        assertThat(closed.getHistoryList()).extracting(CaseEvent::getStatus).filteredOn(s -> s != CaseStatus.CASE_STATUS_UNSPECIFIED)
                .containsExactly(CaseStatus.CASE_STATUS_OPEN, CaseStatus.CASE_STATUS_PENDING,
                        CaseStatus.CASE_STATUS_RESOLVED, CaseStatus.CASE_STATUS_CLOSED);
    }

    @Test
    void unknownAndMalformedCaseRequestsAreRefused() {
        assertThat(Failures.code(() -> history().getCase(GetCaseRequest.newBuilder()
                .setCaseId(UUID.randomUUID().toString()).build()))).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.invalidFields(() -> history().getCase(GetCaseRequest.newBuilder().setCaseId("nope").build())))
                .containsExactly("case_id");
        assertThat(Failures.invalidFields(() -> history().updateCase(UpdateCaseRequest.newBuilder()
                .setCaseId(UUID.randomUUID().toString()).build()))).containsExactlyInAnyOrder("status", "actor");
        assertThat(Failures.invalidFields(() -> history().openCase(OpenCaseRequest.newBuilder()
                .setLookup(byId(UUID.randomUUID().toString())).build()))).containsExactlyInAnyOrder("title", "actor");
        assertThat(Failures.code(() -> history().openCase(OpenCaseRequest.newBuilder()
                .setLookup(byId(UUID.randomUUID().toString())).setTitle("t").setActor("a").build())))
                .isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void anInteractionCannotJoinAnotherPersonsCase() {
        var identity = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
        String owner = identity.resolve(seen("web", email(uniqueEmail("owner")))).getProfileId();
        String stranger = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .resolve(seen("web", email(uniqueEmail("stranger")))).getProfileId();
        Case theirs = history().openCase(OpenCaseRequest.newBuilder().setLookup(byId(owner)).setTitle("Refund")
                .setActor("bot-1").build()).getCase();

        assertThat(Failures.code(() -> history().recordInteraction(onProfile(stranger,
                inbound(Channel.CHANNEL_CHAT, Instant.now(), "billing").setCaseId(theirs.getCaseId())))))
                .isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(history().listInteractions(ListInteractionsRequest.newBuilder().setLookup(byId(stranger)).build())
                .getInteractionsList()).as("nothing was written").isEmpty();
    }
}
