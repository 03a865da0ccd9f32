package io.tellonce.bench.data;

import com.google.protobuf.Timestamp;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.Outcome;
import io.tellonce.proto.v1.Participants;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.Sentiment;
import io.tellonce.proto.v1.Speaker;
import io.tellonce.proto.v1.TranscriptMessage;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Synthetic conversations: what a person talked about, on which channel, when, with a transcript.
 * The seeded history of person {@code i} is the same in every run on the same day: its times count
 * back from the day's start (so that the last 30 days, which the context's signals look at, are
 * populated), and that day is part of the idempotency keys, so seeding again on the same day changes
 * nothing and seeding on a later day adds that day's conversations, as time would.
 */
public final class InteractionGenerator {
    /** How far back seeded conversations go. */
    static final Duration HISTORY_SPAN = Duration.ofDays(180);
    /** At most this many seeded conversations per person: under the 20 a context read shows. */
    static final int MAX_PER_PERSON = 6;
    private static final Channel[] CHANNELS = {Channel.CHANNEL_VOICE, Channel.CHANNEL_CHAT, Channel.CHANNEL_EMAIL,
            Channel.CHANNEL_SMS, Channel.CHANNEL_WHATSAPP, Channel.CHANNEL_BOT};
    private static final Sentiment[] SENTIMENTS = {Sentiment.SENTIMENT_POSITIVE, Sentiment.SENTIMENT_NEUTRAL,
            Sentiment.SENTIMENT_NEGATIVE, Sentiment.SENTIMENT_MIXED};
    private static final Outcome[] OUTCOMES = {Outcome.OUTCOME_RESOLVED, Outcome.OUTCOME_RESOLVED,
            Outcome.OUTCOME_UNRESOLVED, Outcome.OUTCOME_TRANSFERRED};

    private final long seed;
    private final ShareOfPeople share;

    /** @param share of people who have a seeded history (0..1) */
    public InteractionGenerator(long seed, double share) {
        this.seed = seed;
        this.share = new ShareOfPeople(seed, share, 0x1A7E5L);
    }

    /** The start of the UTC day: seeded histories end there. */
    public static Instant anchorOf(Instant now) {
        return LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * The person's seeded conversations, oldest first, each placed by the identifiers its channel saw;
     * those on the case's topic belong to the case when there is one.
     */
    public List<RecordInteractionRequest> history(Person person, Instant anchor, Optional<Topic> caseTopic,
                                                  Optional<String> caseId) {
        return share.draw(person.index()).map(random -> history(person, anchor, caseTopic, caseId, random))
                .orElse(List.of());
    }

    private List<RecordInteractionRequest> history(Person person, Instant anchor, Optional<Topic> caseTopic,
                                                   Optional<String> caseId, SplittableRandom random) {
        int count = 1 + random.nextInt(MAX_PER_PERSON);
        List<Instant> times = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            times.add(anchor.minusSeconds(1 + random.nextLong(HISTORY_SPAN.toSeconds())));
        }
        times.sort(null);
        String day = DateTimeFormatter.BASIC_ISO_DATE.format(anchor.atZone(ZoneOffset.UTC).toLocalDate());
        List<RecordInteractionRequest> requests = new ArrayList<>();
        for (int k = 0; k < count; k++) {
            // The case's conversations come last: they are why the case is still open.
            boolean onCase = caseTopic.isPresent() && k >= count - 2;
            Topic topic = onCase ? caseTopic.get() : Vocabulary.pick(Topic.ALL, random);
            Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
            Interaction.Builder interaction = conversation(person, channel, topic, times.get(k), random);
            if (onCase) {
                caseId.ifPresent(interaction::setCaseId);
            }
            requests.add(RecordInteractionRequest.newBuilder()
                    // A case's conversation is placed by the identifier the case is filed under: the service
                    // refuses to add another person's conversation to a case (a household's shared phone).
                    .addAllIdentifiers(onCase && caseId.isPresent() ? List.of(person.identifiers().get(0))
                            : seenOn(channel, person))
                    .setInteraction(interaction)
                    .setIdempotencyKey("bench-seed-" + seed + "-" + person.index() + "-" + day + "-i" + k)
                    .build());
        }
        return requests;
    }

