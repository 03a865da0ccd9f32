package io.tellonce.profile.indexing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.server.event.ServerStartupEvent;
import io.tellonce.profile.cassandra.ChangeLogCheckpoints;
import io.tellonce.profile.cassandra.ChangeLogCheckpoints.Checkpoint;
import io.tellonce.profile.cassandra.ChangeLogLeases;
import io.tellonce.profile.cassandra.ChangeLogShards;
import io.tellonce.profile.config.IndexingSettings;
import jakarta.annotation.PreDestroy;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the change log into the search index on one thread of its own: takes a fair share of the
 * shards (leases in Cassandra), passes over each held shard every poll interval, and backs off while
 * Elasticsearch fails. Writes never wait for it: while Elasticsearch is down the log grows and the
 * index catches up when it returns.
 *
 * <p>Leases are renewed every third of their TTL, also in the middle of a long drain, and a drain
 * stops as soon as its lease is lost; each checkpoint write holds only while the lease does, so an
 * instance that was paused past its lease cannot move a checkpoint another instance has moved since
 * (ADR 21).
 */
@Context
@Requires(property = "tellonce.indexing.enabled", value = "true", defaultValue = "true")
public final class ChangeLogIndexer implements ApplicationEventListener<ServerStartupEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeLogIndexer.class);
    private static final Duration CHECKPOINT_EVERY = Duration.ofSeconds(1);

    private final IndexingSettings settings;
    private final ChangeSource log;
    private final ChangeLogLeases leases;
    private final ChangeLogCheckpoints checkpoints;
    private final ChangeSink applier;
    private final Clock clock;
    private final UUID me = UUID.randomUUID();
    private final String name = instanceName();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tellonce-indexer");
        t.setDaemon(true);
        return t;
    });
    // Concurrent: tests and the lag gauge read them from other threads.
    private final Map<Integer, ShardDrain> held = new ConcurrentHashMap<>();
    private final Map<Integer, Instant> savedAt = new ConcurrentHashMap<>();
    private volatile Instant oldestIndexedTo;
    private Instant leasesRenewedAt = Instant.EPOCH;
    private int members = 1;
    private boolean checkpointsStarted;
    private Duration backoff = Duration.ZERO;
    private Instant retryAt = Instant.EPOCH;

    ChangeLogIndexer(IndexingSettings settings, ChangeSource log, ChangeLogLeases leases,
                     ChangeLogCheckpoints checkpoints, ChangeSink applier, Clock clock, MeterRegistry meters) {
        this.settings = settings;
        this.log = log;
        this.leases = leases;
        this.checkpoints = checkpoints;
        this.applier = applier;
        this.clock = clock;
        Gauge.builder("tellonce.index.lag", this, indexer -> indexer.lag().toMillis() / 1000.0)
                .description("Age of the oldest position this instance's shards are indexed up to, in seconds")
                .baseUnit("seconds").register(meters);
    }

    @Override
    public void onApplicationEvent(ServerStartupEvent event) {
        thread.scheduleWithFixedDelay(this::round, 0, settings.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** How far behind now the least advanced shard this instance holds is indexed. */
    public Duration lag() {
        Instant oldest = oldestIndexedTo;
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant());
    }

    /** The shards this instance drains now. */
    Set<Integer> heldShards() {
        return Set.copyOf(held.keySet());
    }

    /** One pass over every held shard; runs on the indexer's own thread (package-private for tests). */
    void round() {
        try {
            if (renewalDue()) {
                renewLeases();
                balanceLeases();
            }
            Instant now = clock.instant();
            if (now.isBefore(retryAt)) {
                return;
            }
            for (ShardDrain drain : List.copyOf(held.values())) {
                if (!held.containsKey(drain.shard())) {
                    continue;
                }
                try {
                    drain.pass(now.minus(settings.horizon()));
                    drain.verify(now.minus(settings.verifyDelay()));
                    saveEverySecond(drain, now);
                } catch (LeaseLost lost) {
                    LOG.info("stopped draining: {}", lost.getMessage());
                    drop(drain.shard());
                }
            }
            oldestIndexedTo = held.values().stream().map(d -> d.checkpoint().indexedTo()).min(Instant::compareTo)
                    .orElse(null);
            backoff = Duration.ZERO;
        } catch (RuntimeException | java.io.IOException e) {
            backoff = backoff.isZero() ? settings.pollInterval() : backoff.multipliedBy(2);
            if (backoff.compareTo(settings.maxBackoff()) > 0) {
                backoff = settings.maxBackoff();
            }
            retryAt = clock.instant().plus(backoff);
            LOG.warn("indexing paused for {} ms: {}", backoff.toMillis(), e.toString());
        }
    }

    private void saveEverySecond(ShardDrain drain, Instant now) {
        Instant last = savedAt.getOrDefault(drain.shard(), Instant.EPOCH);
        if (Duration.between(last, now).compareTo(CHECKPOINT_EVERY) >= 0) {
            if (!checkpoints.save(drain.shard(), me, drain.checkpoint())) {
                throw new LeaseLost(drain.shard());
            }
            savedAt.put(drain.shard(), now);
        }
    }

    /** A third of the TTL: two renewals can fail or be late before the lease runs out. */
    private boolean renewalDue() {
        return Duration.between(leasesRenewedAt, clock.instant()).compareTo(settings.leaseTtl().dividedBy(3)) >= 0;
    }

    /** Announces this instance and renews every held lease; drops the shards whose lease was lost. */
    private void renewLeases() {
        Instant now = clock.instant();
        members = leases.heartbeat(me, name, settings.leaseTtl());
        for (Integer shard : List.copyOf(held.keySet())) {
            if (!leases.renew(shard, me, name, settings.leaseTtl())) {
                LOG.info("lost the lease of change-log shard {}", shard);
                drop(shard);
            }
        }
        leasesRenewedAt = now;
    }

    /**
     * The drain's hold on its shard: renews every lease when due (a drain may outlast the TTL), and
     * fails once this shard is no longer held.
     */
    private ShardLease leaseOf(int shard) {
        return () -> {
            if (renewalDue()) {
                renewLeases();
            }
            if (!held.containsKey(shard)) {
                throw new LeaseLost(shard);
            }
        };
    }

    /** Gives back what is beyond a fair share, and takes free shards up to it. */
    private void balanceLeases() {
        int fairShare = (ChangeLogShards.COUNT + members - 1) / members;
        while (held.size() > fairShare) {
            int shard = held.keySet().iterator().next();
            checkpoints.save(shard, me, held.get(shard).checkpoint());
            leases.release(shard, me);
            drop(shard);
        }
        if (held.size() >= fairShare) {
            return;
        }
        if (!checkpointsStarted) {
            // Before any take: a lease is a cell of the checkpoint's row, which must exist first.
            checkpoints.startAll();
            checkpointsStarted = true;
        }
        Map<Integer, ChangeLogLeases.Holder> owners = leases.owners();
        Map<Integer, Checkpoint> positions = null;
        for (int shard = 0; shard < ChangeLogShards.COUNT && held.size() < fairShare; shard++) {
            if (!owners.containsKey(shard) && leases.take(shard, me, name, settings.leaseTtl())) {
                if (positions == null) {
                    // Read after taking: every write of an earlier holder that its lease let through is in it.
                    positions = checkpoints.all();
                }
                held.put(shard, new ShardDrain(shard, positions.get(shard), log, applier, settings.batchSize(),
                        leaseOf(shard)));
            }
        }
    }

    private void drop(int shard) {
        held.remove(shard);
        savedAt.remove(shard);
    }

    @PreDestroy
    void stop() throws InterruptedException {
        thread.shutdown();
        thread.awaitTermination(5, TimeUnit.SECONDS);
        try {
            for (ShardDrain drain : held.values()) {
                checkpoints.save(drain.shard(), me, drain.checkpoint());
                leases.release(drain.shard(), me);
            }
            leases.leave(me);
        } catch (RuntimeException e) {
            LOG.info("could not hand back change-log shards at shutdown ({}); their leases expire instead", e.toString());
        }
    }

    private static String instanceName() {
        try {
            return InetAddress.getLocalHost().getHostName() + "/" + ProcessHandle.current().pid();
        } catch (java.io.IOException e) {
            return "pid " + ProcessHandle.current().pid();
        }
    }
}
