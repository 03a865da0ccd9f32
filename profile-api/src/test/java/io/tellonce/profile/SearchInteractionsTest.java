package io.tellonce.profile;

import static io.tellonce.profile.support.Interactions.at;
import static io.tellonce.profile.support.Interactions.byId;
import static io.tellonce.profile.support.Interactions.interaction;
import static io.tellonce.profile.support.Interactions.onProfile;
import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.identity.IdentityGraph;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.Failures;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.CaseStatus;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.GetIndexStatusRequest;
import io.tellonce.proto.v1.HistoryServiceGrpc;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.InteractionSearchFilter;
import io.tellonce.proto.v1.InteractionSearchHit;
import io.tellonce.proto.v1.InteractionSearchOrder;
import io.tellonce.proto.v1.MergeProfilesRequest;
import io.tellonce.proto.v1.OpenCaseRequest;
import io.tellonce.proto.v1.ReindexRequest;
import io.tellonce.proto.v1.SearchInteractionsRequest;
import io.tellonce.proto.v1.SearchInteractionsResponse;
import io.tellonce.proto.v1.SearchServiceGrpc;
import io.tellonce.proto.v1.Sentiment;
import io.tellonce.proto.v1.Speaker;
import io.tellonce.proto.v1.TranscriptMessage;
import io.tellonce.proto.v1.UpdateCaseRequest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * Agents searching the conversation history through gRPC on the real stores: an interaction recorded
 * through RecordInteraction reaches the interaction index through the change log, is found by the
 * words of its summary or transcript, narrowed by every filter, follows its case's status and its
 * person's merges, and stays in its tenant.
 */
@MicronautTest
class SearchInteractionsTest extends ServiceTest {
    private static final Duration INDEXED = Duration.ofSeconds(20);
    /** DESIGN.md's target for a change to be visible in search. */
    private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(2);

    @Inject
    IdentityGraph graph;

    SearchInteractionsTest() {
        super("it_isearch");
    }