    /** A conversation happening now with a known profile: what a contact centre records after a call. */
    public RecordInteractionRequest live(Person person, String profileId, RandomGenerator random, Instant now) {
        Channel channel = CHANNELS[random.nextInt(CHANNELS.length)];
        return RecordInteractionRequest.newBuilder()
                .setProfileId(profileId)
                .setInteraction(conversation(person, channel, Topic.ALL.get(random.nextInt(Topic.ALL.size())), now,
                        random))
                .build();
    }

    /** A first contact of someone nobody knows yet, on WhatsApp: recording it creates their profile. */
    public static RecordInteractionRequest firstContact(Identifier phone, Instant now) {
        return RecordInteractionRequest.newBuilder()
                // The number, as the WhatsApp gateway passes it on: what search finds phones by.
                .addIdentifiers(phone)
                .setInteraction(Interaction.newBuilder().setChannel(Channel.CHANNEL_WHATSAPP)
                        .setDirection(Direction.DIRECTION_INBOUND).setOccurTime(timestamp(now)).setTopic("sales.enquiry")
                        .setSummary("First message from a new customer.").setSourceSystem("whatsapp")
                        .addTranscript(TranscriptMessage.newBuilder().setSpeaker(Speaker.SPEAKER_CUSTOMER)
                                .setText("Hi, do you deliver on Saturdays?").setSendTime(timestamp(now))))
                .build();
    }

    /** The identifiers a channel knows its caller by. */
    static List<Identifier> seenOn(Channel channel, Person person) {
        return switch (channel) {
            case CHANNEL_VOICE, CHANNEL_SMS -> List.of(Person.identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "",
                    person.phone()));
            case CHANNEL_WHATSAPP -> List.of(person.whatsApp()
                    .map(number -> Person.identifier(IdentifierKind.IDENTIFIER_KIND_CHANNEL_HANDLE, "whatsapp", number))
                    .orElse(Person.identifier(IdentifierKind.IDENTIFIER_KIND_PHONE, "", person.phone())));
            default -> List.of(Person.identifier(IdentifierKind.IDENTIFIER_KIND_EMAIL, "", person.email()));
        };
    }

    private static Interaction.Builder conversation(Person person, Channel channel, Topic topic, Instant at,
                                                    RandomGenerator random) {
        boolean bot = channel == Channel.CHANNEL_BOT;
        Speaker staff = bot ? Speaker.SPEAKER_BOT : Speaker.SPEAKER_AGENT;
        Interaction.Builder interaction = Interaction.newBuilder()
                .setChannel(channel)
                .setDirection(random.nextInt(10) == 0 ? Direction.DIRECTION_OUTBOUND : Direction.DIRECTION_INBOUND)
                .setOccurTime(timestamp(at))
                .setParticipants(bot ? Participants.newBuilder().setBotId("helpbot")
                        : Participants.newBuilder().setAgentId("agent-" + (1 + random.nextInt(200)))
                                .setQueue(topic.queue()))
                .setTopic(topic.name())
                .setSummary(person.givenName() + " " + topic.summary())
                .setSentiment(SENTIMENTS[random.nextInt(SENTIMENTS.length)])
                .setOutcome(OUTCOMES[random.nextInt(OUTCOMES.length)])
                .setSourceSystem(bot ? "chatbot" : channel == Channel.CHANNEL_VOICE ? "telephony" : "contact-centre");
        List<String> lines = topic.lines();
        int messages = 2 + random.nextInt(lines.size() - 1);
        for (int m = 0; m < messages; m++) {
            interaction.addTranscript(TranscriptMessage.newBuilder()
                    .setSpeaker(m % 2 == 0 ? Speaker.SPEAKER_CUSTOMER : staff)
                    .setText(lines.get(m))
                    .setSendTime(timestamp(at.plusSeconds(20L * m))));
        }
        return interaction;
    }

    private static Timestamp timestamp(Instant at) {
        return Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()).build();
    }
}
