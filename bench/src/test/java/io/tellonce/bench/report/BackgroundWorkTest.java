package io.tellonce.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackgroundWorkTest {
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

    @Test
    void quietWhenEveryProcessIsIdleAndTheIndexHasCaughtUp() {
        BackgroundWork work = new BackgroundWork(Map.of("service", 0.02, "cassandra", 0.10), Optional.of(Duration.ofSeconds(2)));

        assertThat(work.quiet(0.15, TEN_SECONDS)).isTrue();
    }

    @Test
    void cassandraCompactingIsNotQuiet() {
        BackgroundWork work = new BackgroundWork(Map.of("service", 0.02, "cassandra", 0.95), Optional.of(Duration.ZERO));

        assertThat(work.quiet(0.15, TEN_SECONDS)).isFalse();
    }

    @Test
    void anIndexerBacklogIsNotQuietEvenWhenTheCpuLooksIdle() {
        BackgroundWork work = new BackgroundWork(Map.of("service", 0.01), Optional.of(Duration.ofMinutes(3)));

        assertThat(work.quiet(0.15, TEN_SECONDS)).isFalse();
    }

    @Test
    void anUnknownLagLeavesTheDecisionToTheCpu() {
        assertThat(new BackgroundWork(Map.of("service", 0.01), Optional.empty()).quiet(0.15, TEN_SECONDS)).isTrue();
    }

    @Test
    void describesEachProcessAndTheLag() {
        BackgroundWork work = new BackgroundWork(Map.of("service", 0.4, "cassandra", 1.2), Optional.of(Duration.ofMillis(2500)));

        assertThat(work.describe()).isEqualTo("cassandra 120%, service 40%; index lag 2.5 s");
    }
}
