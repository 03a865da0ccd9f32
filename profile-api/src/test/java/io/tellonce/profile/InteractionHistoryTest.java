package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.at;
import static io.tellonce.profile.support.Interactions.inbound;
import static io.tellonce.profile.support.Interactions.listOf;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.profileByIdentifier;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.Requests.uniquePhone;
import static io.tellonce.profile.support.Requests.whatsapp;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Status;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.ListInteractionsRequest;
import io.tellonce.proto.v1.ListInteractionsResponse;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.ProfileServiceGrpc;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.RecordInteractionResponse;
import io.tellonce.proto.v1.ResolveOutcome;
import io.tellonce.proto.v1.SurveyAnswer;
import io.tellonce.proto.v1.SurveyType;
import io.tellonce.proto.v1.TranscriptMessage;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Recording and listing interactions through gRPC on the real stores. */
@MicronautTest
class InteractionHistoryTest extends ServiceTest {
    private static final Channel[] CHANNELS = {Channel.CHANNEL_VOICE, Channel.CHANNEL_CHAT, Channel.CHANNEL_EMAIL,
            Channel.CHANNEL_WHATSAPP};

    @Inject
    CqlSession session;

    InteractionHistoryTest() {
        super("history_test");
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history() {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private IdentityServiceGrpc.IdentityServiceBlockingStub identity() {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme");
    }

    private String newProfile() {
        return identity().resolve(seen("web", email(uniqueEmail("h")))).getProfileId();
    }

    private List<Interaction> all(ListInteractionsRequest.Builder request, int pageSize) {
        List<Interaction> all = new ArrayList<>();
        String token = "";
        do {
            ListInteractionsResponse page = history().listInteractions(request.setPageSize(pageSize).setPageToken(token)
                    .build());
            assertThat(page.getInteractionsCount()).isLessThanOrEqualTo(pageSize);
            all.addAll(page.getInteractionsList());
            token = page.getNextPageToken();
        } while (!token.isEmpty());
        return all;
    }

    @Test
    void anUnknownIdentifierResolvesOnTheFlyAndTheInteractionIsOnItsProfile() {
        Identifier handle = whatsapp(uniquePhone());
        RecordInteractionResponse recorded = history().recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(handle)
                .setInteraction(inbound(Channel.CHANNEL_WHATSAPP, Instant.now().minusSeconds(60), "Delivery.Late"))
                .build());

        var resolved = identity().resolve(seen("whatsapp", handle));
        assertThat(resolved.getOutcome()).isEqualTo(ResolveOutcome.RESOLVE_OUTCOME_MATCHED);
        assertThat(recorded.getInteraction().getProfileId()).isEqualTo(resolved.getProfileId());
        assertThat(recorded.getInteraction().getTopic()).as("topics are lower-cased").isEqualTo("delivery.late");
        assertThat(all(listOf(resolved.getProfileId()), 10)).extracting(Interaction::getInteractionId)
                .containsExactly(recorded.getInteraction().getInteractionId());
    }

    @Test
    void aRetriedRecordInteractionIsStoredOnceAndAnsweredTheSame() {
        String profile = newProfile();
        RecordInteractionRequest request = onProfile(profile, inbound(Channel.CHANNEL_VOICE, Instant.now(), "billing"))
                .toBuilder().setIdempotencyKey("call-" + UUID.randomUUID()).build();

        RecordInteractionResponse first = history().recordInteraction(request);
        RecordInteractionResponse retry = history().recordInteraction(request);

        assertThat(retry).isEqualTo(first);
        assertThat(all(listOf(profile), 10)).hasSize(1);
        assertThat(Failures.invalidFields(() -> history().recordInteraction(request.toBuilder()
                .setInteraction(request.getInteraction().toBuilder().setSummary("something else")).build())))
                .containsExactly("idempotency_key");
        assertThat(all(listOf(profile), 10)).hasSize(1);
    }

    @Test
    void lateAndOutOfOrderArrivalsLandInTheirPlaceInTheTimeline() {
        String profile = newProfile();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<Instant> arrivals = List.of(now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(95)),
                now.minus(Duration.ofMinutes(5)), now.minus(Duration.ofDays(40)));
        arrivals.forEach(at -> history().recordInteraction(onProfile(profile, inbound(Channel.CHANNEL_EMAIL, at, "x"))));

        List<Instant> listed = all(listOf(profile), 2).stream()
                .map(i -> Instant.ofEpochSecond(i.getOccurTime().getSeconds(), i.getOccurTime().getNanos())).toList();

        assertThat(listed).containsExactly(arrivals.get(2), arrivals.get(0), arrivals.get(3), arrivals.get(1));
    }

