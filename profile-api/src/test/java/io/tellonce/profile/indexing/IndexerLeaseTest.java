package io.tellonce.profile.indexing;

import static io.tellonce.profile.support.Requests.email;
import static io.tellonce.profile.support.Requests.seen;
import static io.tellonce.profile.support.Requests.uniqueEmail;
import static io.tellonce.profile.support.ServiceUnderTest.asTenant;
import static org.assertj.core.api.Assertions.assertThat;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.tellonce.profile.cassandra.ChangeLogCheckpoints;
import io.tellonce.profile.cassandra.ChangeLogCheckpoints.Checkpoint;
import io.tellonce.profile.cassandra.ChangeLogEntry;
import io.tellonce.profile.cassandra.ChangeLogLeases;
import io.tellonce.profile.cassandra.ChangeLogShards;
import io.tellonce.profile.config.IndexingSettings;
import io.tellonce.profile.support.Eventually;
import io.tellonce.profile.support.ServiceTest;
import io.tellonce.proto.v1.IdentityServiceGrpc;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two indexers share the change log's shards through leases in Cassandra (ADR 13, ADR 21). A leader
 * paused past its lease must not move a checkpoint that the indexer which took over has moved since,
 * nor keep draining once it learns it lost the lease; a leader whose drain lasts longer than the
 * lease keeps it. Whatever happens, every change ends up applied and no checkpoint moves backwards.
 * The indexers run here by hand, round by round, on the real store, with the service's own indexer
 * off and sinks that record what they are given.
 */
@MicronautTest
class IndexerLeaseTest extends ServiceTest {
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration HORIZON = Duration.ofMillis(300);
    private final AtomicInteger tenants = new AtomicInteger();
    private final List<ChangeLogIndexer> started = new ArrayList<>();

    @Inject
    CqlSession session;

    @Inject
    ChangeSource log;

    @Inject
    ChangeLogLeases leases;

    @Inject
    ChangeLogCheckpoints checkpoints;

    private CheckpointWatch watch;

