package io.tellonce.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LoadDriverTest {
    private final LoadDriver driver = new LoadDriver(Duration.ofSeconds(5));

    @Test
    void aClosedLoopKeepsGoingWithRequestsThatAnswerAtOnceWithoutRecursingIntoTheStack() throws Exception {
        Measurement measurement = driver.run(() -> CompletableFuture.completedFuture("OK"),
                LoadShape.closed(4, Duration.ofMillis(50), Duration.ofMillis(300)));

        assertThat(measurement.successes()).isGreaterThan(100);
        assertThat(measurement.outcomes()).containsOnlyKeys("OK");
        assertThat(measurement.errors()).isEmpty();
    }

    @Test
    void failuresAreCountedByStatusCodeAndKeptOutOfTheLatencies() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Measurement measurement = driver.run(() -> calls.incrementAndGet() % 2 == 0
                        ? CompletableFuture.failedFuture(Status.ABORTED.asRuntimeException())
                        : CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS)),
                LoadShape.closed(2, Duration.ZERO, Duration.ofMillis(300)));

        assertThat(measurement.errors()).containsOnlyKeys("ABORTED");
        assertThat(measurement.errorCount()).isGreaterThan(0);
        assertThat(measurement.latency().p50()).isGreaterThanOrEqualTo(0.9);
    }

    @Test
    void aClosedLoopKeepsExactlyTheConcurrencyInFlight() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        // The first answers wait until all eight chains have started, however slowly the machine runs.
        CountDownLatch allStarted = new CountDownLatch(8);
        driver.run(() -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            allStarted.countDown();
            return CompletableFuture.supplyAsync(() -> {
                awaitQuietly(allStarted);
                inFlight.decrementAndGet();
                return null;
            }, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        }, LoadShape.closed(8, Duration.ZERO, Duration.ofMillis(300)));

        assertThat(most.get()).isEqualTo(8);
    }

    @Test
    void warmUpRequestsAreNotMeasured() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        Measurement measurement = driver.run(() -> {
            calls.incrementAndGet();
            return CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS));
        }, LoadShape.closed(1, Duration.ofMillis(300), Duration.ofMillis(300)));

        assertThat(measurement.successes()).isLessThan(calls.get() * 3L / 4);
        assertThat(measurement.elapsed()).isEqualTo(Duration.ofMillis(300));
    }

    @Test
    void anOpenLoopTimesRequestsFromTheirIntendedStartSoAStallShowsInThePercentiles() throws Exception {
        // 200 requests/s with one in flight: a 500 ms stall delays the ~100 requests meant to start
        // during it. Timed from when they were actually sent they would look instant; timed from when
        // they should have started, they waited up to half a second, as a real caller would.
        AtomicInteger calls = new AtomicInteger();
        Measurement measurement = driver.run(() -> calls.incrementAndGet() == 20
                        ? CompletableFuture.supplyAsync(() -> null, CompletableFuture.delayedExecutor(500, TimeUnit.MILLISECONDS))
                        : CompletableFuture.completedFuture(null),
                LoadShape.open(200, 1, Duration.ZERO, Duration.ofSeconds(1)));

        assertThat(measurement.latency().max()).isGreaterThanOrEqualTo(490);
        assertThat(measurement.latency().p90()).as("corrected for coordinated omission").isGreaterThan(100);
        assertThat(measurement.successes()).isBetween(190L, 201L);
    }

    @Test
    void anOpenLoopOffersTheRateItWasGiven() throws Exception {
        Measurement measurement = driver.run(() -> CompletableFuture.completedFuture(null),
                LoadShape.open(1_000, 16, Duration.ZERO, Duration.ofMillis(500)));

        assertThat(measurement.successes()).isBetween(495L, 501L);
        assertThat(measurement.throughputPerSecond()).isBetween(990.0, 1_002.0);
    }

    @Test
    void theScheduleSpacesArrivalsEvenly() {
        ArrivalSchedule schedule = new ArrivalSchedule(1_000, 4_000);

        assertThat(schedule.intendedStart(0)).isEqualTo(1_000);
        assertThat(schedule.intendedStart(1)).isEqualTo(251_000);
        assertThat(schedule.intendedStart(4_000)).isEqualTo(1_000_001_000L);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
