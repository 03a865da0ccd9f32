package io.tellonce.bench.scenario;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.data.TupleValue;
import com.datastax.oss.driver.api.core.type.DataTypes;
import com.datastax.oss.driver.api.core.type.TupleType;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.bench.data.InteractionGenerator;
import io.tellonce.bench.load.Operation;
import io.tellonce.proto.v1.Interaction;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Cassandra work of one RecordInteraction by profile id (InteractionRecorder,
 * CassandraInteractionStore.record): the profile's members (node head, then cluster), then one logged
 * batch of the interaction, its month in the node's index, its id lookup and its change-log row, into
 * scratch copies of those tables.
 */
final class RawHistoryWrites {
    private static final TupleType LINE = DataTypes.tupleOf(DataTypes.TEXT, DataTypes.TEXT, DataTypes.TIMESTAMP);
    /** ChangeLogShards.COUNT. */
    private static final int SHARDS = 16;

    private RawHistoryWrites() {
    }

    static Operation recordInteraction(ScenarioContext context, RawOperations raw, HistoryStatements cql,
                                       InteractionGenerator interactions) {
        SeededProfiles profiles = context.seededProfiles();
        return () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            SeededProfiles.Entry entry = profiles.pick(random);
            Interaction interaction = interactions.live(context.people().person(entry.personIndex()),
                    entry.profileId().toString(), random, Instant.now()).getInteraction();
            UUID node = entry.profileId();
            return raw.members(node).thenCompose(members -> raw.session().executeAsync(
                            batch(raw.tenant(), node, interaction, cql)))
                    .thenApply(done -> null);
        };
    }

    private static BatchStatement batch(String tenant, UUID node, Interaction interaction, HistoryStatements cql) {
        UUID id = UUID.randomUUID();
        Instant at = Instant.ofEpochSecond(interaction.getOccurTime().getSeconds(), interaction.getOccurTime().getNanos())
                .truncatedTo(ChronoUnit.MILLIS);
        int bucket = RawContextReads.bucket(at);
        List<TupleValue> transcript = interaction.getTranscriptList().stream().map(line -> LINE.newValue(
                name(line.getSpeaker()), line.getText(), Instant.ofEpochSecond(line.getSendTime().getSeconds()))).toList();
        UUID changeId = Uuids.timeBased();
        Instant changeAt = Instant.ofEpochMilli(Uuids.unixTimestamp(changeId));
        return BatchStatement.newInstance(DefaultBatchType.LOGGED,
                cql.insertInteraction.bind(tenant, bucket, node, at, id, name(interaction.getChannel()),
                        interaction.getChannelDetail(), name(interaction.getDirection()),
                        interaction.getParticipants().getAgentId(), interaction.getParticipants().getBotId(),
                        interaction.getParticipants().getQueue(), interaction.getTopic(), interaction.getSummary(),
                        transcript, name(interaction.getSentiment()), name(interaction.getOutcome()), null, List.of(),
                        interaction.getSourceSystem(), Instant.now()),
                cql.insertBucket.bind(tenant, node, bucket),
                cql.insertInteractionById.bind(tenant, id, node, at),
                cql.insertChange.bind(Math.floorMod(31 * tenant.hashCode() + node.hashCode(), SHARDS),
                        changeAt.truncatedTo(ChronoUnit.MINUTES), changeId, tenant, "interaction recorded", List.of(node),
                        id.toString())).setIdempotent(true);
    }

    /** Enums are stored by their lower-case name without the wire prefix ("voice", "inbound"). */
    private static String name(Enum<?> value) {
        String wire = value.name();
        return wire.substring(wire.indexOf('_') + 1).toLowerCase(Locale.ROOT);
    }
}