    IndexerLeaseTest() {
        super("it_indexer_lease");
    }

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(super.getProperties());
        properties.put("tellonce.indexing.enabled", "false");
        return properties;
    }

    @BeforeEach
    void watchCheckpoints() {
        watch = new CheckpointWatch();
        watch.start();
    }

    @AfterEach
    void stopIndexers() throws InterruptedException {
        watch.stop();
        for (ChangeLogIndexer indexer : started) {
            indexer.stop();
        }
        started.clear();
    }

    @Test
    void aLeaderPausedPastItsLeaseCannotMoveTheCheckpointBackAndNoChangeIsSkipped() throws Exception {
        String tenant = tenant();
        writeChanges(tenant, 12);
        Thread.sleep(HORIZON.toMillis() * 2);
        // The leader's clock stands still: after its pause it does not know that time passed, so it
        // neither renews nor notices; only the checkpoint write itself can stop it.
        RecordingSink leaderSink = new RecordingSink();
        ChangeLogIndexer leader = indexer(Clock.fixed(Instant.now(), ZoneOffset.UTC), leaderSink, 5);
        RecordingSink followerSink = new RecordingSink();
        ChangeLogIndexer follower = indexer(Clock.systemUTC(), followerSink, 5);

        CountDownLatch paused = leaderSink.pauseAtNextBatch();
        CompletableFuture<Void> leaderRound = CompletableFuture.runAsync(leader::round);
        assertThat(paused.await(30, TimeUnit.SECONDS)).as("the leader started draining").isTrue();
        assertThat(leader.heldShards()).hasSize(ChangeLogShards.COUNT);
        awaitNoLeases();

        writeChanges(tenant, 8);
        Thread.sleep(HORIZON.toMillis() * 2);
        follower.round();
        assertThat(follower.heldShards()).hasSize(ChangeLogShards.COUNT);
        Map<Integer, Checkpoint> afterFollower = checkpoints.all();

        leaderSink.resume();
        leaderRound.get(60, TimeUnit.SECONDS);

        // Every checkpoint write of the leader was refused, and it let go of each shard it tried to
        // save (those it had saved before its pause it holds on to until its clock moves again).
        assertThat(watch.backwards()).isEmpty();
        assertThat(checkpoints.all()).isEqualTo(afterFollower);
        assertThat(leader.heldShards()).hasSizeLessThan(ChangeLogShards.COUNT);
        writeChanges(tenant, 4);
        Thread.sleep(HORIZON.toMillis() * 2);
        awaitRenewalDue();
        follower.round();
        assertThat(follower.heldShards()).hasSize(ChangeLogShards.COUNT);
        assertEveryChangeApplied(tenant, leaderSink, followerSink);
        assertThat(watch.backwards()).isEmpty();
    }

    @Test
    void aLeaderThatFindsItsLeaseLostStopsDrainingAtOnce() throws Exception {
        String tenant = tenant();
        writeChanges(tenant, 12);
        Thread.sleep(HORIZON.toMillis() * 2);
        RecordingSink leaderSink = new RecordingSink();
        ChangeLogIndexer leader = indexer(Clock.systemUTC(), leaderSink, 1);
        RecordingSink followerSink = new RecordingSink();
        ChangeLogIndexer follower = indexer(Clock.systemUTC(), followerSink, 1);

        CountDownLatch paused = leaderSink.pauseAtNextBatch();
        CompletableFuture<Void> leaderRound = CompletableFuture.runAsync(leader::round);
        assertThat(paused.await(30, TimeUnit.SECONDS)).as("the leader started draining").isTrue();
        awaitNoLeases();
        follower.round();
        assertThat(follower.heldShards()).hasSize(ChangeLogShards.COUNT);

        int appliedBeforeResuming = leaderSink.batches();
        leaderSink.resume();
        leaderRound.get(60, TimeUnit.SECONDS);

        // Its next step renewed, found every lease gone, and stopped: not one more batch.
        assertThat(leaderSink.batches()).isEqualTo(appliedBeforeResuming);
        assertThat(leader.heldShards()).isEmpty();
        assertEveryChangeApplied(tenant, leaderSink, followerSink);
        assertThat(watch.backwards()).isEmpty();
    }

    @Test
    void aDrainLongerThanTheLeaseKeepsItsShards() throws Exception {
        String tenant = tenant();
        writeChanges(tenant, 20);
        Thread.sleep(HORIZON.toMillis() * 2);
        // One change per batch, 500 ms each: the drain lasts well over twice the lease.
        RecordingSink leaderSink = new RecordingSink(Duration.ofMillis(500));
        ChangeLogIndexer leader = indexer(Clock.systemUTC(), leaderSink, 1);
        RecordingSink followerSink = new RecordingSink();
        ChangeLogIndexer follower = indexer(Clock.systemUTC(), followerSink, 1);

        Instant drainStarted = Instant.now();
        CompletableFuture<Void> leaderRound = CompletableFuture.runAsync(leader::round);
        // The follower joins once the leader holds every shard (had they started together, they would
        // have shared them); from then on it finds none free for as long as the leader drains.
        Eventually.await("the leader to take every shard", Duration.ofSeconds(30), leader::heldShards,
                shards -> shards.size() == ChangeLogShards.COUNT);
        List<Set<Integer>> takenByFollower = new ArrayList<>();
        while (!leaderRound.isDone()) {
            follower.round();
            takenByFollower.add(follower.heldShards());
            Thread.sleep(300);
        }
        leaderRound.get();

        assertThat(leaderSink.batches()).isGreaterThanOrEqualTo(20);
        assertThat(Duration.between(drainStarted, Instant.now())).isGreaterThan(LEASE.multipliedBy(2));
        assertThat(takenByFollower).allSatisfy(shards -> assertThat(shards).isEmpty());
        assertThat(leader.heldShards()).hasSize(ChangeLogShards.COUNT);
        assertEveryChangeApplied(tenant, leaderSink, followerSink);
        assertThat(watch.backwards()).isEmpty();
    }

    private ChangeLogIndexer indexer(Clock clock, ChangeSink sink, int batchSize) {
        IndexingSettings settings = new IndexingSettings(true, Duration.ofMillis(200), HORIZON, Duration.ofSeconds(60),
                LEASE, batchSize, Duration.ofSeconds(1));
        ChangeLogIndexer indexer = new ChangeLogIndexer(settings, log, leases, checkpoints, sink, clock,
                new SimpleMeterRegistry());
        started.add(indexer);
        return indexer;
    }

    private String tenant() {
        return "lease" + tenants.incrementAndGet();
    }

    /** New people, one identifier each: one change-log row each, spread over the shards. */
    private void writeChanges(String tenant, int people) {
        var identity = asTenant(IdentityServiceGrpc.newBlockingStub(service.channel()), tenant);
        for (int i = 0; i < people; i++) {
            identity.resolve(seen("web", email(uniqueEmail("p" + i))));
        }
    }

    /** Waits until the paused leader's leases have expired and nobody holds a shard. */
    private void awaitNoLeases() {
        Eventually.await("every lease to expire", Duration.ofSeconds(30), leases::owners, Map::isEmpty);
    }

    /** A renewal is due a third of the lease after the last one: the next round then renews and balances. */
    private static void awaitRenewalDue() throws InterruptedException {
        Thread.sleep(LEASE.dividedBy(3).toMillis() + 100);
    }

    /** Every change of the tenant in the log, in any shard, was applied by one of the indexers. */
    private void assertEveryChangeApplied(String tenant, RecordingSink... sinks) {
        Set<UUID> applied = new HashSet<>();
        for (RecordingSink sink : sinks) {
            applied.addAll(sink.applied());
        }
        Set<UUID> logged = new HashSet<>();
        Instant now = Instant.now();
        for (Instant bucket = ChangeLogShards.bucket(now.minus(Duration.ofMinutes(5))); !bucket.isAfter(now);
             bucket = bucket.plus(Duration.ofMinutes(1))) {
            for (int shard = 0; shard < ChangeLogShards.COUNT; shard++) {
                for (Row row : session.execute(SimpleStatement.newInstance("SELECT change_id, tenant FROM change_log"
                        + " WHERE shard = ? AND bucket = ?", shard, bucket))) {
                    if (tenant.equals(row.getString("tenant"))) {
                        logged.add(row.getUuid("change_id"));
                    }
                }
            }
        }
        assertThat(logged).isNotEmpty();
        assertThat(applied).containsAll(logged);
    }

    /** Records every change it is given; can hold one batch until told to go on, or take its time. */
    private static final class RecordingSink implements ChangeSink {
        private final Duration perBatch;
        private final List<UUID> applied = new CopyOnWriteArrayList<>();
        private final AtomicInteger batches = new AtomicInteger();
        private volatile CountDownLatch pauseReached;
        private final CountDownLatch resumed = new CountDownLatch(1);

        RecordingSink() {
            this(Duration.ZERO);
        }

        RecordingSink(Duration perBatch) {
            this.perBatch = perBatch;
        }

        CountDownLatch pauseAtNextBatch() {
            pauseReached = new CountDownLatch(1);
            return pauseReached;
        }

        void resume() {
            resumed.countDown();
        }

        int batches() {
            return batches.get();
        }

        Set<UUID> applied() {
            return new HashSet<>(applied);
        }

        @Override
        public void apply(List<ChangeLogEntry> entries) {
            batches.incrementAndGet();
            entries.forEach(entry -> applied.add(entry.changeId()));
            CountDownLatch pause = pauseReached;
            if (pause != null) {
                pauseReached = null;
                pause.countDown();
                try {
                    resumed.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (!perBatch.isZero()) {
                try {
                    Thread.sleep(perBatch.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Reads every checkpoint over and over while a test runs, and remembers any that went back. */
    private final class CheckpointWatch {
        private final Map<Integer, Checkpoint> highest = new ConcurrentHashMap<>();
        private final List<String> backwards = new CopyOnWriteArrayList<>();
        private volatile boolean running = true;
        private Thread thread;

        void start() {
            thread = new Thread(() -> {
                while (running) {
                    checkpoints.all().forEach((shard, now) -> {
                        Checkpoint before = highest.put(shard, now);
                        if (before != null && (now.indexedTo().isBefore(before.indexedTo())
                                || now.verifiedTo().isBefore(before.verifiedTo()))) {
                            backwards.add("shard " + shard + " went from " + before + " to " + now);
                        }
                    });
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "checkpoint-watch");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            thread.join(5_000);
        }

        List<String> backwards() {
            // One last look: a write that went back just before the end.
            checkpoints.all().forEach((shard, now) -> {
                Checkpoint before = highest.get(shard);
                if (before != null && now.indexedTo().isBefore(before.indexedTo())) {
                    backwards.add("shard " + shard + " went from " + before + " to " + now);
                }
            });
            return List.copyOf(backwards);
        }
    }
}
