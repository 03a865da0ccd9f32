package io.tellonce.profile.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Timestamp;
import io.tellonce.identity.IdentifierNormaliser;
import io.tellonce.profile.app.FieldViolation;
import io.tellonce.profile.app.InvalidRequest;
import io.tellonce.profile.config.HistorySettings;
import io.tellonce.profile.history.InteractionRecorder;
import io.tellonce.proto.v1.Channel;
import io.tellonce.proto.v1.Direction;
import io.tellonce.proto.v1.Identifier;
import io.tellonce.proto.v1.IdentifierKind;
import io.tellonce.proto.v1.Interaction;
import io.tellonce.proto.v1.RecordInteractionRequest;
import io.tellonce.proto.v1.SurveyAnswer;
import io.tellonce.proto.v1.SurveyType;
import io.tellonce.proto.v1.TranscriptMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class InteractionRequestReaderTest {
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private final InteractionRequestReader reader = new InteractionRequestReader(
            new ResolveRequestReader(new IdentifierMessages(new IdentifierNormaliser("GB")), CLOCK),
            new HistorySettings(3, 20, 50, 20, 200, 1000, Duration.ofMillis(250)), CLOCK);

    private static Interaction.Builder valid() {
        return Interaction.newBuilder().setChannel(Channel.CHANNEL_VOICE).setDirection(Direction.DIRECTION_INBOUND)
                .setOccurTime(Timestamp.newBuilder().setSeconds(NOW.getEpochSecond() - 60).setNanos(123_456_789))
                .setTopic(" Billing.Refund ");
    }

    private static RecordInteractionRequest.Builder request(Interaction.Builder interaction) {
        return RecordInteractionRequest.newBuilder().addIdentifiers(Identifier.newBuilder()
                .setKind(IdentifierKind.IDENTIFIER_KIND_PHONE).setValue("07700 900123")).setInteraction(interaction);
    }

    private List<String> fields(RecordInteractionRequest request) {
        return catchThrowableOfType(InvalidRequest.class, () -> reader.read(request)).violations().stream()
                .map(FieldViolation::field).toList();
    }

    @Test
    void aValidRequestIsReadAsResolveWouldReadItsIdentifiers() {
        InteractionRequestReader.Read read = reader.read(request(valid()).build());

        assertThat(read.subject()).isInstanceOfSatisfying(InteractionRecorder.Subject.Seen.class, seen ->
                assertThat(seen.observation().identifiers().get(0).value()).isEqualTo("+447700900123"));
        assertThat(read.draft().topic()).isEqualTo("billing.refund");
        assertThat(read.draft().occurredAt()).as("stored to the millisecond").isEqualTo(NOW.minusSeconds(60).plusMillis(123));
    }

    @Test
    void transcriptsBeyondTheConfiguredLimitsAreRefused() {
        Interaction.Builder tooMany = valid();
        for (int i = 0; i < 4; i++) {
            tooMany.addTranscript(TranscriptMessage.newBuilder().setText("m"));
        }
        assertThat(fields(request(tooMany).build())).containsExactly("interaction.transcript");
        assertThat(fields(request(valid().addTranscript(TranscriptMessage.newBuilder().setText("é".repeat(11)))).build()))
                .as("bytes, not characters").containsExactly("interaction.transcript");
        assertThat(fields(request(valid().addTranscript(TranscriptMessage.newBuilder().setText(" "))).build()))
                .containsExactly("interaction.transcript[0].text");
        assertThat(fields(request(valid().setSummary("s".repeat(51))).build())).containsExactly("interaction.summary");
    }

    @Test
    void everyProblemIsNamedAtOnce() {
        RecordInteractionRequest request = RecordInteractionRequest.newBuilder()
                .addIdentifiers(Identifier.newBuilder().setKind(IdentifierKind.IDENTIFIER_KIND_EMAIL).setValue("nope"))
                .setInteraction(Interaction.newBuilder()
                        .setOccurTime(Timestamp.newBuilder().setSeconds(NOW.plus(Duration.ofHours(1)).getEpochSecond()))
                        .setCaseId("x")
                        .addSurveyAnswers(SurveyAnswer.newBuilder().setType(SurveyType.SURVEY_TYPE_NPS).setScaleMin(1)
                                .setScaleMax(5).setScore(3))
                        .addSurveyAnswers(SurveyAnswer.newBuilder().setScore(3)))
                .setIdempotencyKey("has space")
                .build();

        assertThat(fields(request)).containsExactlyInAnyOrder("identifiers[0].value", "interaction.channel",
                "interaction.direction", "interaction.occur_time", "interaction.case_id",
                "interaction.survey_answers[0].scale_min", "interaction.survey_answers[1].type", "idempotency_key");
    }

    @Test
    void aProfileIdOrIdentifiersMustNameThePerson() {
        assertThat(fields(RecordInteractionRequest.newBuilder().setInteraction(valid()).build()))
                .containsExactly("identifiers");
        assertThat(fields(RecordInteractionRequest.newBuilder().setProfileId("p").setInteraction(valid()).build()))
                .containsExactly("profile_id");
        assertThat(fields(RecordInteractionRequest.newBuilder().setProfileId(java.util.UUID.randomUUID().toString())
                .build())).contains("interaction");
    }
}
