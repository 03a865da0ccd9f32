package io.tellonce.profile.grpc;

import static io.tellonce.profile.grpc.RequestFields.domain;
import static io.tellonce.profile.grpc.RequestFields.text;

import io.tellonce.identity.ProfileId;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.config.HistorySettings;
import io.tellonce.profile.history.Channel;
import io.tellonce.profile.history.Direction;
import io.tellonce.profile.history.InteractionDraft;
import io.tellonce.profile.history.InteractionRecorder.Subject;
import io.tellonce.profile.history.Outcome;
import io.tellonce.profile.history.Participants;
import io.tellonce.profile.history.Sentiment;
import io.tellonce.profile.history.Speaker;
import io.tellonce.profile.history.SurveyAnswer;
import io.tellonce.profile.history.SurveyType;
import io.tellonce.profile.history.TranscriptLine;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.ResolveRequest;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Checks a RecordInteractionRequest completely before anything is written, naming every offending
 * field, and turns it into who it is about and what happened. Identifiers are read exactly as
 * Resolve reads them.
 */
@Singleton
final class InteractionRequestReader {

    private final ResolveRequestReader identities;
    private final HistorySettings limits;
    private final Clock clock;

    InteractionRequestReader(ResolveRequestReader identities, HistorySettings limits, Clock clock) {
        this.identities = identities;
        this.limits = limits;
        this.clock = clock;
    }

    record Read(Subject subject, InteractionDraft draft) {
    }

    Read read(RecordInteractionRequest request) {
        List<FieldViolation> problems = new ArrayList<>();
        Interaction wire = request.getInteraction();
        if (!request.hasInteraction()) {
            problems.add(new FieldViolation("interaction", "is required"));
        }
        Optional<InteractionDraft> draft = draft(wire, problems);
        Optional<Subject> subject = subject(request, draft, problems);
        ResolveRequestReader.checkKey(request.getIdempotencyKey(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequest(problems);
        }
        return new Read(subject.orElseThrow(), draft.orElseThrow());
    }

    private Optional<Subject> subject(RecordInteractionRequest request, Optional<InteractionDraft> draft,
                                      List<FieldViolation> problems) {
        if (!request.getProfileId().isEmpty()) {
            try {
                return Optional.of(new Subject.ById(ProfileId.parse(request.getProfileId())));
            } catch (IllegalArgumentException e) {
                problems.add(new FieldViolation("profile_id", "must be a profile id as returned by Resolve (a UUID)"));
                return Optional.empty();
            }
        }
        if (request.getIdentifiersCount() == 0) {
            problems.add(new FieldViolation("identifiers", "name the person: a profile_id or at least one identifier"));
            return Optional.empty();
        }
        // The identifiers as Resolve reads them; the source and time are the interaction's, checked above.
        ResolveRequest resolve = ResolveRequest.newBuilder().addAllIdentifiers(request.getIdentifiersList())
                .setSourceSystem(draft.map(InteractionDraft::sourceSystem).orElse(""))
                .setObservedAt(WireTime.of(draft.map(InteractionDraft::occurredAt).orElse(clock.instant())))
                .build();
        try {
            return Optional.of(new Subject.Seen(identities.read(resolve)));
        } catch (InvalidRequest invalid) {
            invalid.violations().stream().filter(v -> v.field().startsWith("identifiers")).forEach(problems::add);
            return Optional.empty();
        }
    }

    private Optional<InteractionDraft> draft(Interaction wire, List<FieldViolation> problems) {
        int before = problems.size();
        Optional<Channel> channel = domain(wire.getChannel(), HistoryMessages.CHANNEL, Channel.class);
        if (channel.isEmpty()) {
            problems.add(new FieldViolation("interaction.channel", "must be one of the Channel values other than"
                    + " CHANNEL_UNSPECIFIED"));
        }
        Optional<Direction> direction = domain(wire.getDirection(), HistoryMessages.DIRECTION, Direction.class);
        if (direction.isEmpty()) {
            problems.add(new FieldViolation("interaction.direction", "must be DIRECTION_INBOUND or DIRECTION_OUTBOUND"));
        }
        Optional<Instant> occurredAt = occurredAt(wire, problems);
        Participants participants = new Participants(
                text(wire.getParticipants().getAgentId(), "interaction.participants.agent_id", false, problems),
                text(wire.getParticipants().getBotId(), "interaction.participants.bot_id", false, problems),
                text(wire.getParticipants().getQueue(), "interaction.participants.queue", false, problems));
        String channelDetail = text(wire.getChannelDetail(), "interaction.channel_detail", false,
                problems);
        String topic = text(wire.getTopic(), "interaction.topic", false, problems).toLowerCase(Locale.ROOT);
        String summary = text(wire.getSummary(), "interaction.summary", false, problems);
        // The contract allows 4,000 characters; a deployment may allow fewer.
        if (summary.length() > limits.maxSummaryLength()) {
            problems.add(new FieldViolation("interaction.summary", "must be at most " + limits.maxSummaryLength()
                    + " characters"));
        }
        String source = text(wire.getSourceSystem(), "interaction.source_system", false, problems);
        List<TranscriptLine> transcript = transcript(wire, problems);
        Optional<Sentiment> sentiment = domain(wire.getSentiment(), HistoryMessages.SENTIMENT, Sentiment.class);
        if (sentiment.isEmpty()) {
            problems.add(new FieldViolation("interaction.sentiment", "is not a Sentiment value"));
        }
        Optional<Outcome> outcome = domain(wire.getOutcome(), HistoryMessages.OUTCOME, Outcome.class);
        if (outcome.isEmpty()) {
            problems.add(new FieldViolation("interaction.outcome", "is not an Outcome value"));
        }
        var caseId = RequestFields.uuid(wire.getCaseId(), "interaction.case_id", "a case id", problems);
        List<SurveyAnswer> answers = surveyAnswers(wire, problems);
        if (problems.size() > before) {
            return Optional.empty();
        }
        return Optional.of(new InteractionDraft(channel.get(), channelDetail, direction.get(), occurredAt.get(),
                participants, topic, summary, transcript, sentiment.get(), outcome.get(), caseId, answers, source));
    }

    private Optional<Instant> occurredAt(Interaction wire, List<FieldViolation> problems) {
        if (!wire.hasOccurTime()) {
            problems.add(new FieldViolation("interaction.occur_time", "is required: when it happened"));
            return Optional.empty();
        }
        Optional<Instant> at = RequestFields.time(true, wire.getOccurTime(), "interaction.occur_time", problems);
        if (at.isPresent() && at.get().isAfter(clock.instant().plus(ResolveRequestReader.MAX_CLOCK_SKEW))) {
            problems.add(new FieldViolation("interaction.occur_time", "must not be more than "
                    + ResolveRequestReader.MAX_CLOCK_SKEW.toMinutes() + " minutes in the future"));
        }
        return at;
    }

    private List<TranscriptLine> transcript(Interaction wire, List<FieldViolation> problems) {
        if (wire.getTranscriptCount() > limits.maxTranscriptMessages()) {
            problems.add(new FieldViolation("interaction.transcript", "must have at most "
                    + limits.maxTranscriptMessages() + " messages (tellonce.history.max-transcript-messages)"));
            return List.of();
        }
        List<TranscriptLine> lines = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < wire.getTranscriptCount(); i++) {
            var message = wire.getTranscript(i);
            String field = "interaction.transcript[" + i + "]";
            bytes += message.getText().getBytes(StandardCharsets.UTF_8).length;
            if (message.getText().isBlank()) {
                problems.add(new FieldViolation(field + ".text", "is required"));
            }
            Optional<Speaker> speaker = domain(message.getSpeaker(), HistoryMessages.SPEAKER, Speaker.class);
            if (speaker.isEmpty()) {
                problems.add(new FieldViolation(field + ".speaker", "is not a Speaker value"));
            }
            Optional<Instant> sentAt = RequestFields.time(message.hasSendTime(), message.getSendTime(),
                    field + ".send_time", problems);
            lines.add(new TranscriptLine(speaker.orElse(Speaker.UNSPECIFIED), message.getText(), sentAt));
        }
        if (bytes > limits.maxTranscriptBytes()) {
            problems.add(new FieldViolation("interaction.transcript", "must hold at most " + limits.maxTranscriptBytes()
                    + " bytes of text in all (tellonce.history.max-transcript-bytes); it holds " + bytes));
        }
        return lines;
    }

