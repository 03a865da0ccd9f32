package io.tellonce.profile.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What an agent or bot acts on, worked out from a person's recent interactions alone (no I/O): how
 * often they reached out per channel, whether they keep coming back about one topic, whether a chat
 * or bot conversation ended in a call, their latest survey answers, and whether a poor answer still
 * waits for its closed-loop follow-up.
 *
 * <p>A contact is an inbound interaction: the customer reached out. A follow-up is an outbound
 * interaction by an agent at or after the interaction that carried the survey answer.
 */
public record ContextSignals(List<ChannelContacts> contacts, List<RepeatContact> repeatContacts,
                             Optional<ChannelSwitch> channelSwitch, List<LatestAnswer> latestAnswers,
                             Optional<FollowUp> followUp, boolean truncated) {
    static final Duration WEEK = Duration.ofDays(7);
    static final Duration MONTH = Duration.ofDays(30);
    static final Duration SWITCH_WITHIN = Duration.ofDays(1);

    public ContextSignals {
        contacts = List.copyOf(contacts);
        repeatContacts = List.copyOf(repeatContacts);
        latestAnswers = List.copyOf(latestAnswers);
    }

    public record ChannelContacts(Channel channel, int last7Days, int last30Days) {
    }

    public record RepeatContact(String topic, int contacts, Instant first, Instant last, List<Channel> channels) {
        public RepeatContact {
            channels = List.copyOf(channels);
        }
    }

    public record ChannelSwitch(Interaction from, Interaction to) {
    }

    public record LatestAnswer(SurveyAnswer answer, UUID interactionId, Instant at) {
    }

    /** @param followUpInteraction present once the follow-up happened */
    public record FollowUp(LatestAnswer survey, Optional<UUID> followUpInteraction) {
        public boolean done() {
            return followUpInteraction.isPresent();
        }
    }

    /**
     * @param interactions the person's recent interactions, in any order
     * @param truncated    whether the reader stopped before the start of the 30-day window
     */
    public static ContextSignals of(List<Interaction> interactions, Instant now, boolean truncated) {
        List<Interaction> newestFirst = interactions.stream().sorted(Interaction.NEWEST_FIRST).toList();
        List<Interaction> contacts = newestFirst.stream()
                .filter(i -> i.inbound() && within(i, now, MONTH))
                .toList();
        Optional<LatestAnswer> poorAnswer = answers(newestFirst).stream()
                .filter(answer -> answer.answer().needsFollowUp()).findFirst();
        return new ContextSignals(perChannel(contacts, now), repeats(contacts, now), channelSwitch(contacts),
                latestPerType(newestFirst), poorAnswer.map(answer -> followUp(answer, newestFirst)), truncated);
    }

    private static boolean within(Interaction interaction, Instant now, Duration period) {
        return interaction.occurredAt().isAfter(now.minus(period));
    }

    private static List<ChannelContacts> perChannel(List<Interaction> contacts, Instant now) {
        Map<Channel, int[]> counts = new EnumMap<>(Channel.class);
        for (Interaction contact : contacts) {
            int[] count = counts.computeIfAbsent(contact.channel(), channel -> new int[2]);
            count[1]++;
            if (within(contact, now, WEEK)) {
                count[0]++;
            }
        }
        List<ChannelContacts> result = new ArrayList<>();
        counts.forEach((channel, count) -> result.add(new ChannelContacts(channel, count[0], count[1])));
        return result;
    }

    /** Topics the customer raised more than once in the last 7 days, most recent first. */
    private static List<RepeatContact> repeats(List<Interaction> contacts, Instant now) {
        Map<String, List<Interaction>> byTopic = new LinkedHashMap<>();
        contacts.stream().filter(c -> !c.topic().isEmpty() && within(c, now, WEEK))
                .forEach(c -> byTopic.computeIfAbsent(c.topic(), topic -> new ArrayList<>()).add(c));
        List<RepeatContact> repeats = new ArrayList<>();
        byTopic.forEach((topic, onTopic) -> {
            if (onTopic.size() > 1) {
                repeats.add(new RepeatContact(topic, onTopic.size(), onTopic.get(onTopic.size() - 1).occurredAt(),
                        onTopic.get(0).occurredAt(), onTopic.stream().map(Interaction::channel).distinct().toList()));
            }
        });
        return repeats;
    }

    /** The latest inbound call that came within a day after an inbound chat, bot or messaging contact. */
    private static Optional<ChannelSwitch> channelSwitch(List<Interaction> contacts) {
        for (int call = 0; call < contacts.size(); call++) {
            Interaction voice = contacts.get(call);
            if (voice.channel() != Channel.VOICE) {
                continue;
            }
            for (int before = call + 1; before < contacts.size(); before++) {
                Interaction earlier = contacts.get(before);
                if (earlier.occurredAt().isBefore(voice.occurredAt().minus(SWITCH_WITHIN))) {
                    break;
                }
                if (earlier.channel().isTextConversation()) {
                    return Optional.of(new ChannelSwitch(earlier, voice));
                }
            }
        }
        return Optional.empty();
    }

    private static List<LatestAnswer> answers(List<Interaction> newestFirst) {
        List<LatestAnswer> answers = new ArrayList<>();
        newestFirst.forEach(i -> i.surveyAnswers().forEach(a -> answers.add(new LatestAnswer(a, i.id(), i.occurredAt()))));
        return answers;
    }

    private static List<LatestAnswer> latestPerType(List<Interaction> newestFirst) {
        Map<SurveyType, LatestAnswer> latest = new EnumMap<>(SurveyType.class);
        answers(newestFirst).forEach(answer -> latest.putIfAbsent(answer.answer().type(), answer));
        return List.copyOf(latest.values());
    }

    private static FollowUp followUp(LatestAnswer survey, List<Interaction> newestFirst) {
        return new FollowUp(survey, newestFirst.stream()
                .filter(i -> i.direction() == Direction.OUTBOUND && i.participants().hasAgent()
                        && !i.id().equals(survey.interactionId()) && !i.occurredAt().isBefore(survey.at()))
                .min(Comparator.comparing(Interaction::occurredAt))
                .map(Interaction::id));
    }
}