    private HistoryServiceGrpc.HistoryServiceBlockingStub history(String tenant) {
        return asTenant(HistoryServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private SearchServiceGrpc.SearchServiceBlockingStub search(String tenant) {
        return asTenant(SearchServiceGrpc.newBlockingStub(service.channel()), tenant);
    }

    private String person(String tenant) {
        return asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant)
                .resolve(seen("crm", email(uniqueEmail("talk")))).getProfileId();
    }

    private Interaction record(String tenant, String profile, Interaction.Builder interaction) {
        return history(tenant).recordInteraction(onProfile(profile, interaction)).getInteraction();
    }

    private static Interaction.Builder said(Channel channel, Instant when, String topic, String summary) {
        return interaction(channel, Direction.DIRECTION_INBOUND, when, topic, summary);
    }

    private static SearchInteractionsRequest query(String text) {
        return SearchInteractionsRequest.newBuilder().setQuery(text).build();
    }

    private static SearchInteractionsRequest filtered(String text, UnaryOperator<InteractionSearchFilter.Builder> filter) {
        return SearchInteractionsRequest.newBuilder().setQuery(text)
                .setFilter(filter.apply(InteractionSearchFilter.newBuilder())).build();
    }

    private static List<String> ids(SearchInteractionsResponse response) {
        return response.getHitsList().stream().map(InteractionSearchHit::getInteractionId).toList();
    }

    /** The ids of the hits once they are the expected ones, in any order (the index follows within a second or so). */
    private List<String> eventually(String tenant, SearchInteractionsRequest request, String... expected) {
        return ids(Eventually.await(request + " finds " + List.of(expected), INDEXED, () -> search(tenant)
                .searchInteractions(request), found -> ids(found).size() == expected.length
                && ids(found).containsAll(List.of(expected))));
    }

    /** The ids of the hits once they are exactly the expected ones in this order. */
    private List<String> eventuallyInOrder(String tenant, SearchInteractionsRequest request, String... expected) {
        return ids(Eventually.await(request + " finds " + List.of(expected) + " in this order", INDEXED,
                () -> search(tenant).searchInteractions(request), found -> ids(found).equals(List.of(expected))));
    }

    @Test
    void aRecordedInteractionIsSearchableWithinTwoSecondsAndItsWordsFindItFirst() {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 6);
        String profile = person("acme");
        Instant now = Instant.now();
        // The 2 s target is for a running indexer: wait out this instance's start (leases, catching up) first.
        String warmUp = record("acme", profile, said(Channel.CHANNEL_SMS, now.minusSeconds(400), "", "warm up " + tag))
                .getInteractionId();
        eventually("acme", query("warm up " + tag), warmUp);
        Interaction inSummary = record("acme", profile, said(Channel.CHANNEL_CHAT, now.minusSeconds(300), "billing",
                "Customer complained about DOUBLE BILLING on the November invoice " + tag));
        Instant recorded = Instant.now();
        SearchInteractionsResponse first = Eventually.await("searchable within 2 s", VISIBLE_WITHIN,
                () -> search("acme").searchInteractions(query("double billing " + tag)),
                found -> ids(found).contains(inSummary.getInteractionId()));
        assertThat(Duration.between(recorded, Instant.now())).isLessThanOrEqualTo(VISIBLE_WITHIN);

        Interaction inTranscript = record("acme", profile, said(Channel.CHANNEL_VOICE, now.minusSeconds(200),
                "billing", "Call about the invoice " + tag).addTranscript(TranscriptMessage.newBuilder()
                .setSpeaker(Speaker.SPEAKER_CUSTOMER).setText("I think there is a double billing, twice the amount")));
        Interaction otherWords = record("acme", profile, said(Channel.CHANNEL_EMAIL, now.minusSeconds(100), "billing",
                "Billing address changed " + tag));
        List<String> found = eventuallyInOrder("acme", query("double billing " + tag), inSummary.getInteractionId(),
                inTranscript.getInteractionId());
        assertThat(found).doesNotContain(otherWords.getInteractionId());

        InteractionSearchHit best = search("acme").searchInteractions(query("double billing " + tag)).getHits(0);
        assertThat(best.getProfileId()).isEqualTo(profile);
        assertThat(best.getSummary()).as("shown as Cassandra holds it, unfolded").contains("DOUBLE BILLING");
        assertThat(best.getChannel()).isEqualTo(Channel.CHANNEL_CHAT);
        assertThat(best.getTopic()).isEqualTo("billing");
        assertThat(best.getOccurTime()).isEqualTo(inSummary.getOccurTime());
        assertThat(best.getSummaryHighlightsList()).anyMatch(h -> h.contains("<em>double</em>"));
        InteractionSearchHit second = search("acme").searchInteractions(query("double billing " + tag)).getHits(1);
        assertThat(second.getTranscriptHighlightsList()).anyMatch(h -> h.contains("<em>billing</em>"));
        assertThat(first.getTotalSize()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void everyFilterNarrowsAndExcludesAndACaseStatusChangeIsFollowed() {
        String tag = "f" + UUID.randomUUID().toString().substring(0, 6);
        String complainer = person("acme");
        String happy = person("acme");
        Instant now = Instant.now();
        String caseId = history("acme").openCase(OpenCaseRequest.newBuilder().setLookup(byId(complainer))
                .setTitle("Charged twice").setTopic("billing").setActor("agent-1").build()).getCase().getCaseId();
        String angry = record("acme", complainer, said(Channel.CHANNEL_WHATSAPP, now.minus(Duration.ofDays(2)),
                "billing", "Angry about being charged twice " + tag).setSentiment(Sentiment.SENTIMENT_NEGATIVE)
                .setCaseId(caseId)).getInteractionId();
        String pleased = record("acme", happy, said(Channel.CHANNEL_VOICE, now.minus(Duration.ofDays(10)),
                "delivery", "Pleased with the delivery " + tag).setSentiment(Sentiment.SENTIMENT_POSITIVE))
                .getInteractionId();
        eventually("acme", query(tag), angry, pleased);

        eventually("acme", filtered(tag, f -> f.addChannels(Channel.CHANNEL_WHATSAPP)), angry);
        eventually("acme", filtered(tag, f -> f.addChannels(Channel.CHANNEL_VOICE)), pleased);
        eventually("acme", filtered(tag, f -> f.setStartTime(at(now.minus(Duration.ofDays(5))))), angry);
        eventually("acme", filtered(tag, f -> f.setEndTime(at(now.minus(Duration.ofDays(5))))), pleased);
        eventually("acme", filtered(tag, f -> f.setTopic("BILLING")), angry);
        eventually("acme", filtered(tag, f -> f.setTopic("returns")));
        eventually("acme", filtered(tag, f -> f.addSentiments(Sentiment.SENTIMENT_POSITIVE)), pleased);
        eventually("acme", filtered(tag, f -> f.addSentiments(Sentiment.SENTIMENT_NEGATIVE)), angry);
        eventually("acme", filtered(tag, f -> f.setPerson(byId(happy))), pleased);
        eventually("acme", filtered(tag, f -> f.addCaseStatuses(CaseStatus.CASE_STATUS_OPEN)), angry);
        eventually("acme", filtered(tag, f -> f.addCaseStatuses(CaseStatus.CASE_STATUS_RESOLVED)));

        history("acme").updateCase(UpdateCaseRequest.newBuilder().setCaseId(caseId)
                .setStatus(CaseStatus.CASE_STATUS_RESOLVED).setActor("agent-1").build());
        eventually("acme", filtered(tag, f -> f.addCaseStatuses(CaseStatus.CASE_STATUS_RESOLVED)), angry);
        eventually("acme", filtered(tag, f -> f.addCaseStatuses(CaseStatus.CASE_STATUS_OPEN)));
    }

    @Test
    void newestFirstAndPagesNeverRepeatAnInteraction() {
        String tag = "p" + UUID.randomUUID().toString().substring(0, 6);
        String profile = person("acme");
        Instant now = Instant.now();
        String oldest = record("acme", profile, said(Channel.CHANNEL_SMS, now.minusSeconds(3000), "", "refund " + tag))
                .getInteractionId();
        String middle = record("acme", profile, said(Channel.CHANNEL_SMS, now.minusSeconds(2000), "",
                "refund refund refund " + tag)).getInteractionId();
        String newest = record("acme", profile, said(Channel.CHANNEL_SMS, now.minusSeconds(1000), "", "refund " + tag))
                .getInteractionId();
        SearchInteractionsRequest newestFirst = query("refund " + tag).toBuilder()
                .setOrder(InteractionSearchOrder.INTERACTION_SEARCH_ORDER_NEWEST_FIRST).build();
        eventuallyInOrder("acme", newestFirst, newest, middle, oldest);

        SearchInteractionsResponse page1 = search("acme").searchInteractions(newestFirst.toBuilder().setPageSize(2).build());
        SearchInteractionsResponse page2 = search("acme").searchInteractions(newestFirst.toBuilder().setPageSize(2)
                .setPageToken(page1.getNextPageToken()).build());
        assertThat(ids(page1)).containsExactly(newest, middle);
        assertThat(ids(page2)).containsExactly(oldest);
        assertThat(page2.getNextPageToken()).isEmpty();
        assertThat(page1.getTotalSize()).isEqualTo(3);
    }

    @Test
    void oneTenantNeverSeesAnothersInteractions() {
        String tag = "x" + UUID.randomUUID().toString().substring(0, 6);
        Instant now = Instant.now();
        String ours = record("acme", person("acme"), said(Channel.CHANNEL_CHAT, now, "", "parcel lost " + tag))
                .getInteractionId();
        String theirs = record("globex", person("globex"), said(Channel.CHANNEL_CHAT, now, "", "parcel lost " + tag))
                .getInteractionId();
        assertThat(eventually("acme", query("parcel lost " + tag), ours)).doesNotContain(theirs);
        assertThat(eventually("globex", query("parcel lost " + tag), theirs)).doesNotContain(ours);
        eventually("acme", filtered("", f -> f.addChannels(Channel.CHANNEL_CHAT).setStartTime(at(now))
                .setEndTime(at(now.plusMillis(1)))), ours);
    }

    @Test
    void aMergedPersonsInteractionsReportTheCurrentProfile() {
        String tag = "m" + UUID.randomUUID().toString().substring(0, 6);
        String first = person("acme");
        String second = person("acme");
        Instant now = Instant.now();
        String a = record("acme", first, said(Channel.CHANNEL_EMAIL, now.minusSeconds(20), "", "merge me " + tag))
                .getInteractionId();
        String b = record("acme", second, said(Channel.CHANNEL_CHAT, now.minusSeconds(10), "", "merge me " + tag))
                .getInteractionId();
        eventually("acme", query("merge me " + tag), b, a);
        assertThat(search("acme").searchInteractions(query("merge me " + tag)).getHitsList())
                .extracting(InteractionSearchHit::getProfileId).containsExactlyInAnyOrder(second, first);

        String merged = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), "acme")
                .mergeProfiles(MergeProfilesRequest.newBuilder().addProfileIds(first).addProfileIds(second)
                        .setActor("sup-1").setReason("same person").build()).getProfileId();
        assertThat(search("acme").searchInteractions(query("merge me " + tag)).getHitsList())
                .extracting(InteractionSearchHit::getProfileId).containsOnly(merged);
        eventually("acme", filtered("merge me " + tag, f -> f.setPerson(byId(first))), b, a);
    }