    @Test
    void twoThousandInteractionsPageCorrectlyWithEveryFilterInBoundedPartitions() throws InterruptedException {
        String profile = newProfile();
        String caseId = history().openCase(OpenCaseRequest.newBuilder().setLookup(listOf(profile).getLookup())
                .setTitle("Broadband keeps dropping").setActor("agent-1").build()).getCase().getCaseId();
        Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
        int count = 2_000;
        List<RecordInteractionRequest> requests = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Interaction.Builder interaction = inbound(CHANNELS[i % CHANNELS.length], base.minus(Duration.ofHours(9L * i)),
                    "topic-" + (i % 5));
            if (i % 10 == 0) {
                interaction.setCaseId(caseId);
            }
            requests.add(onProfile(profile, interaction));
        }
        recordConcurrently(requests);

        List<Interaction> everything = all(listOf(profile), 137);
        assertThat(everything).hasSize(count);
        assertThat(everything).extracting(i -> i.getOccurTime().getSeconds())
                .as("newest first, each once").isSortedAccordingTo(Collections.reverseOrder()).doesNotHaveDuplicates();

        assertThat(all(listOf(profile).addChannels(Channel.CHANNEL_VOICE), 100))
                .hasSize(count / 4).allMatch(i -> i.getChannel() == Channel.CHANNEL_VOICE);
        assertThat(all(listOf(profile).setStartTime(at(base.minus(Duration.ofHours(9L * 1500))))
                .setEndTime(at(base.minus(Duration.ofHours(9L * 500)))), 250)).hasSize(1000);
        assertThat(all(listOf(profile).setCaseId(caseId), 50)).hasSize(count / 10).allMatch(i -> i.getCaseId().equals(caseId));
        assertThat(all(listOf(profile).setTopic("TOPIC-3").addChannels(Channel.CHANNEL_CHAT), 30))
                .hasSize(100).allMatch(i -> i.getTopic().equals("topic-3") && i.getChannel() == Channel.CHANNEL_CHAT);

        String token = history().listInteractions(listOf(profile).setPageSize(10).build()).getNextPageToken();
        assertThat(Failures.invalidFields(() -> history().listInteractions(listOf(profile).setPageSize(10)
                .setTopic("other").setPageToken(token).build()))).containsExactly("page_token");

