package io.tellonce.profile.cassandra;

import static io.tellonce.profile.cassandra.InteractionRows.name;
import static io.tellonce.profile.cassandra.InteractionRows.text;
import static io.tellonce.profile.cassandra.InteractionRows.value;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.AsyncResultSet;
import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchStatementBuilder;
import com.datastax.oss.driver.api.core.cql.DefaultBatchType;
import com.datastax.oss.driver.api.core.cql.Row;
import io.tellonce.identity.ProfileId;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.CaseEvent;
import io.tellonce.profile.history.CaseStatus;
import io.tellonce.profile.history.CaseStore;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.Interaction;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Cases in Cassandra: one partition per case (its state and its history) and a small list per node.
 * Every change is one logged batch with its change-feed row.
 */
@Singleton
final class CassandraCaseStore implements CaseStore {
    /** The change published for every case opened or changed; detail = the case id. */
    static final String CASE_CHANGED = ChangeFeed.CASE_CHANGED;

    private final CqlSession session;
    private final HistoryStatements cql;
    private final CaseActivity activity;
    private final InteractionRows interactions;
    private final ChangeFeed feed;
    private final Clock clock;

    CassandraCaseStore(CqlSession session, HistoryStatements cql, CaseActivity activity, InteractionRows interactions,
                       ChangeFeed feed, Clock clock) {
        this.session = session;
        this.cql = cql;
        this.activity = activity;
        this.interactions = interactions;
        this.feed = feed;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> open(TenantId tenant, CustomerCase opened, CaseEvent event) {
        String t = tenant.value();
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.insertCase.bind(t, opened.id(), opened.node().value(), opened.title(), opened.topic(),
                        name(opened.status()), opened.openedBy(), opened.openedAt(), opened.updatedAt()))
                .addStatement(cql.upsertNodeCase.bind(t, opened.node().value(), opened.id(), opened.title(),
                        opened.topic(), name(opened.status()), opened.openedAt(), opened.updatedAt()))
                .addStatement(activity.event(tenant, opened.id(), event));
        activity.opened(tenant, opened).forEach(batch::addStatement);
        batch.addStatement(feed.change(tenant, CASE_CHANGED, List.of(opened.node()), opened.id().toString()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> withdraw(TenantId tenant, CustomerCase opened) {
        String t = tenant.value();
        long after = PersonalDataRemoval.aheadOfAcceptedWrites(clock);
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.deleteCase.bind(after, t, opened.id()))
                .addStatement(cql.deleteNodeCase.bind(after, t, opened.node().value(), opened.id()))
                .addStatement(feed.change(tenant, CASE_CHANGED, List.of(opened.node()), opened.id().toString()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Void> update(TenantId tenant, CustomerCase changed, List<CaseEvent> events,
                                        Optional<Interaction> added) {
        String t = tenant.value();
        Set<ProfileId> touched = new LinkedHashSet<>(List.of(changed.node()));
        BatchStatementBuilder batch = BatchStatement.builder(DefaultBatchType.LOGGED)
                .addStatement(cql.setCaseStatus.bind(name(changed.status()), changed.updatedAt(), t, changed.id()))
                .addStatement(cql.setNodeCaseStatus.bind(name(changed.status()), changed.updatedAt(), t,
                        changed.node().value(), changed.id()));
        events.forEach(event -> batch.addStatement(activity.event(tenant, changed.id(), event)));
        added.ifPresent(interaction -> {
            batch.addStatement(cql.setInteractionCase.bind(changed.id(), t, interaction.node().value(),
                    CassandraInteractionStore.bucket(interaction.occurredAt()), interaction.occurredAt(),
                    interaction.id()));
            activity.lastActivity(tenant, changed, interaction.occurredAt(), interaction.id()).forEach(batch::addStatement);
            touched.add(interaction.node());
        });
        batch.addStatement(feed.change(tenant, CASE_CHANGED, touched, changed.id().toString()));
        return session.executeAsync(batch.setIdempotence(true).build()).thenApply(done -> null);
    }

    @Override
    public CompletionStage<Optional<CustomerCase>> find(TenantId tenant, UUID caseId) {
        return session.executeAsync(cql.selectCase.bind(tenant.value(), caseId))
                .thenCompose(first -> collect(first, new ArrayList<>()))
                .thenApply(rows -> rows.isEmpty() || rows.get(0).getUuid("node_id") == null ? Optional.empty()
                        : Optional.of(withHistory(caseId, rows)));
    }

    private CompletionStage<List<Row>> collect(AsyncResultSet page, List<Row> rows) {
        page.currentPage().forEach(rows::add);
        return page.hasMorePages() ? page.fetchNextPage().thenCompose(next -> collect(next, rows))
                : CompletableFuture.completedFuture(rows);
    }

    private static CustomerCase withHistory(UUID caseId, List<Row> rows) {
        Row head = rows.get(0);
        List<CaseEvent> history = rows.stream().filter(row -> row.getUuid("event_id") != null).map(row -> new CaseEvent(
                row.getUuid("event_id"), value(CaseEvent.Kind.class, row.getString("event")),
                Optional.ofNullable(row.getString("event_status")).map(s -> value(CaseStatus.class, s)),
                Optional.ofNullable(row.getUuid("interaction_id")), text(row, "actor"), text(row, "note"),
                row.getInstant("event_at"))).toList();
        return new CustomerCase(caseId, new ProfileId(head.getUuid("node_id")), text(head, "title"), text(head, "topic"),
                value(CaseStatus.class, head.getString("status")), text(head, "opened_by"), head.getInstant("opened_at"),
                head.getInstant("updated_at"), head.getInstant("last_activity_at"),
                Optional.ofNullable(head.getUuid("last_interaction_id")), history);
    }

    @Override
    public CompletionStage<List<CustomerCase>> ofNode(TenantId tenant, ProfileId node) {
        return session.executeAsync(cql.selectNodeCases.bind(tenant.value(), node.value()))
                .thenCompose(first -> collect(first, new ArrayList<>()))
                .thenApply(rows -> rows.stream().filter(row -> row.getString("status") != null)
                        .map(row -> new CustomerCase(row.getUuid("case_id"), node, text(row, "title"),
                                text(row, "topic"), value(CaseStatus.class, row.getString("status")), "",
                                row.getInstant("opened_at"), row.getInstant("updated_at"),
                                row.getInstant("last_activity_at"), Optional.ofNullable(row.getUuid("last_interaction_id")),
                                List.of()))
                        .toList());
    }
}