    @Test
    void reindexingTheInteractionsKeepsSearchAnswering() throws Exception {
        String tag = "r" + UUID.randomUUID().toString().substring(0, 6);
        String profile = person("acme");
        String before = record("acme", profile, said(Channel.CHANNEL_APP, Instant.now().minusSeconds(60), "",
                "rebuild me " + tag)).getInteractionId();
        eventually("acme", query("rebuild me " + tag), before);
        List<String> misses = new CopyOnWriteArrayList<>();
        AtomicBoolean searching = new AtomicBoolean(true);
        Thread agent = new Thread(() -> {
            while (searching.get()) {
                try {
                    if (!ids(search("acme").searchInteractions(query("rebuild me " + tag))).contains(before)) {
                        misses.add("not found");
                    }
                } catch (RuntimeException e) {
                    misses.add(e.toString());
                }
            }
        });
        agent.start();
        String rebuilt = search("acme").reindex(ReindexRequest.newBuilder().setIndex("interactions").build()).getIndex();
        assertThat(rebuilt).contains("interactions-v2-");
        String during = record("acme", profile, said(Channel.CHANNEL_APP, Instant.now(), "", "rebuild me " + tag))
                .getInteractionId();
        Eventually.await("the interactions alias on the rebuilt index", INDEXED,
                () -> search("acme").getIndexStatus(GetIndexStatusRequest.newBuilder().setIndex("interactions").build()),
                status -> status.getBuildingCount() == 0 && status.getIndexesList().equals(List.of(rebuilt)));
        eventually("acme", query("rebuild me " + tag), during, before);
        searching.set(false);
        agent.join();
        assertThat(misses).as("search answered throughout the rebuild").isEmpty();
    }

