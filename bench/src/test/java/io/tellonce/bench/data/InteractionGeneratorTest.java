package io.tellonce.bench.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.RecordInteractionRequest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InteractionGeneratorTest {
    private static final Instant ANCHOR = Instant.parse("2026-11-23T00:00:00Z");
    private final PersonGenerator people = new PersonGenerator(42, Shares.realistic());
    private final InteractionGenerator interactions = new InteractionGenerator(42, 0.6);

    @Test
    void aPersonsHistoryIsTheSameEveryTimeAndEndsBeforeTheAnchor() {
        for (int i = 0; i < 200; i++) {
            Person person = people.person(i);
            List<RecordInteractionRequest> history = interactions.history(person, ANCHOR, Optional.empty(), Optional.empty());
            assertThat(history).isEqualTo(interactions.history(person, ANCHOR, Optional.empty(), Optional.empty()))
                    .hasSizeLessThanOrEqualTo(InteractionGenerator.MAX_PER_PERSON);
            history.forEach(request -> {
                assertThat(request.getInteraction().getOccurTime().getSeconds()).isLessThan(ANCHOR.getEpochSecond())
                        .isGreaterThanOrEqualTo(ANCHOR.minus(InteractionGenerator.HISTORY_SPAN).getEpochSecond());
                assertThat(request.getInteraction().getTranscriptList()).hasSizeGreaterThanOrEqualTo(2)
                        .allSatisfy(line -> assertThat(line.getText()).isNotBlank());
            });
        }
    }

    @Test
    void aShareOfPeopleHaveAHistoryAcrossChannelsPlacedByIdentifiersTheyHave() {
        int withHistory = 0;
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            Person person = people.person(i);
            Set<Identifier> known = new HashSet<>(person.identifiers());
            List<RecordInteractionRequest> history = interactions.history(person, ANCHOR, Optional.empty(), Optional.empty());
            withHistory += history.isEmpty() ? 0 : 1;
            for (RecordInteractionRequest request : history) {
                channels.add(request.getInteraction().getChannel());
                assertThat(keys.add(request.getIdempotencyKey())).isTrue();
                assertThat(request.getIdempotencyKey()).contains("-20261123-");
                assertThat(request.getIdentifiersList()).isNotEmpty().allSatisfy(id -> assertThat(known).contains(id));
            }
        }
        assertThat(withHistory).isBetween(520, 680);
        assertThat(channels).hasSizeGreaterThanOrEqualTo(5);
    }

    @Test
    void theConversationsOnTheCaseTopicBelongToTheCaseAndArePlacedByItsIdentifier() {
        Person person = firstWithHistory();
        Topic topic = Topic.ALL.get(0);
        List<RecordInteractionRequest> history = interactions.history(person, ANCHOR, Optional.of(topic),
                Optional.of("case-1"));
        RecordInteractionRequest last = history.get(history.size() - 1);
        assertThat(last.getInteraction().getCaseId()).isEqualTo("case-1");
        assertThat(last.getInteraction().getTopic()).isEqualTo(topic.name());
        assertThat(last.getIdentifiersList()).containsExactly(person.identifiers().get(0));
    }

    @Test
    void aLiveConversationIsRecordedByProfileIdWithoutAKey() {
        RecordInteractionRequest request = interactions.live(people.person(3), "p-1", new SplittableRandom(1), ANCHOR);
        assertThat(request.getProfileId()).isEqualTo("p-1");
        assertThat(request.getIdentifiersList()).isEmpty();
        assertThat(request.getIdempotencyKey()).isEmpty();
        assertThat(request.getInteraction().getOccurTime().getSeconds()).isEqualTo(ANCHOR.getEpochSecond());
    }

    @Test
    void theAnchorIsTheStartOfTheUtcDay() {
        assertThat(InteractionGenerator.anchorOf(Instant.parse("2026-11-23T17:45:12Z"))).isEqualTo(ANCHOR);
    }

    private Person firstWithHistory() {
        for (int i = 0; ; i++) {
            if (!interactions.history(people.person(i), ANCHOR, Optional.empty(), Optional.empty()).isEmpty()) {
                return people.person(i);
            }
        }
    }
}
