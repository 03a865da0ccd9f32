package io.tellonce.profile.indexing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tellonce.profile.cassandra.ChangeLogCheckpoints.Checkpoint;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.cassandra.ChangeLogShards;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The drain's bookkeeping: nothing skipped, late arrivals caught, nothing lost when the sink fails. */
class ShardDrainTest {
    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    private final List<ChangeLogEntry> log = new ArrayList<>();
    private final List<UUID> applied = new ArrayList<>();
    private boolean sinkDown;

    private final ChangeSource source = new ChangeSource() {
        @Override
        public List<ChangeLogEntry> between(int shard, Instant from, Instant to) {
            return log.stream().filter(e -> e.at().isAfter(from) && !e.at().isAfter(to)).toList();
        }

        @Override
        public List<ChangeLogEntry> minute(int shard, Instant minute) {
            return log.stream().filter(e -> ChangeLogShards.bucket(e.at()).equals(minute)).toList();
        }
    };

    private final ChangeSink sink = entries -> {
        if (sinkDown) {
            throw new IOException("elasticsearch down");
        }
        entries.forEach(e -> applied.add(e.changeId()));
    };

    private ShardDrain drain() {
        return new ShardDrain(3, new Checkpoint(START, START), source, sink, 2, ShardLease.HELD);
    }

    private ChangeLogEntry change(Instant at) {
        ChangeLogEntry entry = new ChangeLogEntry(UUID.randomUUID(), at, "acme", "profile changed",
                List.of(UUID.randomUUID()), "");
        log.add(entry);
        return entry;
    }

    @Test
    void appliesEveryChangeUpToTheHorizonAcrossMinutesInBatches() throws IOException {
        ShardDrain drain = drain();
        ChangeLogEntry a = change(START.plusSeconds(10));
        ChangeLogEntry b = change(START.plusSeconds(70));
        ChangeLogEntry c = change(START.plusSeconds(71));
        ChangeLogEntry d = change(START.plusSeconds(130));
        ChangeLogEntry later = change(START.plusSeconds(200));

        drain.pass(START.plusSeconds(150));

        assertThat(applied).containsExactly(a.changeId(), b.changeId(), c.changeId(), d.changeId());
        assertThat(drain.checkpoint().indexedTo()).isEqualTo(START.plusSeconds(150));
        drain.pass(START.plusSeconds(250));
        assertThat(applied).endsWith(later.changeId());
    }

    @Test
    void aChangeThatArrivesLateInAPassedMinuteIsAppliedWhenTheMinuteIsVerified() throws IOException {
        ShardDrain drain = drain();
        change(START.plusSeconds(5));
        drain.pass(START.plusSeconds(90));
        ChangeLogEntry late = change(START.plusSeconds(30));
        assertThat(applied).doesNotContain(late.changeId());

        drain.verify(START.plusSeconds(90));

        assertThat(applied).contains(late.changeId());
        assertThat(drain.checkpoint().verifiedTo()).isEqualTo(START.plusSeconds(60).minusMillis(1));
    }

    @Test
    void aMinuteWithNothingLateIsNotAppliedAgain() throws IOException {
        ShardDrain drain = drain();
        change(START.plusSeconds(5));
        drain.pass(START.plusSeconds(90));
        int before = applied.size();
        drain.verify(START.plusSeconds(90));
        assertThat(applied).hasSize(before);
    }

    @Test
    void aLeaseLostMidDrainStopsItBeforeTheNextBatchWithTheCheckpointWhereItWas() throws IOException {
        ChangeLogEntry a = change(START.plusSeconds(5));
        ChangeLogEntry b = change(START.plusSeconds(6));
        change(START.plusSeconds(7));
        AtomicInteger asked = new AtomicInteger();
        // Held for the minute's read and its first batch, lost before the second.
        ShardDrain drain = new ShardDrain(3, new Checkpoint(START, START), source, sink, 2, () -> {
            if (asked.incrementAndGet() > 2) {
                throw new LeaseLost(3);
            }
        });

        assertThatThrownBy(() -> drain.pass(START.plusSeconds(30))).isInstanceOf(LeaseLost.class);

        assertThat(applied).containsExactly(a.changeId(), b.changeId());
        assertThat(drain.checkpoint().indexedTo()).isEqualTo(START);
    }

    @Test
    void aFailingSinkLeavesTheCheckpointWhereItWasSoNothingIsLost() throws IOException {
        ShardDrain drain = drain();
        ChangeLogEntry a = change(START.plusSeconds(5));
        sinkDown = true;
        assertThatThrownBy(() -> drain.pass(START.plusSeconds(30))).isInstanceOf(IOException.class);
        assertThat(drain.checkpoint().indexedTo()).isEqualTo(START);

        sinkDown = false;
        drain.pass(START.plusSeconds(30));
        assertThat(applied).containsExactly(a.changeId());
    }
}
