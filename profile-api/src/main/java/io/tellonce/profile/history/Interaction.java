package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What happened on one channel at one time, recorded on one identity node of the person.
 *
 * @param topic lower-cased, empty when unknown
 */
public record Interaction(UUID id, ProfileId node, Channel channel, String channelDetail, Direction direction,
                          Instant occurredAt, Participants participants, String topic, String summary,
                          List<TranscriptLine> transcript, Sentiment sentiment, Outcome outcome, Optional<UUID> caseId,
                          List<SurveyAnswer> surveyAnswers, String sourceSystem, Instant recordedAt) {
    /** Newest first; ties broken by id so that every reader (and every page token) agrees on one order. */
    public static final Comparator<Interaction> NEWEST_FIRST = Comparator.comparing(Interaction::occurredAt)
            .thenComparing(Interaction::id).reversed();

    public Interaction {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(participants, "participants");
        Objects.requireNonNull(caseId, "caseId");
        transcript = List.copyOf(transcript);
        surveyAnswers = List.copyOf(surveyAnswers);
    }

    public boolean inbound() {
        return direction == Direction.INBOUND;
    }

    /** Whether this comes after the position {@code (at, id)} in newest-first order. */
    public boolean olderThan(Instant at, UUID otherId) {
        int byTime = occurredAt.compareTo(at);
        return byTime < 0 || byTime == 0 && id.compareTo(otherId) < 0;
    }
}