        // 2,000 interactions over 750 days: about 25 monthly partitions of at most 31 * 24 / 9 rows each.
        UUID node = UUID.fromString(profile);
        List<Integer> buckets = session.execute(SimpleStatement.newInstance(
                        "SELECT bucket FROM interaction_bucket WHERE tenant = 'acme' AND node_id = ?", node))
                .all().stream().map(row -> row.getInt("bucket")).toList();
        assertThat(buckets).hasSizeBetween(24, 27);
        long total = 0;
        for (int bucket : buckets) {
            long rows = session.execute(SimpleStatement.newInstance("SELECT COUNT(*) FROM interaction WHERE tenant = 'acme'"
                    + " AND node_id = ? AND bucket = ?", node, bucket)).one().getLong(0);
            assertThat(rows).as("rows in month " + bucket).isBetween(1L, 31L * 24 / 9 + 1);
            total += rows;
        }
        assertThat(total).isEqualTo(count);
    }

    private void recordConcurrently(List<RecordInteractionRequest> requests) throws InterruptedException {
        Semaphore inFlight = new Semaphore(32);
        CountDownLatch done = new CountDownLatch(requests.size());
        List<Throwable> seen = Collections.synchronizedList(new ArrayList<>());
        var stub = asTenant(HistoryServiceGrpc.newFutureStub(service.channel()), "acme").withDeadlineAfter(5, TimeUnit.MINUTES);
        for (RecordInteractionRequest request : requests) {
            inFlight.acquire();
            Futures.addCallback(stub.recordInteraction(request), new FutureCallback<>() {
                @Override
                public void onSuccess(RecordInteractionResponse result) {
                    inFlight.release();
                    done.countDown();
                }

                @Override
                public void onFailure(Throwable t) {
                    seen.add(t);
                    inFlight.release();
                    done.countDown();
                }
            }, MoreExecutors.directExecutor());
        }
        assertThat(done.await(5, TimeUnit.MINUTES)).isTrue();
        assertThat(seen).isEmpty();
    }

    @Test
    void invalidInteractionsAreRefusedNamingEachFieldAndNothingIsWritten() {
        Identifier newcomer = email(uniqueEmail("never-written"));
        Interaction.Builder valid = inbound(Channel.CHANNEL_CHAT, Instant.now(), "returns");
        UnaryOperator<Interaction.Builder> tooManyMessages = i -> {
            for (int m = 0; m < 501; m++) {
                i.addTranscript(TranscriptMessage.newBuilder().setText("hello " + m));
            }
            return i;
        };
        List<String> fields = Failures.invalidFields(() -> history().recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(newcomer)
                .setInteraction(valid.clone().clearChannel().clearOccurTime()
                        .setCaseId("not-a-uuid")
                        .addSurveyAnswers(SurveyAnswer.newBuilder().setType(SurveyType.SURVEY_TYPE_NPS).setScore(11)))
                .build()));

        assertThat(fields).containsExactlyInAnyOrder("interaction.channel", "interaction.occur_time",
                "interaction.case_id", "interaction.survey_answers[0].score");
        // Sizes are checked where the request enters, before anything else reads it (ADR 20).
        assertThat(Failures.invalidFields(() -> history().recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(newcomer).setInteraction(tooManyMessages.apply(valid.clone())).build())))
                .containsExactly("interaction.transcript");
        assertThat(Failures.code(() -> asTenant(ProfileServiceGrpc.newBlockingStub(service.channel()), "acme")
                .getProfile(profileByIdentifier(newcomer)))).as("the identifier was not resolved either")
                .isEqualTo(Status.Code.NOT_FOUND);

        String profile = newProfile();
        String big = "x".repeat(200_000);
        assertThat(Failures.invalidFields(() -> history().recordInteraction(onProfile(profile, valid.clone()
                .addTranscript(TranscriptMessage.newBuilder().setText(big))
                .addTranscript(TranscriptMessage.newBuilder().setText(big))))))
                .containsExactly("interaction.transcript");
        assertThat(Failures.invalidFields(() -> history().recordInteraction(RecordInteractionRequest.newBuilder()
                .setInteraction(valid).build()))).containsExactly("identifiers");
        assertThat(Failures.invalidFields(() -> history().recordInteraction(RecordInteractionRequest.newBuilder()
                .addIdentifiers(email("not-an-address")).setInteraction(valid).build())))
                .containsExactly("identifiers[0].value");
        assertThat(Failures.invalidFields(() -> history().recordInteraction(onProfile(profile, valid.clone()
                .setOccurTime(at(Instant.now().plus(Duration.ofHours(1))))))))
                .containsExactly("interaction.occur_time");
        assertThat(all(listOf(profile), 10)).isEmpty();
    }

    @Test
    void unknownPeopleAndCasesAreNotFoundAndNothingIsWritten() {
        String unknown = UUID.randomUUID().toString();
        assertThat(Failures.code(() -> history().listInteractions(listOf(unknown).build())))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(Failures.code(() -> history().recordInteraction(onProfile(unknown,
                inbound(Channel.CHANNEL_VOICE, Instant.now(), "x"))))).isEqualTo(Status.Code.NOT_FOUND);

        String profile = newProfile();
        assertThat(Failures.code(() -> history().recordInteraction(onProfile(profile,
                inbound(Channel.CHANNEL_VOICE, Instant.now(), "x").setCaseId(UUID.randomUUID().toString())))))
                .isEqualTo(Status.Code.NOT_FOUND);
        assertThat(all(listOf(profile), 10)).isEmpty();
    }
}
