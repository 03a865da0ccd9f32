package io.tellonce.profile.grpc;

import static io.tellonce.profile.grpc.RequestFields.wire;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.history.CaseEvent;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.Interaction;
import io.tellonce.proto.v1.Case;
import io.tellonce.proto.v1.CaseEventKind;
import io.tellonce.proto.v1.CaseStatus;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.Outcome;
import io.tellonce.proto.v1.Participants;
import io.tellonce.proto.v1.Sentiment;
import io.tellonce.proto.v1.Speaker;
import io.tellonce.proto.v1.SurveyAnswer;
import io.tellonce.proto.v1.SurveyType;
import io.tellonce.proto.v1.TranscriptMessage;

/** Interactions and cases as wire messages. Wire enum values are the domain names with a prefix. */
final class HistoryMessages {
    static final String CHANNEL = "CHANNEL_";
    static final String DIRECTION = "DIRECTION_";
    static final String SENTIMENT = "SENTIMENT_";
    static final String OUTCOME = "OUTCOME_";
    static final String SPEAKER = "SPEAKER_";
    static final String SURVEY_TYPE = "SURVEY_TYPE_";
    static final String CASE_STATUS = "CASE_STATUS_";
    static final String CASE_EVENT_KIND = "CASE_EVENT_KIND_";

    private HistoryMessages() {
    }

    static io.tellonce.proto.v1.Interaction interaction(Interaction i, ProfileId profile) {
        io.tellonce.proto.v1.Interaction.Builder wire = io.tellonce.proto.v1.Interaction.newBuilder()
                .setInteractionId(i.id().toString())
                .setProfileId(profile.toString())
                .setNodeId(i.node().toString())
                .setChannel(wire(i.channel(), CHANNEL, Channel.class))
                .setChannelDetail(i.channelDetail())
                .setDirection(wire(i.direction(), DIRECTION, Direction.class))
                .setOccurTime(WireTime.of(i.occurredAt()))
                .setParticipants(Participants.newBuilder().setAgentId(i.participants().agentId())
                        .setBotId(i.participants().botId()).setQueue(i.participants().queue()))
                .setTopic(i.topic())
                .setSummary(i.summary())
                .setSentiment(wire(i.sentiment(), SENTIMENT, Sentiment.class))
                .setOutcome(wire(i.outcome(), OUTCOME, Outcome.class))
                .setCaseId(i.caseId().map(Object::toString).orElse(""))
                .setSourceSystem(i.sourceSystem())
                .setRecordTime(WireTime.of(i.recordedAt()));
        i.transcript().forEach(line -> {
            TranscriptMessage.Builder message = TranscriptMessage.newBuilder()
                    .setSpeaker(wire(line.speaker(), SPEAKER, Speaker.class)).setText(line.text());
            line.sentAt().ifPresent(at -> message.setSendTime(WireTime.of(at)));
            wire.addTranscript(message);
        });
        i.surveyAnswers().forEach(answer -> wire.addSurveyAnswers(surveyAnswer(answer)));
        return wire.build();
    }

    static SurveyAnswer surveyAnswer(io.tellonce.profile.history.SurveyAnswer answer) {
        return SurveyAnswer.newBuilder()
                .setType(wire(answer.type(), SURVEY_TYPE, SurveyType.class))
                .setQuestion(answer.question())
                .setScore(answer.score())
                .setScaleMin(answer.scaleMin())
                .setScaleMax(answer.scaleMax())
                .setHigherMeansMoreEffort(answer.higherMeansMoreEffort())
                .build();
    }

    static Case aCase(CustomerCase c, ProfileId profile) {
        Case.Builder wire = Case.newBuilder()
                .setCaseId(c.id().toString())
                .setProfileId(profile.toString())
                .setNodeId(c.node().toString())
                .setTitle(c.title())
                .setTopic(c.topic())
                .setStatus(wire(c.status(), CASE_STATUS, CaseStatus.class))
                .setLastInteractionId(c.lastInteractionId().map(Object::toString).orElse(""));
        if (c.openedAt() != null) {
            wire.setCreateTime(WireTime.of(c.openedAt()));
        }
        if (c.updatedAt() != null) {
            wire.setUpdateTime(WireTime.of(c.updatedAt()));
        }
        if (c.lastActivityAt() != null) {
            wire.setLastActivityTime(WireTime.of(c.lastActivityAt()));
        }
        c.history().forEach(event -> wire.addHistory(event(event)));
        return wire.build();
    }

    private static io.tellonce.proto.v1.CaseEvent event(CaseEvent event) {
        io.tellonce.proto.v1.CaseEvent.Builder wire = io.tellonce.proto.v1.CaseEvent.newBuilder()
                .setEventId(event.id().toString())
                .setKind(wire(event.kind(), CASE_EVENT_KIND, CaseEventKind.class))
                .setInteractionId(event.interactionId().map(Object::toString).orElse(""))
                .setActor(event.actor())
                .setNote(event.note())
                .setEventTime(WireTime.of(event.at()));
        event.status().ifPresent(status -> wire.setStatus(wire(status, CASE_STATUS, CaseStatus.class)));
        return wire.build();
    }
}
