package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.Channel;
import io.tellonce.profile.history.Direction;
import io.tellonce.profile.history.Interaction;
import io.tellonce.profile.history.Outcome;
import io.tellonce.profile.history.Participants;
import io.tellonce.profile.history.Sentiment;
import io.tellonce.profile.history.Speaker;
import io.tellonce.profile.history.SurveyAnswer;
import io.tellonce.profile.history.SurveyType;
import io.tellonce.profile.history.TranscriptLine;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Optional;

/** Interactions to and from rows of the interaction table; enums are stored by lower-case name. */
@Singleton
final class InteractionRows {
    private static final TupleType LINE = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.TEXT, DataTypes.TIMESTAMP);
    private static final TupleType ANSWER = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.TEXT, DataTypes.INT,
            DataTypes.INT, DataTypes.INT, DataTypes.BOOLEAN);

    private final HistoryStatements cql;

    InteractionRows(HistoryStatements cql) {
        this.cql = cql;
    }

    BoundStatement insert(TenantId tenant, int bucket, Interaction i) {
        return cql.insertInteraction.bind(tenant.value(), bucket, i.node().value(), i.occurredAt(), i.id(),
                name(i.channel()), i.channelDetail(), name(i.direction()), i.participants().agentId(),
                i.participants().botId(), i.participants().queue(), i.topic(), i.summary(),
                i.transcript().stream().map(line -> LINE.newValue(name(line.speaker()), line.text(),
                        line.sentAt().orElse(null))).toList(),
                name(i.sentiment()), name(i.outcome()), i.caseId().orElse(null),
                i.surveyAnswers().stream().map(a -> ANSWER.newValue(name(a.type()), a.question(), a.score(),
                        a.scaleMin(), a.scaleMax(), a.higherMeansMoreEffort())).toList(),
                i.sourceSystem(), i.recordedAt());
    }

    Interaction interaction(Row row) {
        return new Interaction(row.getUuid("interaction_id"), new ProfileId(row.getUuid("node_id")),
                value(Channel.class, row.getString("channel")), text(row, "channel_detail"),
                value(Direction.class, row.getString("direction")), row.getInstant("occurred_at"),
                new Participants(text(row, "agent_id"), text(row, "bot_id"), text(row, "queue")),
                text(row, "topic"), text(row, "summary"),
                row.get("transcript", CqlTypes.TUPLES).stream().map(line -> new TranscriptLine(
                        value(Speaker.class, line.getString(0)), line.getString(1),
                        Optional.ofNullable(line.get(2, Instant.class)))).toList(),
                value(Sentiment.class, row.getString("sentiment")), value(Outcome.class, row.getString("outcome")),
                Optional.ofNullable(row.getUuid("case_id")),
                row.get("survey_answers", CqlTypes.TUPLES).stream().map(a -> new SurveyAnswer(
                        value(SurveyType.class, a.getString(0)), a.getString(1), a.getInt(2), a.getInt(3), a.getInt(4),
                        a.getBoolean(5))).toList(),
                text(row, "source_system"), row.getInstant("recorded_at"));
    }

    /** A text column, empty rather than null when unset. */
    static String text(Row row, String column) {
        String value = row.getString(column);
        return value == null ? "" : value;
    }

    static String name(Enum<?> value) {
        return value.name().toLowerCase();
    }

    static <E extends Enum<E>> E value(Class<E> type, String stored) {
        return Enum.valueOf(type, stored.toUpperCase());
    }
}