    @Test
    void aPersonCassandraNoLongerHasLeavesTheIndex() {
        String tag = "g" + UUID.randomUUID().toString().substring(0, 6);
        String profile = person("acme");
        String gone = record("acme", profile, said(Channel.CHANNEL_CHAT, Instant.now(), "", "forget me " + tag))
                .getInteractionId();
        eventually("acme", query("forget me " + tag), gone);
        // The change erasure will publish for the erased nodes: the node is gone from Cassandra.
        graph.discard(new TenantId("acme"), ProfileId.parse(profile)).toCompletableFuture().join();
        Eventually.await("the documents deleted, not only hidden", INDEXED,
                () -> search("acme").searchInteractions(query("forget me " + tag)), found -> found.getTotalSize() == 0);
    }

    @Test
    void badSearchesNameTheField() {
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(query("")))).containsExactly("query");
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(query("x".repeat(201)))))
                .containsExactly("query");
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(query("refund").toBuilder()
                .setPageSize(1000).build()))).containsExactly("page_size");
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(query("refund").toBuilder()
                .setPageToken("bogus").build()))).containsExactly("page_token");
        Instant now = Instant.now();
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(filtered("refund",
                f -> f.setStartTime(at(now)).setEndTime(at(now.minusSeconds(60))))))).containsExactly("filter.end_time");
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(filtered("refund",
                f -> f.addChannels(Channel.CHANNEL_UNSPECIFIED))))).containsExactly("filter.channels[0]");
        assertThat(Failures.invalidFields(() -> search("acme").searchInteractions(filtered("refund",
                f -> f.setPerson(byId("not-a-uuid")))))).containsExactly("filter.person.profile_id");
        assertThat(Failures.invalidFields(() -> search("acme").reindex(ReindexRequest.newBuilder().setIndex("bogus")
                .build()))).containsExactly("index");
        assertThat(search("acme").searchInteractions(query("refund")).getTotalSize()).isGreaterThanOrEqualTo(0);
    }
}
