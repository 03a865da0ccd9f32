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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
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
    private final Map<Integer, ShardDrain> held = new HashMap<>();
    private final Map<Integer, Instant> savedAt = new HashMap<>();
    private volatile Instant oldestIndexedTo;
    private Instant leasesRenewedAt = Instant.EPOCH;
    private Duration backoff = Duration.ZERO;
    private Instant retryAt = Instant.EPOCH;

    ChangeLogIndexer(IndexingSettings settings, ChangeLogSource log, ChangeLogLeases leases,
                     ChangeLogCheckpoints checkpoints, SearchChanges applier, Clock clock, MeterRegistry meters) {
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

    private void round() {
        try {
            Instant now = clock.instant();
            if (Duration.between(leasesRenewedAt, now).compareTo(settings.leaseTtl().dividedBy(4)) >= 0) {
                balanceLeases();
                leasesRenewedAt = now;
            }
            if (now.isBefore(retryAt)) {
                return;
            }
            for (ShardDrain drain : held.values()) {
                drain.pass(now.minus(settings.horizon()));
                drain.verify(now.minus(settings.verifyDelay()));
                saveEverySecond(drain, now);
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
            checkpoints.save(drain.shard(), drain.checkpoint());
            savedAt.put(drain.shard(), now);
        }
    }

    /** Keeps the held leases alive, gives back what is beyond a fair share, and takes free shards up to it. */
    private void balanceLeases() {
        int members = leases.heartbeat(me, name, settings.leaseTtl());
        int fairShare = (ChangeLogShards.COUNT + members - 1) / members;
        for (Integer shard : new ArrayList<>(held.keySet())) {
            if (!leases.renew(shard, me, name, settings.leaseTtl())) {
                LOG.info("lost the lease of change-log shard {}", shard);
                drop(shard);
            }
        }
        while (held.size() > fairShare) {
            int shard = held.keySet().iterator().next();
            checkpoints.save(shard, held.get(shard).checkpoint());
            leases.release(shard, me);
            drop(shard);
        }
        Map<Integer, ChangeLogLeases.Holder> owners = leases.owners();
        Map<Integer, Checkpoint> positions = null;
        for (int shard = 0; shard < ChangeLogShards.COUNT && held.size() < fairShare; shard++) {
            if (!owners.containsKey(shard) && leases.take(shard, me, name, settings.leaseTtl())) {
                if (positions == null) {
                    checkpoints.startAll();
                    positions = checkpoints.all();
                }
                held.put(shard, new ShardDrain(shard, positions.get(shard), log, applier, settings.batchSize()));
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
                checkpoints.save(drain.shard(), drain.checkpoint());
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
