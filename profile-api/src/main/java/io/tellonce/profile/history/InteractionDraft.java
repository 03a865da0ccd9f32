package io.tellonce.profile.history;

import io.tellonce.identity.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A validated interaction to record, before it has an id and a node. */
public record InteractionDraft(Channel channel, String channelDetail, Direction direction, Instant occurredAt,
                               Participants participants, String topic, String summary,
                               List<TranscriptLine> transcript, Sentiment sentiment, Outcome outcome,
                               Optional<UUID> caseId, List<SurveyAnswer> surveyAnswers, String sourceSystem) {
    public InteractionDraft {
        transcript = List.copyOf(transcript);
        surveyAnswers = List.copyOf(surveyAnswers);
    }

    Interaction on(UUID id, ProfileId node, Instant recordedAt) {
        return new Interaction(id, node, channel, channelDetail, direction, occurredAt, participants, topic, summary,
                transcript, sentiment, outcome, caseId, surveyAnswers, sourceSystem, recordedAt);
    }
}
