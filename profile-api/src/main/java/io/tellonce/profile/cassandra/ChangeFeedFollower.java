package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.uuid.Uuids;
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
 * Follows the change feed by polling it: one poll per tenant with listeners, however many listeners
 * it has, at the configured interval. Each poll reads again the last {@link #LOOKBACK} of the feed
 * (a change becomes visible only when its batch is written, a little after its id was taken, and
 * other instances' clocks differ a little) and delivers only the changes it has not delivered yet.
 */
@Singleton
final class ChangeFeedFollower implements ChangeFollower {
    static final Duration LOOKBACK = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFeedFollower.class);

    private final CqlSession session;
    private final Clock clock;
    private final Duration interval;
    private final PreparedStatement select;
    private final ScheduledExecutorService polls;
    private final Map<TenantId, TenantPoll> tenants = new ConcurrentHashMap<>();

    ChangeFeedFollower(CqlSession session, Clock clock, HistorySettings settings) {
        this.session = session;
        this.clock = clock;
        this.interval = settings.watchPollInterval();
        this.select = session.prepare(SimpleStatement.builder("SELECT change_id, change, profile_ids, detail"
                + " FROM change_feed WHERE tenant = ? AND bucket = ? AND change_id > ?").setIdempotence(true).build());
        this.polls = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "change-feed-follower");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public synchronized AutoCloseable follow(TenantId tenant, Consumer<ProfileChange> listener) {
        TenantPoll poll = tenants.computeIfAbsent(tenant, TenantPoll::new);
        poll.listeners.add(listener);
        return () -> stop(tenant, listener);
    }

    private synchronized void stop(TenantId tenant, Consumer<ProfileChange> listener) {
        TenantPoll poll = tenants.get(tenant);
        if (poll != null && poll.listeners.remove(listener) && poll.listeners.isEmpty()) {
            poll.task.cancel(false);
            tenants.remove(tenant);
        }
    }

    @PreDestroy
    void close() {
        polls.shutdownNow();
    }

    /** The polling of one tenant's feed while anyone listens. */
    private final class TenantPoll {
        private final TenantId tenant;
        private final List<Consumer<ProfileChange>> listeners = new CopyOnWriteArrayList<>();
        private final Map<UUID, Instant> delivered = new HashMap<>();
        private final ScheduledFuture<?> task;
        private Instant lastPoll = clock.instant();

        TenantPoll(TenantId tenant) {
            this.tenant = tenant;
            this.task = polls.scheduleWithFixedDelay(this::poll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }

        private void poll() {
            Instant now = clock.instant();
            Instant from = lastPoll.minus(LOOKBACK);
            try {
                List<ProfileChange> changes = new ArrayList<>();
                Instant bucket = ChangeFeed.bucket(from);
                while (!bucket.isAfter(now)) {
                    for (Row row : session.execute(select.bind(tenant.value(), bucket, Uuids.startOf(from.toEpochMilli())))) {
                        UUID id = row.getUuid("change_id");
                        if (!delivered.containsKey(id)) {
                            changes.add(change(row));
                        }
                    }
                    bucket = bucket.plus(Duration.ofHours(1));
                }
                changes.sort(Comparator.comparing(ProfileChange::at));
                for (ProfileChange change : changes) {
                    delivered.put(change.id(), change.at());
                    listeners.forEach(listener -> deliver(listener, change));
                }
                delivered.values().removeIf(at -> at.isBefore(from.minus(LOOKBACK)));
                lastPoll = now;
            } catch (RuntimeException e) {
                // The store is away: the next poll reads from the same point again.
                LOG.warn("could not read the change feed of tenant {}: {}", tenant, e.toString());
            }
        }

        private void deliver(Consumer<ProfileChange> listener, ProfileChange change) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a change listener of tenant {} failed", tenant, e);
            }
        }
    }

    private static ProfileChange change(Row row) {
        UUID id = row.getUuid("change_id");
        return new ProfileChange(id, kind(row.getString("change")),
                row.getList("profile_ids", UUID.class).stream().map(ProfileId::new).collect(Collectors.toSet()),
                row.getString("detail") == null ? "" : row.getString("detail"),
                Instant.ofEpochMilli(Uuids.unixTimestamp(id)));
    }

    private static ProfileChange.Kind kind(String change) {
        return switch (change) {
            case CassandraInteractionStore.INTERACTION_RECORDED -> ProfileChange.Kind.INTERACTION_RECORDED;
            case CassandraCaseStore.CASE_CHANGED -> ProfileChange.Kind.CASE_CHANGED;
            case ChangeFeed.PROFILES_MERGED -> ProfileChange.Kind.PROFILES_MERGED;
            case ChangeFeed.PROFILE_UNMERGED -> ProfileChange.Kind.PROFILE_UNMERGED;
            case ChangeFeed.IDENTIFIER_MOVED -> ProfileChange.Kind.IDENTIFIER_MOVED;
            default -> ProfileChange.Kind.OTHER;
        };
    }
}
