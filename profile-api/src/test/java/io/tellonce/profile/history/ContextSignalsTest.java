package io.tellonce.profile.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.tellonce.identity.ProfileId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContextSignalsTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final ProfileId NODE = new ProfileId(UUID.randomUUID());

    private static Interaction contact(Channel channel, Duration ago, String topic) {
        return interaction(channel, Direction.INBOUND, ago, topic, Participants.NONE, List.of());
    }

    private static Interaction interaction(Channel channel, Direction direction, Duration ago, String topic,
                                           Participants participants, List<SurveyAnswer> answers) {
        return new Interaction(UUID.randomUUID(), NODE, channel, "", direction, NOW.minus(ago), participants, topic, "",
                List.of(), Sentiment.UNSPECIFIED, Outcome.UNSPECIFIED, Optional.empty(), answers, "test",
                NOW.minus(ago));
    }

    private static SurveyAnswer nps(int score) {
        return new SurveyAnswer(SurveyType.NPS, "How likely are you to recommend us?", score, 0, 10, false);
    }

    @Test
    void countsInboundContactsPerChannelInTheLastSevenAndThirtyDays() {
        ContextSignals signals = ContextSignals.of(List.of(
                contact(Channel.VOICE, Duration.ofDays(1), ""),
                contact(Channel.VOICE, Duration.ofDays(10), ""),
                contact(Channel.VOICE, Duration.ofDays(31), ""),
                contact(Channel.EMAIL, Duration.ofDays(29), ""),
                interaction(Channel.EMAIL, Direction.OUTBOUND, Duration.ofDays(2), "", Participants.NONE, List.of())),
                NOW, false);

        assertThat(signals.contacts()).containsExactly(
                new ContextSignals.ChannelContacts(Channel.VOICE, 1, 2),
                new ContextSignals.ChannelContacts(Channel.EMAIL, 0, 1));
    }

    @Test
    void aTopicRaisedTwiceWithinSevenDaysIsARepeatContactAcrossChannels() {
        ContextSignals signals = ContextSignals.of(List.of(
                contact(Channel.CHAT, Duration.ofDays(6), "billing"),
                contact(Channel.VOICE, Duration.ofHours(2), "billing"),
                contact(Channel.EMAIL, Duration.ofDays(3), "delivery"),
                contact(Channel.EMAIL, Duration.ofDays(9), "delivery")), NOW, false);

        assertThat(signals.repeatContacts()).singleElement().satisfies(repeat -> {
            assertThat(repeat.topic()).isEqualTo("billing");
            assertThat(repeat.contacts()).isEqualTo(2);
            assertThat(repeat.channels()).containsExactly(Channel.VOICE, Channel.CHAT);
            assertThat(repeat.first()).isEqualTo(NOW.minus(Duration.ofDays(6)));
        });
    }

    @Test
    void aCallWithinADayAfterAChatBotOrMessagingContactIsAChannelSwitch() {
        Interaction bot = contact(Channel.BOT, Duration.ofHours(20), "");
        Interaction call = contact(Channel.VOICE, Duration.ofHours(1), "");
        assertThat(ContextSignals.of(List.of(call, bot), NOW, false).channelSwitch())
                .contains(new ContextSignals.ChannelSwitch(bot, call));

        Interaction oldChat = contact(Channel.CHAT, Duration.ofHours(30), "");
        Interaction email = contact(Channel.EMAIL, Duration.ofHours(5), "");
        assertThat(ContextSignals.of(List.of(call, oldChat, email), NOW, false).channelSwitch())
                .as("a chat more than a day before, and an e-mail, are no switch").isEmpty();
    }

    @Test
    void theLatestAnswerPerSurveyTypeAndAnUnansweredDetractorNeedingFollowUp() {
        Interaction older = interaction(Channel.VOICE, Direction.INBOUND, Duration.ofDays(5), "", Participants.NONE,
                List.of(nps(9)));
        Interaction detractor = interaction(Channel.EMAIL, Direction.INBOUND, Duration.ofDays(2), "", Participants.NONE,
                List.of(nps(4), new SurveyAnswer(SurveyType.CSAT, "Satisfied?", 2, 1, 5, false)));
        List<Interaction> history = new ArrayList<>(List.of(older, detractor));

        ContextSignals open = ContextSignals.of(history, NOW, false);
        assertThat(open.latestAnswers()).extracting(a -> a.answer().type() + ":" + a.answer().score())
                .containsExactlyInAnyOrder("NPS:4", "CSAT:2");
        assertThat(open.followUp()).hasValueSatisfying(followUp -> {
            assertThat(followUp.survey().interactionId()).isEqualTo(detractor.id());
            assertThat(followUp.done()).isFalse();
        });

        history.add(interaction(Channel.VOICE, Direction.OUTBOUND, Duration.ofDays(1), "", Participants.NONE, List.of()));
        assertThat(ContextSignals.of(history, NOW, false).followUp()).hasValueSatisfying(followUp ->
                assertThat(followUp.done()).as("an outbound call without an agent is no follow-up").isFalse());

        Interaction callBack = interaction(Channel.VOICE, Direction.OUTBOUND, Duration.ofHours(20), "",
                new Participants("agent-4", "", "retention"), List.of());
        history.add(callBack);
        assertThat(ContextSignals.of(history, NOW, false).followUp()).hasValueSatisfying(followUp -> {
            assertThat(followUp.done()).isTrue();
            assertThat(followUp.followUpInteraction()).contains(callBack.id());
        });
    }

    @Test
    void promotersAndPassivesNeedNoFollowUp() {
        assertThat(ContextSignals.of(List.of(interaction(Channel.APP, Direction.INBOUND, Duration.ofDays(1), "",
                Participants.NONE, List.of(nps(7)))), NOW, false).followUp()).isEmpty();
    }

    @Test
    void highEffortIsTheWorstThirdOfTheCesScaleWhicheverWayItRuns() {
        // "The company made it easy" 1-7: low scores are high effort.
        assertThat(new SurveyAnswer(SurveyType.CES, "", 3, 1, 7, false).needsFollowUp()).isTrue();
        assertThat(new SurveyAnswer(SurveyType.CES, "", 4, 1, 7, false).needsFollowUp()).isFalse();
        // "How much effort" 1-5: high scores are high effort.
        assertThat(new SurveyAnswer(SurveyType.CES, "", 4, 1, 5, true).needsFollowUp()).isTrue();
        assertThat(new SurveyAnswer(SurveyType.CES, "", 3, 1, 5, true).needsFollowUp()).isFalse();
        assertThat(new SurveyAnswer(SurveyType.NPS, "", 6, 0, 10, false).needsFollowUp()).isTrue();
        assertThat(new SurveyAnswer(SurveyType.CSAT, "", 1, 1, 5, false).needsFollowUp()).isFalse();
    }

    @Test
    void truncationIsReported() {
        assertThat(ContextSignals.of(List.of(), NOW, true).truncated()).isTrue();
    }
}