    private static List<SurveyAnswer> surveyAnswers(Interaction wire, List<FieldViolation> problems) {
        List<SurveyAnswer> answers = new ArrayList<>();
        for (int i = 0; i < wire.getSurveyAnswersCount(); i++) {
            var answer = wire.getSurveyAnswers(i);
            String field = "interaction.survey_answers[" + i + "]";
            String question = text(answer.getQuestion(), field + ".question", false, problems);
            Optional<SurveyType> type = domain(answer.getType(), HistoryMessages.SURVEY_TYPE, SurveyType.class);
            if (type.isEmpty()) {
                problems.add(new FieldViolation(field + ".type", "must be SURVEY_TYPE_CSAT, SURVEY_TYPE_CES or"
                        + " SURVEY_TYPE_NPS"));
                continue;
            }
            boolean usual = answer.getScaleMin() == 0 && answer.getScaleMax() == 0;
            int min = usual ? type.get().usualMin() : answer.getScaleMin();
            int max = usual ? type.get().usualMax() : answer.getScaleMax();
            if (min >= max) {
                problems.add(new FieldViolation(field + ".scale_max", "must be greater than scale_min"));
            } else if (type.get() == SurveyType.NPS && (min != 0 || max != 10)) {
                problems.add(new FieldViolation(field + ".scale_min", "NPS is always scored 0 to 10"));
            } else if (answer.getScore() < min || answer.getScore() > max) {
                problems.add(new FieldViolation(field + ".score", "must be between " + min + " and " + max));
            } else {
                answers.add(new SurveyAnswer(type.get(), question, answer.getScore(), min, max,
                        answer.getHigherMeansMoreEffort()));
            }
        }
        return answers;
    }
}
