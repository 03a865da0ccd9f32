package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import com.datastax.oss.driver.api.core.uuid.Uuids;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.CaseEvent;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.HistoryWindow;
import io.tellonce.profile.history.Interaction;
import io.tellonce.profile.history.InteractionStore;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Predicate;

/**
 * Interactions per identity node in monthly partitions, newest first, with an index of the months a
 * node has. Reading walks a node's months newest first and stops as soon as it has enough.
 */
@Singleton
final class CassandraInteractionStore implements InteractionStore {
    /** The change published for every interaction recorded; detail = the interaction id. */
    static final String INTERACTION_RECORDED = ChangeFeed.INTERACTION_RECORDED;
    private static final int MAX_BUCKET = 999_912;
    private static final Instant FAR_FUTURE = Instant.parse("9999-12-31T23:59:59Z");

    private final CqlSession session;
    private final HistoryStatements cql;
    private final CaseActivity caseActivity;
    private final ChangeFeed feed;
    private final InteractionRows rows;

    CassandraInteractionStore(CqlSession session, HistoryStatements cql, CaseActivity caseActivity, ChangeFeed feed,
                              InteractionRows rows) {
        this.session = session;
        this.cql = cql;
        this.caseActivity = caseActivity;
        this.feed = feed;
        this.rows = rows;
    }

    /** The partition an instant falls in: its month, as yyyymm in UTC. */
    static int bucket(Instant at) {
        ZonedDateTime utc = at.atZone(ZoneOffset.UTC);
        return utc.getYear() * 100 + utc.getMonthValue();
    }

    @Override
    public CompletionStage<Void> record(TenantId tenant, Interaction interaction, Optional<CustomerCase> itsCase) {
        String t = tenant.value();
        UUID node = interaction.node().value();
        int bucket = bucket(interaction.occurredAt());
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(rows.insert(tenant, bucket, interaction))
                .addStatement(cql.insertBucket.bind(t, node, bucket))
                .addStatement(cql.insertInteractionById.bind(t, interaction.id(), node, interaction.occurredAt()));
        Set<ProfileId> touched = new LinkedHashSet<>(List.of(interaction.node()));
        itsCase.ifPresent(aCase -> {
            CaseEvent added = new CaseEvent(Uuids.timeBased(), CaseEvent.Kind.INTERACTION_ADDED, Optional.empty(),
                    Optional.of(interaction.id()), interaction.participants().agentId(), "",
                    interaction.recordedAt());
            caseActivity.interactionAdded(tenant, aCase, interaction, added).forEach(batch::addStatement);
            touched.add(aCase.node());
        });
        batch.addStatement(feed.change(tenant, INTERACTION_RECORDED, touched, interaction.id().toString()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> withdraw(TenantId tenant, Interaction interaction) {
        String t = tenant.value();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.deleteInteraction.bind(t, interaction.node().value(), bucket(interaction.occurredAt()),
                        interaction.occurredAt(), interaction.id()))
                .addStatement(cql.deleteInteractionById.bind(t, interaction.id()))
                .addStatement(feed.change(tenant, INTERACTION_RECORDED, List.of(interaction.node()),
                        interaction.id().toString()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Optional<Interaction>> find(TenantId tenant, UUID id) {
        return session.executeAsync(cql.selectInteractionById.bind(tenant.value(), id)).thenCompose(located -> {
            Row where = located.one();
            if (where == null) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            Instant at = where.getInstant("occurred_at");
            return session.executeAsync(cql.selectInteraction.bind(tenant.value(), where.getUuid("node_id"), bucket(at),
                    at, id)).thenApply(rs -> Optional.ofNullable(rs.one()).map(rows::interaction));
        });
    }

    @Override
    public CompletionStage<List<Interaction>> newestFirst(TenantId tenant, ProfileId node, HistoryWindow window,
                                                          Predicate<Interaction> filter, int limit) {
        Instant latest = window.latest().orElse(FAR_FUTURE);
        Instant earliest = window.from().orElse(Instant.EPOCH);
        if (latest.isBefore(earliest)) {
            return CompletableFuture.completedFuture(List.of());
        }
        return session.executeAsync(cql.selectBuckets.bind(tenant.value(), node.value(),
                        Math.min(bucket(latest), MAX_BUCKET), bucket(earliest)))
                .thenCompose(buckets -> {
                    List<Integer> months = new ArrayList<>();
                    buckets.currentPage().forEach(row -> months.add(row.getInt("bucket")));
                    Collector collector = new Collector(tenant, node, window, filter, limit, latest, earliest, months);
                    return collector.next(0);
                });
    }

    /** Walks one node's months newest first, page by page, until it has enough. */
    private final class Collector {
        private final TenantId tenant;
        private final ProfileId node;
        private final HistoryWindow window;
        private final Predicate<Interaction> filter;
        private final int limit;
        private final Instant latest;
        private final Instant earliest;
        private final List<Integer> months;
        private final List<Interaction> found = new ArrayList<>();

        Collector(TenantId tenant, ProfileId node, HistoryWindow window, Predicate<Interaction> filter, int limit,
                  Instant latest, Instant earliest, List<Integer> months) {
            this.tenant = tenant;
            this.node = node;
            this.window = window;
            this.filter = filter;
            this.limit = limit;
            this.latest = latest;
            this.earliest = earliest;
            this.months = months;
        }

        CompletionStage<List<Interaction>> next(int month) {
            // Older months hold only strictly older interactions: once full, nothing there can tie.
            if (month >= months.size() || full()) {
                return CompletableFuture.completedFuture(found);
            }
            return session.executeAsync(cql.selectInteractions.bind(tenant.value(), node.value(), months.get(month),
                            latest, earliest).setPageSize(Math.min(Math.max(limit + 1, 50), 1000)))
                    .thenCompose(page -> read(page, month));
        }

        private CompletionStage<List<Interaction>> read(AsyncResultSet page, int month) {
            for (Row row : page.currentPage()) {
                Interaction interaction = rows.interaction(row);
                if (full() && interaction.occurredAt().isBefore(found.get(found.size() - 1).occurredAt())) {
                    return CompletableFuture.completedFuture(found);
                }
                if (window.admits(interaction) && filter.test(interaction)) {
                    found.add(interaction);
                }
            }
            if (page.hasMorePages()) {
                return page.fetchNextPage().thenCompose(more -> read(more, month));
            }
            return next(month + 1);
        }

        private boolean full() {
            return found.size() >= limit;
        }
    }
}
