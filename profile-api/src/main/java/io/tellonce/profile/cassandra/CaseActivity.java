package io.tellonce.profile.cassandra;

import com.datastax.oss.driver.api.core.cql.BoundStatement;
import io.tellonce.identity.TenantId;
import io.tellonce.profile.history.CaseEvent;
import io.tellonce.profile.history.CustomerCase;
import io.tellonce.profile.history.Interaction;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The statements that record an event on a case, for the batch of the change that causes it. */
@Singleton
final class CaseActivity {
    private final HistoryStatements cql;

    CaseActivity(HistoryStatements cql) {
        this.cql = cql;
    }

    BoundStatement event(TenantId tenant, UUID caseId, CaseEvent event) {
        return cql.insertCaseEvent.bind(tenant.value(), caseId, event.id(), InteractionRows.name(event.kind()),
                event.status().map(InteractionRows::name).orElse(null),
                event.interactionId().orElse(null), event.actor(), event.note(), event.at());
    }

    /**
     * The case's last activity, on the case and on its node's list, written with the activity's time as
     * write timestamp so that an older activity arriving late never hides a newer one.
     */
    List<BoundStatement> lastActivity(TenantId tenant, CustomerCase aCase, Instant at, UUID interactionId) {
        return lastActivity(tenant, aCase, at, interactionId, CassandraIdentityGraph.micros(at));
    }

    /**
     * A new case's last activity is its opening, written with the lowest write timestamp so that any
     * interaction of the case, even one that happened before the case was opened, replaces it.
     */
    List<BoundStatement> opened(TenantId tenant, CustomerCase aCase) {
        return lastActivity(tenant, aCase, aCase.openedAt(), null, 1);
    }

    private List<BoundStatement> lastActivity(TenantId tenant, CustomerCase aCase, Instant at, UUID interactionId,
                                              long micros) {
        List<BoundStatement> statements = new ArrayList<>();
        statements.add(cql.setCaseActivity.bind(micros, at, interactionId, tenant.value(), aCase.id()));
        statements.add(cql.setNodeCaseActivity.bind(micros, at, interactionId, tenant.value(), aCase.node().value(),
                aCase.id()));
        return statements;
    }

    /** The event and last activity of an interaction joining the case. */
    List<BoundStatement> interactionAdded(TenantId tenant, CustomerCase aCase, Interaction interaction, CaseEvent event) {
        List<BoundStatement> statements = new ArrayList<>(lastActivity(tenant, aCase, interaction.occurredAt(),
                interaction.id()));
        statements.add(event(tenant, aCase.id(), event));
        return statements;
    }
}
