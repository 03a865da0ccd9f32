package io.tellonce.profile.cassandra;

import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.config.HistorySettings;
import io.tellonce.profile.history.ChangeFollower;
import io.tellonce.profile.history.ProfileChange;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the change log by polling it: one poll of every shard per instance while anyone listens,
 * however many listeners there are, at the configured interval, each change handed to the listeners
 * of its tenant. Each poll reads again the last {@link #LOOKBACK} of the log (a change becomes
 * visible only when its batch is written, a little after its id was taken, and other instances'
 * clocks differ a little) and delivers only the changes it has not delivered yet.
 */
@Singleton
final class ChangeFeedFollower implements ChangeFollower {
    static final Duration LOOKBACK = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedFollower.class);

    private final ChangeLogReader log;
    private final Clock clock;
    private final Duration interval;
    private final ScheduledExecutorService polls;
    private final Map<TenantId, List<Consumer<ProfileChange>>> listeners = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> delivered = new HashMap<>();
    private ScheduledFuture<?> task;
    private Instant lastPoll;

    ChangeFeedFollower(ChangeLogReader log, Clock clock, HistorySettings settings) {
        this.log = log;
        this.clock = clock;
        this.interval = settings.watchPollInterval();
        this.polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "change-feed-follower");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized AutoCloseable follow(TenantId tenant, Consumer<ProfileChange> listener) {
        listeners.computeIfAbsent(tenant, t -> new CopyOnWriteArrayList<>()).add(listener);
        if (task == null) {
            lastPoll = clock.instant();
            task = polls.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
        return () -> stop(tenant, listener);
    }

    private synchronized void stop(TenantId tenant, Consumer<ProfileChange> listener) {
        List<Consumer<ProfileChange>> ofTenant = listeners.get(tenant);
        if (ofTenant != null && ofTenant.remove(listener) && ofTenant.isEmpty()) {
            listeners.remove(tenant);
        }
        if (listeners.isEmpty() && task != null) {
            task.cancel(false);
            task = null;
        }
    }

    @PreDestroy
    void close() {
        polls.shutdownNow();
    }

    private void poll() {
        Instant now = clock.instant();
        Instant from = lastPoll.minus(LOOKBACK);
        try {
            List<ChangeLogEntry> changes = new ArrayList<>();
            for (int shard = 0; shard < ChangeLogShards.COUNT; shard++) {
                for (ChangeLogEntry entry : log.between(shard, from, now)) {
                    if (!delivered.containsKey(entry.changeId())
                            && listeners.containsKey(new TenantId(entry.tenant()))) {
                        changes.add(entry);
                    }
                }
            }
            changes.sort(Comparator.comparing(ChangeLogEntry::at));
            for (ChangeLogEntry entry : changes) {
                delivered.put(entry.changeId(), entry.at());
                ProfileChange change = change(entry);
                listeners.getOrDefault(new TenantId(entry.tenant()), List.of())
                        .forEach(listener -> deliver(entry.tenant(), listener, change));
            }
            delivered.values().removeIf(at -> at.isBefore(from.minus(LOOKBACK)));
            lastPoll = now;
        } catch (RuntimeException e) {
            // The store is away: the next poll reads from the same point again.
            LOG.warn("could not read the change log: {}", e.toString());
        }
    }

    private static void deliver(String tenant, Consumer<ProfileChange> listener, ProfileChange change) {
        try {
            listener.accept(change);
        } catch (RuntimeException e) {
            LOG.warn("a change listener of tenant {} failed", tenant, e);
        }
    }

    private static ProfileChange change(ChangeLogEntry entry) {
        return new ProfileChange(entry.changeId(), kind(entry.change()),
                entry.profileIds().stream().map(ProfileId::new).collect(Collectors.toSet()),
                entry.detail() == null ? "" : entry.detail(), entry.at());
    }

    private static ProfileChange.Kind kind(String change) {
        return switch (change) {
            case CassandraInteractionStore.INTERACTION_RECORDED -> ProfileChange.Kind.INTERACTION_RECORDED;
            case CassandraCaseStore.CASE_CHANGED -> ProfileChange.Kind.CASE_CHANGED;
            case ChangeFeed.PROFILES_MERGED -> ProfileChange.Kind.PROFILES_MERGED;
            case ChangeFeed.PROFILE_UNMERGED -> ProfileChange.Kind.PROFILE_UNMERGED;
            case ChangeFeed.IDENTIFIER_MOVED -> ProfileChange.Kind.IDENTIFIER_MOVED;
            case ChangeFeed.PROFILE_REMOVED -> ProfileChange.Kind.PROFILE_REMOVED;
            default -> ProfileChange.Kind.OTHER;
        };
    }
}
